// How long the server's main thread is blocked by one content request: the real server
// in-process on port 0, one request at a time over HTTP, and perf_hooks.monitorEventLoopDelay
// around each (the longest delay is how long every other socket and request waited at most).
// Also the process's CPU time per request (all threads: main, conversion workers, GC).
//
//   cd apps/server && npx tsx ../../bench/content-blocking.ts [--src <server src dir>] [--repeat 3]
//
// --src runs another copy of the server's source (e.g. an older commit extracted with
// `git archive`, its node_modules linked to apps/server/node_modules) for a before/after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { realisticMarkdown } from '../apps/server/test/support/markdown-corpus.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const src = resolve(arg('src') ?? new URL('../apps/server/src', import.meta.url).pathname);
const repeat = Number(arg('repeat') ?? 2);

const { createServer } = (await import(pathToFileURL(join(src, 'server.ts')).href)) as typeof import('../apps/server/src/server.ts');
const { silentLogger } = (await import(pathToFileURL(join(src, 'logger.ts')).href)) as typeof import('../apps/server/src/logger.ts');

const dataDir = mkdtempSync(join(tmpdir(), 'inkwell-blocking-'));
const server = createServer(
  { host: '127.0.0.1', port: 0, dataDir, logLevel: 'silent', maxPayloadBytes: 16 * 1024 * 1024 },
  { logger: silentLogger },
);
const url = await server.listen();
const register = await fetch(`${url}/api/auth/register`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.test', password: 'correct horse battery', name: 'Bench' }),
});
const cookie = register.headers.getSetCookie()[0]!.split(';')[0]!;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function measure(label: string, mb: number, request: () => Promise<Response>): Promise<Response> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // Its first timer run only sets the baseline: a block before it would go unseen.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const cpu = cpuMs();
  const started = performance.now();
  const res = await request();
  const body = await res.arrayBuffer();
  const wall = performance.now() - started;
  // The histogram records a block when its timer finally runs, after it: give it a few turns.
  await new Promise((resolve) => setTimeout(resolve, 50));
  histogram.disable();
  const used = cpuMs() - cpu;
  if (!res.ok) throw new Error(`${label}: ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
  const perMb = mb > 0 ? `, ${(used / 1000 / mb).toFixed(2)} s CPU/MB` : '';
  console.log(
    `${label.padEnd(34)} longest loop delay ${(histogram.max / 1e6).toFixed(0).padStart(6)} ms, p99 ${(histogram.percentile(99) / 1e6).toFixed(0).padStart(5)} ms | wall ${wall.toFixed(0).padStart(6)} ms | CPU ${used.toFixed(0).padStart(6)} ms${perMb}`,
  );
  return new Response(body, { status: res.status, headers: res.headers });
}

const importDoc = (markdown: string) => () =>
  fetch(`${url}/api/docs/import`, { method: 'POST', headers: { 'content-type': 'text/markdown', cookie }, body: markdown });

const sizes = [0.1, 1, 5];
const corpus = new Map(sizes.map((mb) => [mb, realisticMarkdown(mb * 1024 * 1024 - (mb === 5 ? 64 * 1024 : 0))]));
let bigDoc = '';
for (let round = 1; round <= repeat; round++) {
  console.log(`\n# round ${round}`);
  for (const mb of sizes) {
    const markdown = corpus.get(mb)!;
    const res = await measure(`import ${mb} MB`, Buffer.byteLength(markdown) / 1024 / 1024, importDoc(markdown));
    if (mb === 5) bigDoc = ((await res.json()) as { id: string }).id;
  }
  for (const format of ['md', 'html', 'json']) {
    await measure(`export 5 MB doc as ${format}`, 0, () =>
      fetch(`${url}/api/docs/${bigDoc}/export?format=${format}`, { headers: { cookie } }),
    );
  }
  await measure('GET content of the 5 MB doc', 0, () => fetch(`${url}/api/docs/${bigDoc}/content`, { headers: { cookie } }));
  const oneMb = corpus.get(1)!;
  await measure('POST content append 1 MB (5 MB doc)', 1, () =>
    fetch(`${url}/api/docs/${bigDoc}/content`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ markdown: oneMb, mode: 'append' }),
    }),
  );
}

await server.close();
rmSync(dataDir, { recursive: true, force: true });
