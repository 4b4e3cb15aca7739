#!/usr/bin/env node
// Does the server give memory back after documents are opened and closed?
//
// Starts the server (apps/server/dist/main.js, built by `pnpm bench` or `pnpm build`; fresh DATA_DIR, PORT=0), then
// with stock y-websocket clients opens and closes N documents in concurrent batches. Per
// document: POST /api/docs, connect a WebsocketProvider, wait for 'sync', insert a little
// text, wait until the server has it stored, disconnect. The server's RSS (VmRSS of
// /proc/<pid>/status) is sampled every 100 ms and reported before, at peak, right after the
// last document closed, and after a settle period.
//
// "Stored": after the insert the client sends a second sync step 1 with an empty state vector.
// Inkwell answers a step 1 only once every update applied before it has committed, so the
// step 2 answer that contains our text proves it is in SQLite (docs/protocol.md, "Persist
// before relay"). The script checks that the answer contains the text.
//
//   node bench/rooms-memory.mjs                       # 1000 docs, batches of 50, 1 round
//   node bench/rooms-memory.mjs --rounds 3 --settle 15 --json bench/results/rooms-memory.json
//
// With --rounds R the whole open/close cycle runs R times on the same server; RSS after each
// round tells a leak (grows every round) from heap that V8 keeps for reuse (flat after round 1).
// With --probe on (default) the server runs with `--expose-gc --require bench/heap-probe.cjs`
// (the server code is unchanged): after each settle the script asks it for a full GC and reads
// heapUsed and RSS after it, which separates memory still referenced from memory merely not yet
// collected or not returned to the OS. --probe off measures the stock process.
// Loopback only; every server started here is stopped (SIGTERM, then SIGKILL) before exit.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../apps/server');

const { values: a } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '1' },
    settle: { type: 'string', default: '10' }, // seconds after the last close
    server: { type: 'string', default: path.join(serverDir, 'dist/main.js') },
    verify: { type: 'string', default: '20' }, // docs re-opened at the end to check their text
    probe: { type: 'string', default: 'on' }, // preload heap-probe.cjs (forced GC + heap figures)
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (a.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0]);
  process.exit(0);
}
const N = Number(a.docs);
const B = Number(a.batch);
const ROUNDS = Number(a.rounds);
const SETTLE_S = Number(a.settle);

// Stock clients, resolved from the server package's node_modules (one CommonJS instance of
// each, so y-websocket, y-protocols and our code share one Yjs).
const require = createRequire(path.join(serverDir, 'package.json'));
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const PlainWS = require('ws');
// Every socket carries the bench account's session cookie (set once registered, below).
let cookie = '';
class WS extends PlainWS {
  constructor(url, protocols) {
    super(url, protocols, { headers: cookie ? { cookie } : {} });
  }
}
const syncProtocol = require('y-protocols/sync');
const encoding = require('lib0/encoding');
const decoding = require('lib0/decoding');

process.setMaxListeners(0); // each y-websocket provider adds a process 'exit' listener
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const r1 = (v) => Math.round(v * 10) / 10;

