// Loads faulty-conversion-worker.ts through tsx in a worker thread (as
// src/documents/content/conversion-worker-source.mjs does for the real one).
import { register } from 'tsx/esm/api';

register();
await import('./faulty-conversion-worker.ts');
