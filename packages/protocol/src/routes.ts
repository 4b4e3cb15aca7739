// Paths shared by the server's router and the web client.
export const Routes = {
  healthz: '/healthz',
  register: '/api/auth/register',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/me',
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
  /** With `threadId`, the page opens with that comment thread shown. */
  doc: (id: string, threadId?: string) => `/d/${encodeURIComponent(id)}${threadId ? `?thread=${encodeURIComponent(threadId)}` : ''}`,
} as const;
