#!/usr/bin/env node
// `pnpm bench -- --scenarios search` (issue 16): GET /api/search over 10,000 documents of
// 2,000 words, and what keeping the index current costs per stored update.
//
//   node bench/search.mjs [--docs 10000] [--words 2000] [--server apps/server/dist/main.js] [--quick]
//
// 1. The built server (dist/main.js) starts on an empty data dir, which migrates it; two
//    accounts register (`owner` owns every document, `reader` is an editor of every other
//    one, so half of them), and it stops.
// 2. The documents go straight into SQLite (10,000 HTTP creates and socket edits would take
//    longer than everything measured): each a Tiptap-shaped Y.Doc (paragraphs of ~100 words)
//    stored as its snapshot. Words are drawn from a Zipf distribution over a vocabulary whose
//    head is the words of the paper in ../shared/data/editing-trace-paper.json.gz, by
//    frequency, and whose tail is deterministic made-up words, so there are common, middling
//    and rare words as in real text. Seeded: every run builds the same documents.
// 3. The server starts again and indexes them all in the background (the start-up backfill
//    every older database gets): its time and CPU are the bulk indexing cost.
// 4. As `reader`, one request at a time: searches for a common word, a rare word, a prefix,
//    two words, and a word no document holds; p50/p95/p99 per kind and over all.
// 5. Indexing cost at a realistic edit rate: TYPISTS people type TYPE_RATE characters a
//    second each into their own documents for EDIT_SECONDS; from /metrics, µs of index work
//    (inkwell_search_index_duration_seconds, synchronous work: text extraction and the FTS
//    write) per stored update (inkwell_persisted_updates_total) and per index write.
//
// Prints one JSON line (the result, as bench.mjs collects it) on stdout; progress on stderr.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const serverDir = path.join(root, 'apps/server');
// The server's own dependencies: one Yjs for the documents we build and the server reading them.
const requireServer = createRequire(path.join(serverDir, 'package.json'));
const Database = requireServer('better-sqlite3');
const Y = requireServer('yjs');
const { WebSocket } = requireServer('ws');
const { WebsocketProvider } = requireServer('y-websocket');

const { values: a } = parseArgs({
  options: {
    docs: { type: 'string' },
    words: { type: 'string', default: '2000' },
    server: { type: 'string', default: path.join(serverDir, 'dist/main.js') },
    trace: { type: 'string', default: process.env.INKWELL_TRACE || path.resolve(root, '../shared/data/editing-trace-paper.json.gz') },
    quick: { type: 'boolean', default: false },
    rep: { type: 'string', default: '1' },
  },
});
const DOCS = Number(a.docs ?? (a.quick ? 2000 : 10000));
const WORDS = Number(a.words);
const WORDS_PER_PARAGRAPH = 100;
const VOCABULARY = 30000;
const ZIPF_S = 1.05;
const QUERIES_PER_KIND = a.quick ? 30 : 60;
const WARMUP = 20;
const TYPISTS = 10;
const TYPE_RATE = 5;
const EDIT_SECONDS = a.quick ? 8 : 20;
const BACKFILL_TIMEOUT_MS = 30 * 60_000;

const log = (msg) => process.stderr.write(`[search] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** mulberry32, as the tests' seeded PRNG. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = seeded(16);

// ---- vocabulary and text

function vocabulary() {
  const counts = new Map();
  try {
    const { endContent } = JSON.parse(gunzipSync(readFileSync(a.trace)).toString('utf8'));
    for (const w of endContent.toLowerCase().match(/[a-z]{2,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  } catch (err) {
    log(`no trace words (${err.message}); made-up words only`);
  }
  const words = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([w]) => w);
  const seen = new Set(words);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'shi', 'pra', 'den', 'gol', 'fen', 'bri', 'sto', 'qua', 'zel', 'mor', 'tin'];
  while (words.length < VOCABULARY) {
    let w = '';
    const n = 2 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) w += syllables[Math.floor(rand() * syllables.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

const vocab = vocabulary();
const cumulative = new Float64Array(vocab.length);
{
  let sum = 0;
  for (let r = 0; r < vocab.length; r++) {
    sum += 1 / (r + 1) ** ZIPF_S;
    cumulative[r] = sum;
  }
  for (let r = 0; r < vocab.length; r++) cumulative[r] /= sum;
}
function word() {
  const x = rand();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return vocab[lo];
}

/** A Tiptap-shaped document (paragraphs in the `default` fragment) as one Yjs update. */
function docState(words) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  const paragraphs = [];
  for (let done = 0; done < words; done += WORDS_PER_PARAGRAPH) {
    const n = Math.min(WORDS_PER_PARAGRAPH, words - done);
    const parts = new Array(n);
    for (let i = 0; i < n; i++) parts[i] = word();
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`${parts.join(' ')}.`)]);
    paragraphs.push(p);
  }
  fragment.insert(0, paragraphs);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

// ---- the server process

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir) {
  const port = await freePort();
  const proc = spawn(process.execPath, [a.server], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code} before listening`)));
  });
  const stop = () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  return { url, proc, stop };
}

