// Paths shared by the server's router and the web client.
export const Routes = {
  healthz: '/healthz',
  register: '/api/auth/register',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/me',
  members: (id: string) => `/api/docs/${encodeURIComponent(id)}/members`,
  member: (id: string, userId: string) => `/api/docs/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`,
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
