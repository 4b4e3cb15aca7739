import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite serves the app and forwards API and socket traffic to a running
// server, so the browser sees a single origin just as in production (where the server
// serves dist/ itself). Once the server checks `Origin` (the Accounts work), start it
// with PUBLIC_URL set to the Vite origin (e.g. http://localhost:5173) for dev.
const target = process.env.INKWELL_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Two copies of Yjs break `instanceof` checks and silently desync documents.
    dedupe: ['yjs', 'y-protocols'],
  },
  server: {
    proxy: {
      '/api': target,
      '/healthz': target,
      '/ws': { target, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    // The lazily loaded editor chunk (Tiptap + ProseMirror + Yjs) is ~530 kB on its own.
    chunkSizeWarningLimit: 600,
  },
});