/** User + system CPU of a process so far, in seconds (Linux). */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function metricsOf(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return (name) => {
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  };
}

async function register(url, name) {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${name}@bench.test`, password: 'bench-password-1', name }),
  });
  if (res.status !== 201) throw new Error(`register ${name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie()[0].split(';')[0];
  return { cookie, id: (await res.json()).user.id };
}

// ---- measurements

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
function summary(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const r = (x) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(pct(s, 50)), p95: r(pct(s, 95)), p99: r(pct(s, 99)), max: r(s.at(-1)) };
}

function queries() {
  const pick = (lo, hi) => vocab[lo + Math.floor(rand() * (hi - lo))];
  const kinds = {
    common: () => pick(0, 30),
    // The tail of the vocabulary: each in some tens of documents.
    rare: () => pick(15000, VOCABULARY),
    prefix: () => pick(30, 500).slice(0, 3),
    'two words': () => `${pick(10, 200)} ${pick(500, 5000)}`,
    'no hit': () => `zzq${Math.floor(rand() * 1e9).toString(36)}`,
  };
  const list = [];
  for (let i = 0; i < QUERIES_PER_KIND; i++) for (const [kind, make] of Object.entries(kinds)) list.push({ kind, q: make() });
  return list;
}

async function measureSearch(url, cookie) {
  const get = async (q) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`search ${q}: ${res.status} ${JSON.stringify(body)}`);
    return { ms, hits: body.results.length };
  };
  for (let i = 0; i < WARMUP; i++) await get(vocab[i]);
  const byKind = {};
  const hits = {};
  const all = [];
  for (const { kind, q } of queries()) {
    const r = await get(q);
    byKind[kind] ??= [];
    hits[kind] ??= [];
    byKind[kind].push(r.ms);
    hits[kind].push(r.hits);
    all.push(r.ms);
  }
  return {
    all: summary(all),
    byKind: Object.fromEntries(
      Object.entries(byKind).map(([k, v]) => [
        k,
        { ...summary(v), meanHits: Math.round((hits[k].reduce((x, y) => x + y, 0) / v.length) * 10) / 10 },
      ]),
    ),
  };
}

/** Headers on the upgrade: y-websocket takes a WebSocket class. */
const socketWith = (cookie) =>
  class extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers: { cookie } });
    }
  };

async function measureEdits(url, cookie, docIds, pid) {
  const wsBase = `${url.replace('http', 'ws')}/ws/doc`;
  // Each y-websocket provider adds a process 'exit' listener.
  process.setMaxListeners(TYPISTS + 10);
  const clients = docIds.slice(0, TYPISTS).map((id) => {
    const ydoc = new Y.Doc();
    const provider = new WebsocketProvider(wsBase, id, ydoc, { WebSocketPolyfill: socketWith(cookie), disableBc: true });
    const synced = new Promise((resolve) => provider.on('sync', (s) => s && resolve()));
    return { ydoc, provider, synced };
  });
  await Promise.all(clients.map((c) => c.synced));
  // Let the loads' own work settle before counting.
  await sleep(2000);
  const before = await metricsOf(url);
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const timers = clients.map((c, i) =>
    setInterval(
      () => {
        const p = c.ydoc.getXmlFragment('default').get(0);
        const text = p?.get(0);
        if (text instanceof Y.XmlText) text.insert(Math.floor(text.length / 2), 'abcdefghij'[i % 10]);
      },
      Math.round(1000 / TYPE_RATE),
    ),
  );
  await sleep(EDIT_SECONDS * 1000);
  for (const t of timers) clearInterval(t);
  // The last burst's index write (1 s after the last edit).
  await sleep(2500);
  const after = await metricsOf(url);
  const cpu = cpuSeconds(pid) - cpu0;
  const seconds = (performance.now() - t0) / 1000;
  for (const c of clients) {
    c.provider.destroy();
    c.ydoc.destroy();
  }
  const d = (name) => after(name) - before(name);
  const stored = d('inkwell_persisted_updates_total');
  const writes = d('inkwell_search_index_duration_seconds_count');
  const indexSeconds = d('inkwell_search_index_duration_seconds_sum');
  const r = (x) => Math.round(x * 10) / 10;
  return {
    typists: TYPISTS,
    keystrokesPerSecondEach: TYPE_RATE,
    seconds: r(seconds),
    storedUpdates: stored,
    indexWrites: writes,
    updatesPerIndexWrite: writes ? r(stored / writes) : null,
    indexUsPerStoredUpdate: stored ? r((indexSeconds * 1e6) / stored) : null,
    indexUsPerWrite: writes ? r((indexSeconds * 1e6) / writes) : null,
    indexShareOfServerCpuPct: cpu ? r((indexSeconds / cpu) * 100) : null,
    serverCpuPct: r((cpu / seconds) * 100),
  };
}

