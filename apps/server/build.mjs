// Bundles the server into dist/main.js, its conversion worker thread into
// dist/conversion-worker.js and the maintenance command into dist/doctor.js. Workspace
// packages (@inkwell/*) are TypeScript without a build step, so they are inlined; npm dependencies stay external and are loaded
// from node_modules at run time (better-sqlite3 is a native addon and must never be bundled).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@inkwell/'));

// An optional argument builds elsewhere (benchmarks take a frozen copy next to dist/ so that
// npm dependencies still resolve from this package's node_modules).
const outfile = process.argv[2] ?? 'dist/main.js';

const options = { bundle: true, platform: 'node', target: 'node20', format: 'esm', sourcemap: true, external, logLevel: 'warning' };
await build({ ...options, entryPoints: ['src/main.ts'], outfile });
// The conversion worker thread, beside main.js wherever that goes: the server starts it from
// `new URL('./conversion-worker.js', import.meta.url)` (documents/content/conversion-pool.ts).
await build({
  ...options,
  entryPoints: ['src/documents/content/conversion-worker.ts'],
  outfile: join(dirname(outfile), 'conversion-worker.js'),
});
// `node apps/server/dist/doctor.js` is `pnpm run doctor` on a machine without dev dependencies.
if (!process.argv[2]) await build({ ...options, entryPoints: ['src/doctor.ts'], outfile: 'dist/doctor.js' });