/* ------------------------------------------------------------------ server */

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'inkwell-rooms-memory-'));
const probeOn = a.probe === 'on';
const nodeArgs = probeOn ? ['--expose-gc', '--require', path.join(here, 'heap-probe.cjs')] : [];
const server = spawn(process.execPath, [...nodeArgs, a.server], {
  cwd: serverDir,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverExited = null;
server.on('exit', (code, signal) => {
  serverExited = { code, signal };
});
let serverLog = '';
let probeWaiter = null;
let stderrBuf = '';
server.stderr.on('data', (d) => {
  stderrBuf += d;
  for (let nl = stderrBuf.indexOf('\n'); nl >= 0; nl = stderrBuf.indexOf('\n')) {
    const line = stderrBuf.slice(0, nl);
    stderrBuf = stderrBuf.slice(nl + 1);
    if (line.startsWith('heap-probe ')) probeWaiter?.(JSON.parse(line.slice(11)));
    else serverLog += `${line}\n`;
  }
});

/** Forced full GC in the server, then its memory figures in MB (null without the probe). */
async function probe() {
  if (!probeOn || serverExited) return null;
  const got = new Promise((resolve) => {
    probeWaiter = resolve;
  });
  server.kill('SIGUSR2');
  const m = await Promise.race([got, sleep(5000).then(() => null)]);
  probeWaiter = null;
  if (!m) return null;
  const mb = (b) => r1(b / 2 ** 20);
  return {
    rssAfterGc: mb(m.rss),
    heapUsed: mb(m.heapUsed),
    heapTotal: mb(m.heapTotal),
    external: mb(m.external),
    arrayBuffers: mb(m.arrayBuffers),
  };
}

async function stopServer() {
  if (serverExited) return serverExited;
  server.kill('SIGTERM');
  for (let i = 0; i < 100 && !serverExited; i++) await sleep(50);
  if (!serverExited) {
    server.kill('SIGKILL');
    for (let i = 0; i < 60 && !serverExited; i++) await sleep(50);
  }
  return serverExited;
}
let cleaning = false;
async function cleanup() {
  if (cleaning) return;
  cleaning = true;
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
}
process.on('SIGINT', () => cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => cleanup().then(() => process.exit(143)));

const port = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`server did not print its port within 15 s; stderr: ${serverLog}`)), 15000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/listening on http:\/\/[^:\s]+:(\d+)/);
    if (m) {
      clearTimeout(timer);
      resolve(Number(m[1]));
    }
  });
  server.once('exit', (code) => {
    clearTimeout(timer);
    reject(new Error(`server exited (${code}) during start: ${serverLog}`));
  });
}).catch(async (e) => {
  await cleanup();
  throw e;
});
server.stdout.resume();
const base = `http://127.0.0.1:${port}`;

/* ------------------------------------------------------------- RSS sampling */

function readStatusKB(field) {
  const s = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const m = s.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  return m ? Number(m[1]) : null;
}
const rssMB = () => r1(readStatusKB('VmRSS') / 1024);
const samples = []; // [msSinceStart, MB]
const t0 = performance.now();
let peak = { mb: 0, atMs: 0, phase: '' };
let phase = 'start';
const sampler = setInterval(() => {
  if (serverExited) return;
  const mb = rssMB();
  const at = Math.round(performance.now() - t0);
  samples.push([at, mb]);
  if (mb > peak.mb) peak = { mb, atMs: at, phase };
}, 100);

/* ----------------------------------------------------------- one document */

const stats = { created: 0, synced: 0, stored: 0, closed: 0, failures: [] };
const docIds = [];

function encodeStep1Empty() {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0); // messageSync
  syncProtocol.writeSyncStep1(enc, new Y.Doc()); // empty state vector: "send me everything"
  return encoding.toUint8Array(enc);
}
const STEP1_EMPTY = encodeStep1Empty();

/** Resolves with the text of the first sync step 2 the socket receives from now on. */
function nextStep2Text(ws) {
  return new Promise((resolve) => {
    const onMessage = (event) => {
      const dec = decoding.createDecoder(new Uint8Array(event.data));
      if (decoding.readVarUint(dec) !== 0) return; // not sync
      if (decoding.readVarUint(dec) !== 1) return; // not step 2
      const update = decoding.readVarUint8Array(dec);
      ws.removeEventListener('message', onMessage);
      const probe = new Y.Doc();
      Y.applyUpdate(probe, update);
      resolve(probe.getText('text').toString());
      probe.destroy();
    };
    ws.addEventListener('message', onMessage);
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timeout after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function signIn() {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `rooms-memory-${Date.now()}@bench.test`, password: 'bench-password', name: 'Bench' }),
  });
  if (res.status !== 201) throw new Error(`register -> ${res.status} ${(await res.text()).slice(0, 200)}`);
  cookie = res.headers.getSetCookie()[0].split(';')[0];
}

