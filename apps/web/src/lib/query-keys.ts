export const queryKeys = {
  /** The signed-in account: User, or null when signed out. */
  me: ['me'] as const,
  docs: ['docs'] as const,
  doc: (id: string) => ['doc', id] as const,
  members: (docId: string) => ['members', docId] as const,
  versions: (docId: string) => ['versions', docId] as const,
  /** NotificationList: the newest notifications and the unread count. */
  notifications: ['notifications'] as const,
};
