import type { Role, ShareRole } from '@inkwell/protocol';

// The texts are part of the e2e contract.
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Can edit',
  commenter: 'Can comment',
  viewer: 'View only',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'You own this document: you can edit, share and delete it',
  editor: 'You can edit and rename this document',
  commenter: 'You can read this document and comment on it, but not change its text',
  viewer: 'You can read this document but not change it',
};

/** Rename and typing: owners and editors (the server drops commenters' and viewers' edits). */
export const canEdit = (role: Role): boolean => role === 'owner' || role === 'editor';

/** Opening threads and replying: everyone but viewers (the server answers a viewer 403). */
export const canComment = (role: Role): boolean => role !== 'viewer';

/** Share and delete. */
export const isOwner = (role: Role): boolean => role === 'owner';

/** The roles an owner can give, in the order the pickers list them. */
export const SHARE_ROLES: readonly ShareRole[] = ['editor', 'commenter', 'viewer'];

/** "Ben can now edit this document.", for the share form's confirmation. */
export const SHARE_ROLE_VERBS: Record<ShareRole, string> = {
  editor: 'edit',
  commenter: 'comment on',
  viewer: 'view',
};
