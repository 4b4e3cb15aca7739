export const queryKeys = {
  /** The signed-in account: User, or null when signed out. */
  me: ['me'] as const,
  docs: ['docs'] as const,
  /** The caller's trashed documents. */
  trash: ['trash'] as const,
  doc: (id: string) => ['doc', id] as const,
  /** Results of one search (the query as sent, trimmed). */
  search: (q: string) => ['search', q] as const,
  members: (docId: string) => ['members', docId] as const,
  /** NotificationList: the newest notifications and the unread count. */
  notifications: ['notifications'] as const,
  /** A document's versions, newest first (fetched over the document socket). */
  versions: (docId: string) => ['versions', docId] as const,
  /** A document's comment threads, resolved ones too (fetched over the document socket). */
  threads: (docId: string) => ['threads', docId] as const,
  /** One version with its content, for the preview; a version never changes once made. */
  versionContent: (docId: string, versionId: string) => ['version', docId, versionId] as const,
  /** A version's diff against the one before it or against the document now. */
  versionDiff: (docId: string, versionId: string, against: 'previous' | 'current') => ['version-diff', docId, versionId, against] as const,
};
