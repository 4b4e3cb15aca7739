import type { Role, ShareRole } from '@inkwell/protocol';

// The texts are part of the e2e contract.
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Can edit',
  viewer: 'View only',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'You own this document: you can edit, share and delete it',
  editor: 'You can edit and rename this document',
  viewer: 'You can read this document but not change it',
};

/** Rename and typing: owners and editors (the server refuses viewers the same way). */
export const canEdit = (role: Role): boolean => role !== 'viewer';

/** Share and delete. */
export const isOwner = (role: Role): boolean => role === 'owner';

/** The roles an owner can give, in the order the pickers list them. */
export const SHARE_ROLES: readonly ShareRole[] = ['editor', 'viewer'];
