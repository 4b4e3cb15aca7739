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
  /** A `manual` version of the content now (editors and owner). */
  createVersion(docId: string, author: PublicUser, role: Role, label: string | undefined): Promise<Version>;
  listVersions(docId: string): Promise<Version[]>;
  getVersion(docId: string, versionId: string): Promise<VersionContent>;
  /** Editors and owner; see RPC_METHODS['version.restore']. */
  restoreVersion(docId: string, versionId: string, user: PublicUser, role: Role): Promise<{ restored: Version; backup: Version }>;
}
