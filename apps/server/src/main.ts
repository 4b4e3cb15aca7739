// Process entry: the server with its defaults (server-process.ts). Nothing else.
import { fileURLToPath } from 'node:url';
import { runServerProcess } from './server-process.ts';

// dist/main.js and src/main.ts both sit two levels below apps/, next to apps/web/dist.
await runServerProcess({ webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)) });
