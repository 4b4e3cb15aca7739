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
  doc: (id: string) => `/d/${encodeURIComponent(id)}`,
} as const;
