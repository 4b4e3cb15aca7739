// Bundles the server into dist/main.js. Workspace packages (@inkwell/*) are TypeScript
// without a build step, so they are inlined; npm dependencies stay external and are loaded
// from node_modules at run time (better-sqlite3 is a native addon and must never be bundled).

import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@inkwell/'));

// An optional argument builds elsewhere (benchmarks take a frozen copy next to dist/ so that
// npm dependencies still resolve from this package's node_modules).
const outfile = process.argv[2] ?? 'dist/main.js';

await build({
  entryPoints: ['src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