let signedIn = null; // one registration, shared by the concurrent first batch
async function createDoc(title) {
  signedIn ??= signIn();
  await signedIn;
  const res = await fetch(`${base}/api/docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`POST /api/docs -> ${res.status} ${body.slice(0, 200)}`);
  return JSON.parse(body).id;
}

async function openEditClose(k, round) {
  const id = await createDoc(`rooms-memory ${round}/${k}`);
  stats.created++;
  docIds.push(id);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/ws/doc`, id, doc, {
    WebSocketPolyfill: WS,
    disableBc: true,
  });
  let ws = null;
  try {
    await withTimeout(
      new Promise((resolve) => {
        if (provider.synced) return resolve();
        provider.once('sync', (s) => s && resolve());
      }),
      15000,
      `doc ${id} sync`,
    );
    stats.synced++;
    ws = provider.ws;
    const text = `doc ${k} of round ${round}: hello from rooms-memory.`;
    doc.getText('text').insert(0, text);
    // Barrier: the answer to this step 1 is sent only after our insert has committed.
    const answered = nextStep2Text(ws);
    ws.send(STEP1_EMPTY);
    const stored = await withTimeout(answered, 15000, `doc ${id} stored`);
    if (stored !== text) throw new Error(`doc ${id}: server state "${stored}" != "${text}"`);
    stats.stored++;
  } finally {
    ws = ws ?? provider.ws;
    const closed = ws && ws.readyState !== WS.CLOSED ? new Promise((resolve) => ws.once('close', resolve)) : Promise.resolve();
    provider.destroy();
    doc.destroy();
    await withTimeout(closed, 10000, `doc ${id} close`).catch((e) => stats.failures.push(e.message));
    stats.closed++;
  }
}

/* -------------------------------------------------------------------- run */

const report = {
  server: a.server,
  commit: null,
  dataDir,
  params: { docs: N, batch: B, rounds: ROUNDS, settleS: SETTLE_S },
  rssMB: {},
  rounds: [],
};
try {
  const { execSync } = await import('node:child_process');
  report.commit = execSync('git log -1 --format=%h', { cwd: serverDir }).toString().trim();
  report.uncommittedPaths = execSync('git status --porcelain -- apps/server packages', { cwd: path.resolve(serverDir, '../..') })
    .toString()
    .split('\n')
    .filter(Boolean).length;
} catch {}

