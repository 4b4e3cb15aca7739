// Document membership: who may open which document, and as what. Exactly one owner per
// document (set by createDoc, or by the first user's createUser for documents older than
// accounts), any number of editors, commenters and viewers. Memberships go with their document.
import type { UserRecord } from './account-store.ts';
import type { DocRecord } from './document-store.ts';
import type { Role } from './roles.ts';

export type { Role } from './roles.ts';

export interface MemberRecord {
  user: UserRecord;
  role: Role;
}

export interface MemberStore {
  /**
   * Also for a document in the trash, whose memberships are kept for its restore: callers
   * that open a document check getDoc as well.
   */
  getRole(docId: string, userId: string): Promise<Role | undefined>;
  /** Owner first, then by the time they were added (ties: insertion order). */
  listMembers(docId: string): Promise<MemberRecord[]>;
  /**
   * Adds or changes an editor, commenter or viewer; a role change keeps the member's place in
   * the list. Throws OwnerChangeError for the owner, DocNotFoundError for an unknown document,
   * and throws for an unknown user.
   */
  setMember(docId: string, userId: string, role: 'editor' | 'commenter' | 'viewer', now: number): Promise<void>;
  /** false when the user was not a member; refuses to remove the owner (OwnerChangeError). */
  removeMember(docId: string, userId: string): Promise<boolean>;
  /** The documents `userId` is a member of, with their role; same order as listDocs, none in the trash. */
  listDocsForUser(userId: string): Promise<(DocRecord & { role: Role })[]>;
}
