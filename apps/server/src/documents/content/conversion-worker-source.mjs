// The conversion worker run from source (vitest, `pnpm dev`): a worker thread does not get
// its parent's tsx loader on Node 20, so it registers tsx itself before loading the .ts entry.
// The bundle never uses this file (build.mjs builds dist/conversion-worker.js).
import { register } from 'tsx/esm/api';

register();
await import('./conversion-worker.ts');