// ---- the run

const result = { scenario: 'search', preset: 'search', target: 'inkwell', rep: Number(a.rep), ok: false };
const dataDir = mkdtempSync(path.join(tmpdir(), 'inkwell-bench-search-'));
let server;
try {
  result.params = { docs: DOCS, words: WORDS, vocabulary: vocab.length, zipf: ZIPF_S, queriesPerKind: QUERIES_PER_KIND };
  log(`migrating an empty database and registering two accounts`);
  server = await startServer(dataDir);
  const owner = await register(server.url, 'owner');
  const reader = await register(server.url, 'reader');
  await server.stop();

  log(`building ${DOCS} documents of ${WORDS} words`);
  let t = performance.now();
  const db = new Database(path.join(dataDir, 'inkwell.db'));
  const insertDoc = db.prepare('INSERT INTO documents (id, title, created_at, updated_at, last_seq) VALUES (?, ?, ?, ?, 0)');
  const insertSnapshot = db.prepare('INSERT INTO doc_snapshots (doc_id, state, through_seq) VALUES (?, ?, 0)');
  const insertMember = db.prepare('INSERT INTO doc_members (doc_id, user_id, role, added_at) VALUES (?, ?, ?, ?)');
  const readable = [];
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < DOCS; i++) {
      const id = `bench${String(i).padStart(11, '0')}`;
      const at = now - (DOCS - i) * 1000;
      insertDoc.run(id, `${word()} ${word()} ${word()}`, at, at);
      insertSnapshot.run(id, docState(WORDS));
      insertMember.run(id, owner.id, 'owner', at);
      if (i % 2 === 0) {
        insertMember.run(id, reader.id, 'editor', at);
        readable.push(id);
      }
    }
  })();
  db.close();
  result.buildMs = Math.round(performance.now() - t);

  log('starting the server: the start-up backfill indexes every document');
  t = performance.now();
  server = await startServer(dataDir);
  const cpu0 = cpuSeconds(server.proc.pid);
  let m = await metricsOf(server.url);
  while (m('inkwell_search_index_duration_seconds_count') + m('inkwell_search_index_failures_total') < DOCS) {
    if (performance.now() - t > BACKFILL_TIMEOUT_MS) throw new Error('backfill did not finish');
    await sleep(500);
    m = await metricsOf(server.url);
  }
  const backfillMs = performance.now() - t;
  result.backfill = {
    ms: Math.round(backfillMs),
    docsPerSecond: Math.round(DOCS / (backfillMs / 1000)),
    cpuMsPerDoc: Math.round(((cpuSeconds(server.proc.pid) - cpu0) * 1000 * 100) / DOCS) / 100,
    indexMsPerDoc: Math.round((m('inkwell_search_index_duration_seconds_sum') * 1000 * 100) / DOCS) / 100,
    failures: m('inkwell_search_index_failures_total'),
  };
  log(`backfill: ${JSON.stringify(result.backfill)}`);

  log(`searching as a member of ${readable.length} of ${DOCS} documents`);
  const search = await measureSearch(server.url, reader.cookie);
  result.latencyMs = search.all;
  result.byKind = search.byKind;
  log(`search: ${JSON.stringify(search)}`);

  log(`${TYPISTS} people typing ${TYPE_RATE} characters a second for ${EDIT_SECONDS} s`);
  result.indexing = await measureEdits(server.url, reader.cookie, readable, server.proc.pid);
  log(`indexing: ${JSON.stringify(result.indexing)}`);
  result.ok = true;
} catch (err) {
  result.error = String(err?.stack ?? err);
  log(result.error);
  process.exitCode = 1;
} finally {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(result)}\n`);
