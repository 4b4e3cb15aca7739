import type { Doc, PublicUser, Version, VersionContent } from '@inkwell/protocol';
import type { Role } from '../storage/storage.ts';

/**
 * The document operations RPC handlers (and HTTP routes) share. Failures a client can cause
 * are ProtocolErrors (NOT_FOUND, FORBIDDEN); the HTTP layer maps them to statuses.
 */
export interface AppServices {
  docInfo(docId: string, role: Role): Promise<Doc>;
  /** Renames and pushes `docPatch {title, updatedAt}` to every client of the document. */
  renameDoc(docId: string, title: string, role: Role): Promise<Doc>;
  createVersion(docId: string, author: PublicUser, label: string | undefined, reason?: Version['reason']): Promise<Version>;
  listVersions(docId: string): Promise<Version[]>;
  getVersion(docId: string, versionId: string): Promise<VersionContent>;
  restoreVersion(docId: string, versionId: string, user: PublicUser): Promise<{ restored: Version; backup: Version }>;
}
