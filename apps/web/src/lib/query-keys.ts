export const queryKeys = {
  /** The signed-in account: User, or null when signed out. */
  me: ['me'] as const,
  docs: ['docs'] as const,
  /** The caller's trashed documents. */
  trash: ['trash'] as const,
  doc: (id: string) => ['doc', id] as const,
  members: (docId: string) => ['members', docId] as const,
  /** NotificationList: the newest notifications and the unread count. */
  notifications: ['notifications'] as const,
  /** A document's versions, newest first (fetched over the document socket). */
  versions: (docId: string) => ['versions', docId] as const,
  /** One version with its content, for the preview; a version never changes once made. */
  /** A document's comment threads, resolved ones too (fetched over the document socket). */
  threads: (docId: string) => ['threads', docId] as const,
  versionContent: (docId: string, versionId: string) => ['version', docId, versionId] as const,
};
