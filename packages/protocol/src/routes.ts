// Paths shared by the server's router and the web client.
export const Routes = {
  healthz: '/healthz',
  docs: '/api/docs',
  doc: (id: string) => `/api/docs/${encodeURIComponent(id)}`,
  /** y-websocket appends `/<docId>` to this base URL. */
  docSocketBase: '/ws/doc',
  docSocket: (id: string) => `/ws/doc/${encodeURIComponent(id)}`,
} as const;

/** Web app pages (client-side routes; the server answers them with index.html). */
export const Pages = {
  home: '/',
  doc: (id: string) => `/d/${encodeURIComponent(id)}`,
} as const;
