// Paths shared by the server's router and the web client.
export const Routes = {
  healthz: '/healthz',
  register: '/api/auth/register',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/me',
  /** POST {currentPassword, newPassword}: 204; every other session of the account ends. */
  mePassword: '/api/me/password',
  members: (id: string) => `/api/docs/${encodeURIComponent(id)}/members`,
  member: (id: string, userId: string) => `/api/docs/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`,
  versions: (id: string) => `/api/docs/${encodeURIComponent(id)}/versions`,
  /** Comments (API.md §7): the threads, one thread, its replies, one comment. */
  comments: (id: string) => `/api/docs/${encodeURIComponent(id)}/comments`,
  thread: (id: string, threadId: string) => `/api/docs/${encodeURIComponent(id)}/comments/${encodeURIComponent(threadId)}`,
  replies: (id: string, threadId: string) => `/api/docs/${encodeURIComponent(id)}/comments/${encodeURIComponent(threadId)}/replies`,
  comment: (id: string, threadId: string, commentId: string) =>
    `/api/docs/${encodeURIComponent(id)}/comments/${encodeURIComponent(threadId)}/replies/${encodeURIComponent(commentId)}`,
  notifications: '/api/notifications',
  notificationRead: (id: string) => `/api/notifications/${encodeURIComponent(id)}/read`,
  notificationsReadAll: '/api/notifications/read-all',
  /** The SSE stream (API.md §4). */
  events: '/api/events',
  metrics: '/metrics',
  /** Document lifecycle (API.md §6). */
  search: '/api/search',
  trash: '/api/trash',
  trashed: (id: string) => `/api/trash/${encodeURIComponent(id)}`,
  trashRestore: (id: string) => `/api/trash/${encodeURIComponent(id)}/restore`,
  exportDoc: (id: string, format: 'md' | 'html' | 'json') => `/api/docs/${encodeURIComponent(id)}/export?format=${format}`,
  importDoc: '/api/docs/import',
  content: (id: string) => `/api/docs/${encodeURIComponent(id)}/content`,
  versionDiff: (id: string, versionId: string, against: 'previous' | 'current') =>
    `/api/docs/${encodeURIComponent(id)}/versions/${encodeURIComponent(versionId)}/diff?against=${against}`,
  /** Images (API.md §8): upload to `images`, read from `image` (the url the upload answers). */
  images: (id: string) => `/api/docs/${encodeURIComponent(id)}/images`,
  image: (id: string, imageId: string) => `/api/docs/${encodeURIComponent(id)}/images/${encodeURIComponent(imageId)}`,
  docs: '/api/docs',
  doc: (id: string) => `/api/docs/${encodeURIComponent(id)}`,
  /** y-websocket appends `/<docId>` to this base URL. */
  docSocketBase: '/ws/doc',
  docSocket: (id: string) => `/ws/doc/${encodeURIComponent(id)}`,
} as const;

/** Web app pages (client-side routes; the server answers them with index.html). */
export const Pages = {
  home: '/',
  signIn: '/signin',
  signUp: '/signup',
  trash: '/trash',
  /** The account's name and password. */
  settings: '/settings',
  /** With `threadId`, the page opens with that comment thread shown. */
  doc: (id: string, threadId?: string) => `/d/${encodeURIComponent(id)}${threadId ? `?thread=${encodeURIComponent(threadId)}` : ''}`,
} as const;
