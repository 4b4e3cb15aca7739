// Launches N Inkwell instances on one fresh PostgreSQL database (and, for N > 1, the local
// Redis) behind a small TCP proxy on --port: what `bench/cluster.mjs` hands the harness as one
// target. The proxy sends a document socket whose URL carries `c=<client index>` to instance
// c mod N, so half the clients of every room sit on each of two instances; anything else
// (the pre-step's HTTP) goes round robin. Both targets of a run use the same proxy, so the
// extra hop is in both. `--route doc` sends every socket of a document to one instance instead
// (a hash of its id, what nginx's `hash $request_uri consistent` does in docs/deploy.md).
//
//   node bench/cluster-launch.mjs --port 4100 --instances 2 [--route client|doc] [--server apps/server/dist/main.js]
//
// SIGTERM stops the instances (they store and exit), drops the database and exits.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values: a } = parseArgs({
  options: {
    port: { type: 'string' },
    instances: { type: 'string', default: '1' },
    route: { type: 'string', default: 'client' },
    server: { type: 'string', default: path.join(root, 'apps/server/dist/main.js') },
    'pg-url': { type: 'string', default: process.env.INKWELL_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test' },
    'redis-url': { type: 'string', default: process.env.INKWELL_BENCH_REDIS_URL || 'redis://127.0.0.1:6379' },
  },
});
const n = Number(a.instances);
if (!a.port || !(n >= 1) || !['client', 'doc'].includes(a.route)) {
  throw new Error('usage: cluster-launch.mjs --port P --instances N [--route client|doc]');
}

// node-postgres from the server's own dependencies.
const pg = createRequire(path.join(root, 'apps/server/package.json'))('pg');
const dbName = `inkwell_bench_${randomBytes(5).toString('hex')}`;
const admin = async (sql) => {
  const client = new pg.Client({ connectionString: a['pg-url'] });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};
await admin(`CREATE DATABASE ${dbName}`);
const dbUrl = new URL(a['pg-url']);
dbUrl.pathname = `/${dbName}`;

const children = [];
const backends = [];
for (let i = 0; i < n; i++) {
  // This script's own node flags go to the instances too: `pnpm bench -- --cpu-prof` profiles them.
  const child = spawn(process.execPath, [...process.execArgv, a.server], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      DATABASE_URL: dbUrl.toString(),
      // One instance alone runs as it would be deployed alone: no bus.
      ...(n > 1 ? { REDIS_URL: a['redis-url'] } : {}),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`instance ${i} exited ${code} before listening`)));
  });
  backends.push(port);
  // The first migrates the database; the others start after it.
}

let rr = 0;
/** The instance for a request: by client index or by document (a document socket), else round robin. */
function pick(head) {
  if (a.route === 'doc') {
    const doc = /^GET \/ws\/doc\/([^ ?/]+)/.exec(head);
    if (doc) return createHash('sha1').update(doc[1]).digest().readUInt32BE(0) % n;
  } else {
    const c = /^GET \/ws\/doc\/[^ ]*[?&]c=(\d+)/.exec(head);
    if (c) return Number(c[1]) % n;
  }
  return rr++ % n;
}
const proxy = createServer((client) => {
  client.once('data', (first) => {
    const backend = backends[pick(first.subarray(0, 2048).toString('latin1'))];
    const upstream = connect(backend, '127.0.0.1');
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    upstream.write(first);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  client.on('error', () => client.destroy());
});
proxy.listen(Number(a.port), '127.0.0.1');
await once(proxy, 'listening');
process.stdout.write(`listening on http://127.0.0.1:${a.port} (instances on ${backends.join(', ')})\n`);

// INKWELL_BENCH_METRICS_DIR: each instance's /metrics as last read before the run ended (read
// every second: the harness stops the instances with this process), to see where a delivery's
// time went (persist, relay, bus lag).
const metricsDir = process.env.INKWELL_BENCH_METRICS_DIR;
const lastMetrics = backends.map(() => '');
const scraper =
  metricsDir &&
  setInterval(() => {
    for (const [i, port] of backends.entries()) {
      fetch(`http://127.0.0.1:${port}/metrics`).then(
        (r) =>
          r.text().then((text) => {
            lastMetrics[i] = text;
          }),
        () => {},
      );
    }
  }, 1000);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  proxy.close();
  if (metricsDir) {
    clearInterval(scraper);
    mkdirSync(metricsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (const [i, text] of lastMetrics.entries()) writeFileSync(path.join(metricsDir, `${stamp}-n${n}-i${i}.prom`), text);
  }
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