let exitCode = 0;
try {
  await sleep(3000); // let start-up allocation settle
  report.rssMB.start = rssMB();
  report.gcProbe = { start: await probe() };
  const g0 = report.gcProbe.start;
  console.error(
    `server pid ${server.pid} on port ${port}; RSS at start ${report.rssMB.start} MB` +
      (g0 ? `; after forced GC: RSS ${g0.rssAfterGc} MB, heap used ${g0.heapUsed} MB, external ${g0.external} MB` : ''),
  );
  for (let round = 1; round <= ROUNDS; round++) {
    phase = `round ${round}`;
    const tr = performance.now();
    const perBatch = [];
    for (let i = 0; i < N; i += B) {
      const n = Math.min(B, N - i);
      const results = await Promise.allSettled(Array.from({ length: n }, (_, j) => openEditClose(i + j, round)));
      for (const r of results) if (r.status === 'rejected') stats.failures.push(r.reason?.message ?? String(r.reason));
      perBatch.push(rssMB());
      if (serverExited) throw new Error(`server exited ${JSON.stringify(serverExited)}: ${serverLog.slice(-2000)}`);
    }
    const wallS = (performance.now() - tr) / 1000;
    phase = `after round ${round}`;
    const afterClose = rssMB();
    await sleep(SETTLE_S * 1000);
    const afterSettle = rssMB();
    const gcAfterSettle = await probe();
    const roundPeak = Math.max(...perBatch, afterClose);
    report.rounds.push({
      round,
      wallS: r1(wallS),
      docsPerS: r1(N / wallS),
      rssMaxAfterBatchMB: roundPeak,
      rssAfterLastCloseMB: afterClose,
      rssAfterSettleMB: afterSettle,
      gcProbeAfterSettle: gcAfterSettle,
      rssAfterEachBatchMB: perBatch,
    });
    console.error(
      `round ${round}: ${N} docs in ${wallS.toFixed(1)} s; RSS max after a batch ${roundPeak} MB, right after last close ${afterClose} MB, after ${SETTLE_S} s settle ${afterSettle} MB` +
        (gcAfterSettle
          ? `; after forced GC: RSS ${gcAfterSettle.rssAfterGc} MB, heap used ${gcAfterSettle.heapUsed} MB, external ${gcAfterSettle.external} MB`
          : ''),
    );
  }
  report.rssMB.peakSampled = peak.mb;
  report.rssMB.peakPhase = peak.phase;
  report.rssMB.vmHWM = r1(readStatusKB('VmHWM') / 1024);
  report.rssMB.afterAllClosed = report.rounds.at(-1).rssAfterLastCloseMB;
  report.rssMB.afterSettle = report.rounds.at(-1).rssAfterSettleMB;
  report.rssMB.settleMinusStart = r1(report.rssMB.afterSettle - report.rssMB.start);

  // Verify a sample of the closed documents: reopened from storage, their text is there.
  phase = 'verify';
  const pick = docIds.filter((_, i) => i % Math.max(1, Math.floor(docIds.length / Number(a.verify))) === 0).slice(0, Number(a.verify));
  let verified = 0;
  for (const id of pick) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/ws/doc`, id, doc, { WebSocketPolyfill: WS, disableBc: true });
    try {
      await withTimeout(new Promise((resolve) => provider.once('sync', (s) => s && resolve())), 15000, `verify ${id}`);
      if (doc.getText('text').toString().includes('hello from rooms-memory')) verified++;
      else stats.failures.push(`verify ${id}: text missing after reload`);
    } catch (e) {
      stats.failures.push(e.message);
    } finally {
      const ws = provider.ws;
      const closed = ws ? new Promise((r) => ws.once('close', r)) : Promise.resolve();
      provider.destroy();
      doc.destroy();
      await withTimeout(closed, 5000, 'verify close').catch(() => {});
    }
  }
  report.verifiedAfterReload = `${verified}/${pick.length}`;
} catch (e) {
  exitCode = 1;
  report.error = e.stack ?? String(e);
  console.error(e);
} finally {
  clearInterval(sampler);
  report.stats = { ...stats, failures: stats.failures.length, failureSamples: stats.failures.slice(0, 10) };
  report.serverExit = await stopServer();
  report.serverStderrTail = serverLog.slice(-2000);
  report.rssTimeline = samples.filter((_, i) => i % 5 === 0); // every 0.5 s
  await cleanup();
}

const s = report.rssMB;
console.error(
  `\nRSS MB: start ${s.start}, peak ${s.peakSampled} (${s.peakPhase}; VmHWM ${s.vmHWM}), after all closed ${s.afterAllClosed}, ` +
    `after ${SETTLE_S} s settle ${s.afterSettle} (settle - start = ${s.settleMinusStart} MB)\n` +
    `docs created ${stats.created}, synced ${stats.synced}, stored ${stats.stored}, closed ${stats.closed}, failures ${stats.failures.length}; ` +
    `reloaded and verified ${report.verifiedAfterReload}; server exit ${JSON.stringify(report.serverExit)}`,
);
if (a.json) {
  mkdirSync(path.dirname(path.resolve(a.json)), { recursive: true });
  writeFileSync(a.json, `${JSON.stringify(report, null, 2)}\n`);
  console.error(`wrote ${a.json}`);
}
if (stats.failures.length || (report.serverExit && report.serverExit.code !== 0)) exitCode = 1;
process.exit(exitCode);
