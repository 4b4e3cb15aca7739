#!/usr/bin/env node
// Markdown report of one or more results files written by bench/bench.mjs (or by the shared
// harness directly): per scenario the medians per target over the undisturbed runs (other
// processes used <= --max-other % of a core during the run, the harness's own rule; all runs
// when none qualifies), the ratios ours / each peer, and the issue's targets.
//
//   node bench/report.mjs bench/results/2026-11-27.json
//   node bench/report.mjs --all bench/results/a.json bench/results/b.json   # pooled, every run listed
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const PEERS = ['hocuspocus', 'y-websocket'];
const isOurs = (name) => name.startsWith('inkwell');

export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const fmt = (x, d = 2) => (x == null ? '–' : String(Math.round(x * 10 ** d) / 10 ** d));

/** Metrics of one run, by scenario (null when absent). */
function metrics(r) {
  const m = { cpu: r.server?.cpuPct ?? null, rssPeak: r.server?.rssPeakMB ?? null };
  if (r.scenario === 'fanout' || r.scenario === 'awareness') {
    Object.assign(m, {
      p50: r.latencyMs?.p50,
      p95: r.latencyMs?.p95,
      p99: r.latencyMs?.p99,
      max: r.latencyMs?.max,
      rate: r.sendRatePerSec,
      delivered: r.windowMs ? r.deliveriesReceived / (r.windowMs / 1000) : null,
      missing: r.deliveriesMissing,
    });
  } else if (r.scenario === 'coldload' || r.scenario === 'coldload-disk') {
    Object.assign(m, {
      firstData: r.serverMs?.p50,
      synced: r.syncMs?.p50,
      syncMax: r.syncMs?.max,
      bytes: r.bytesIn,
      rssDoc: r.serverRssWithDocMB,
    });
    if (r.scenario === 'coldload-disk') Object.assign(m, { warmSynced: r.warmSyncMs?.p50, ready: r.startToListeningMs?.p50 });
  } else if (r.scenario === 'search') {
    Object.assign(m, {
      p50: r.latencyMs?.p50,
      p95: r.latencyMs?.p95,
      p99: r.latencyMs?.p99,
      max: r.latencyMs?.max,
      idxPerUpdate: r.indexing?.indexUsPerStoredUpdate,
      idxPerWrite: r.indexing?.indexUsPerWrite,
      backfill: r.backfill?.ms,
    });
  } else if (r.scenario === 'connections') {
    Object.assign(m, {
      connected: r.connected,
      timeAll: r.timeToConnectAllMs,
      syncP50: r.connectSyncLatencyMs?.p50,
      syncP99: r.connectSyncLatencyMs?.p99,
      rssBase: r.serverRssBaseMB,
      rssAfter: r.serverRssAfterConnectMB,
      perConnKB: r.serverRssPerConnKB,
      open: r.openAfterHold,
    });
  }
  return m;
}

const COLS = {
  fanout: ['p50', 'p95', 'p99', 'max', 'cpu', 'rssPeak', 'rate', 'delivered', 'missing'],
  awareness: ['p50', 'p95', 'p99', 'max', 'cpu', 'rssPeak'],
  coldload: ['firstData', 'synced', 'syncMax', 'bytes', 'rssDoc', 'cpu'],
  'coldload-disk': ['firstData', 'synced', 'syncMax', 'warmSynced', 'ready', 'bytes', 'rssDoc'],
  search: ['p50', 'p95', 'p99', 'max', 'idxPerUpdate', 'idxPerWrite', 'backfill'],
  connections: ['connected', 'timeAll', 'syncP50', 'syncP99', 'rssBase', 'rssAfter', 'perConnKB', 'open', 'cpu'],
};
const LABEL = {
  p50: 'p50 ms',
  p95: 'p95 ms',
  p99: 'p99 ms',
  max: 'max ms',
  cpu: 'server CPU %',
  rssPeak: 'peak RSS MB',
  rate: 'sent/s',
  delivered: 'delivered/s',
  missing: 'missing',
  firstData: 'open→first data p50 ms',
  synced: 'open→synced p50 ms',
  syncMax: 'synced max ms',
  bytes: 'payload B',
  rssDoc: 'RSS with doc MB',
  warmSynced: 'warm synced p50 ms',
  ready: 'start→listening ms',
  connected: 'connected',
  timeAll: 'connect all ms',
  syncP50: 'connect+sync p50 ms',
  syncP99: 'connect+sync p99 ms',
  rssBase: 'RSS before MB',
  rssAfter: 'RSS after MB',
  perConnKB: 'KB / connection',
  open: 'open after hold',
  idxPerUpdate: 'index µs / stored update',
  idxPerWrite: 'index µs / index write',
  backfill: 'start-up index ms',
};
const RATIO = new Set([
  'p50',
  'p95',
  'p99',
  'max',
  'cpu',
  'rssPeak',
  'firstData',
  'synced',
  'syncMax',
  'rssDoc',
  'timeAll',
  'syncP50',
  'syncP99',
  'rssAfter',
  'perConnKB',
]);

export function loadRuns(files, preset) {
  const runs = [];
  const metas = [];
  for (const f of files) {
    const j = JSON.parse(readFileSync(f, 'utf8'));
    metas.push({ file: path.basename(f), meta: j.meta });
    const build = {};
    for (const t of j.meta?.targets ?? []) {
      const m = String(t.opts?.launch ?? '').match(/INKWELL_BENCH_COMMIT=(\S+)/);
      build[t.name] = m ? m[1] : null;
    }
    for (const r of j.results) {
      if (preset && r.preset !== preset) continue;
      const commit = build[r.target] ?? (r.target === 'inkwell' ? j.meta?.inkwell?.commit : null);
      runs.push({ file: path.basename(f), name: r.target, build: commit, r });
    }
  }
  return { runs, metas };
}

/** Medians per (preset, target) over undisturbed runs. */
export function medians(runs, maxOther = 15) {
  const out = new Map(); // preset -> Map(name -> { m, used, all, disturbedOnly })
  for (const x of runs) {
    if (!out.has(x.r.preset)) out.set(x.r.preset, new Map());
    const byName = out.get(x.r.preset);
    if (!byName.has(x.name)) byName.set(x.name, { runs: [], scenario: x.r.scenario });
    byName.get(x.name).runs.push(x);
  }
  for (const byName of out.values()) {
    for (const [, e] of byName) {
      const ok = e.runs.filter((x) => x.r.ok);
      let used = ok.filter((x) => (x.r.machine?.otherPct ?? 0) <= maxOther);
      e.disturbedOnly = used.length === 0 && ok.length > 0;
      if (used.length === 0) used = ok;
      e.used = used.length;
      e.all = e.runs.length;
      const ms = used.map((x) => metrics(x.r));
      const cols = COLS[e.scenario] ?? ['cpu', 'rssPeak'];
      e.m = Object.fromEntries(cols.map((c) => [c, median(ms.map((m) => m[c]))]));
    }
  }
  return out;
}

function verdicts(med, cpus) {
  const lines = [];
  const get = (preset, name, col) => med.get(preset)?.get(name)?.m?.[col] ?? null;
  const best = (preset, col) => {
    const v = PEERS.map((p) => get(preset, p, col)).filter((x) => x != null);
    return v.length ? Math.min(...v) : null;
  };
  // Disturbed numbers (every run of a side had other processes above the limit) give no
  // verdict: a quiet side against a disturbed one, or two disturbed ones, compare nothing.
  const disturbed = (preset, names) => names.filter((n) => med.get(preset)?.get(n)?.disturbedOnly);
  const line = (what, ours, limit, unit, met, preset, peerPreset) => {
    const bad = [...(preset ? disturbed(preset, ['inkwell']) : []), ...(peerPreset ? disturbed(peerPreset, PEERS) : [])];
    const verdict =
      ours == null || limit == null
        ? 'not measured'
        : bad.length
          ? `inconclusive (disturbed: ${bad.join(', ')}; would be ${met ? 'met' : 'not met'})`
          : met
            ? '**met**'
            : '**not met**';
    lines.push(`| ${what} | ${fmt(ours)} ${unit} | ${fmt(limit)} ${unit} | ${verdict} |`);
  };
  const fp = get('fanout', 'inkwell', 'p99');
  const bp = best('fanout', 'p99');
  line(
    'fanout p99 ≤ 1.1 × best peer',
    fp,
    bp == null ? null : 1.1 * bp,
    'ms',
    fp != null && bp != null && fp <= 1.1 * bp,
    'fanout',
    'fanout',
  );
  const kb = get('connections-5k', 'inkwell', 'perConnKB');
  const n5k = med.get('connections-5k')?.get('inkwell')?.runs[0]?.r.params?.conns ?? 5000;
  line(
    `RSS per idle connection at ${n5k.toLocaleString('en')} ≤ 20 KB${n5k < 5000 ? ' (reduced preset: not the target)' : ''}`,
    kb,
    20,
    'KB',
    kb != null && kb <= 20,
    null,
  );
  // Memory does not depend on CPU contention the way latency does: no disturbed rule here.
  for (const [col, what] of [
    ['firstData', 'first data'],
    ['synced', 'synced'],
  ]) {
    const ours = get('coldload-disk', 'inkwell', col);
    const peer = best('coldload', col);
    const ops = med.get('coldload-disk')?.get('inkwell')?.runs[0]?.r.params?.traceOps;
    line(
      `trace cold load from disk${ops && ops < 259778 ? ` (${ops} ops only)` : ''}, ${what} (p50) ≤ best peer in memory`,
      ours,
      peer,
      'ms',
      ours != null && peer != null && ours <= peer,
      'coldload-disk',
      'coldload',
    );
  }
  // Two instances behind one address against one (bench/cluster-launch.mjs), same run. Below
  // six cores the instances share theirs with the generator, PostgreSQL, Redis and the proxy,
  // and the ratios measure that contention (docs/performance.md, "Several instances").
  const shared = cpus && cpus < 6 ? ` (${cpus} cores shared by every process: contention, not scale-out)` : '';
  const c1 = get('cluster-fanout', 'inkwell-1', 'p99');
  const c2 = get('cluster-fanout', 'inkwell-2', 'p99');
  if (c1 != null || c2 != null) {
    line(
      `fanout across two instances: p99 ≤ 1.5 × one instance${shared}`,
      c2,
      c1 == null ? null : 1.5 * c1,
      'ms',
      c2 != null && c1 != null && c2 <= 1.5 * c1,
      null,
    );
    const d1 = get('cluster-cpu', 'inkwell-1', 'delivered');
    const d2 = get('cluster-cpu', 'inkwell-2', 'delivered');
    line(
      `heavy fan-out: deliveries/s of two instances ≥ 1.6 × one${shared}`,
      d2,
      d1 == null ? null : 1.6 * d1,
      '/s',
      d2 != null && d1 != null && d2 >= 1.6 * d1,
      null,
    );
  }
  const sp = get('search', 'inkwell', 'p95');
  const nDocs = med.get('search')?.get('inkwell')?.runs[0]?.r.params?.docs ?? 10000;
  line(
    `GET /api/search p95 over ${nDocs.toLocaleString('en')} documents ≤ 50 ms${nDocs < 10000 ? ' (reduced preset: not the target)' : ''}`,
    sp,
    50,
    'ms',
    sp != null && sp <= 50,
    'search',
  );
  return lines;
}

export function renderReport({ runs, metas }, { maxOther = 15, all = false } = {}) {
  const med = medians(runs, maxOther);
  const out = [];
  const meta = metas[metas.length - 1]?.meta ?? {};
  const h = meta.host ?? {};
  out.push(`Results: ${metas.map((m) => `\`${m.file}\``).join(', ')}`);
  out.push('');
  out.push(`Machine: ${h.cpus ?? '?'} × ${h.cpuModel ?? '?'}, ${h.memGB ?? '?'} GB, Linux ${h.kernel ?? '?'}, Node ${h.node ?? '?'}.`);
  const v = meta.versions ?? {};
  const ink = meta.inkwell ?? {};
  const commits = [...new Set(metas.map((m) => m.meta?.inkwell?.commit).filter(Boolean))];
  out.push(
    `Peers: @hocuspocus/server ${v['@hocuspocus/server'] ?? '?'} (yjs ${v['yjs (hocuspocus server)'] ?? '?'}), @y/websocket-server ${v['@y/websocket-server'] ?? '?'} (yjs ${v['yjs (y-websocket server)'] ?? '?'}); load generator yjs ${v['yjs (load generator)'] ?? '?'}.`,
  );
  if (ink.commit)
    out.push(
      `Inkwell: commit${commits.length > 1 ? 's' : ''} ${commits.join(', ')}${ink.dirty ? ` (+${ink.dirty} uncommitted paths)` : ''}, yjs ${ink.yjs}, ws ${ink.ws}, better-sqlite3 ${ink['better-sqlite3']}, express ${ink.express}.`,
    );
  out.push(`Medians over runs in which other processes used ≤ ${maxOther} % of a core; "runs" = used / all.`);
  out.push('');
  out.push('| target | value | limit | verdict |');
  out.push('|---|---|---|---|');
  out.push(...verdicts(med, h.cpus));
  for (const [preset, byName] of med) {
    const scenario = [...byName.values()][0].scenario;
    const cols = COLS[scenario] ?? ['cpu', 'rssPeak'];
    out.push('', `### ${preset}`, '');
    out.push(`| target | runs | ${cols.map((c) => LABEL[c] ?? c).join(' | ')} |`);
    out.push(`|---|---|${cols.map(() => '---').join('|')}|`);
    for (const [name, e] of byName) {
      out.push(
        `| ${name} | ${e.used} / ${e.all}${e.disturbedOnly ? ' (all disturbed)' : ''} | ${cols.map((c) => fmt(e.m[c])).join(' | ')} |`,
      );
    }
    // coldload-disk (ours only) compares with the peers' in-memory coldload
    const peerSource = preset === 'coldload-disk' ? med.get('coldload') : byName;
    const rcols = cols.filter((c) => RATIO.has(c));
    const one = byName.get('inkwell-1');
    const two = byName.get('inkwell-2');
    if (one && two) {
      const both = [...rcols, 'rate', 'delivered'];
      out.push(
        `| inkwell-2 / inkwell-1 | | ${cols.map((c) => (both.includes(c) && two.m[c] != null && one.m[c] ? `${fmt(two.m[c] / one.m[c])}×` : '')).join(' | ')} |`,
      );
    }
    for (const [name, e] of byName) {
      if (!isOurs(name)) continue;
      for (const p of PEERS) {
        const pm = peerSource?.get(p)?.m;
        if (!pm) continue;
        out.push(
          `| ${name} / ${p}${peerSource !== byName ? ' (coldload, in memory)' : ''} | | ${cols.map((c) => (rcols.includes(c) && e.m[c] != null && pm[c] ? `${fmt(e.m[c] / pm[c])}×` : '')).join(' | ')} |`,
        );
      }
    }
  }
  if (all) {
    out.push('', '### every run', '', '| file | preset | target | rep | ok | other % | key numbers |', '|---|---|---|---|---|---|---|');
    for (const x of runs) {
      const m = metrics(x.r);
      const keys = Object.entries(m)
        .filter(([, val]) => val != null)
        .map(([k, val]) => `${k} ${fmt(val)}`)
        .join(', ');
      out.push(
        `| ${x.file} | ${x.r.preset} | ${x.name} | ${x.r.rep} | ${x.r.ok ? 'yes' : `NO: ${String(x.r.error ?? '').slice(0, 80)}`} | ${fmt(x.r.machine?.otherPct)} | ${keys} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: a, positionals: files } = parseArgs({
    options: { 'max-other': { type: 'string', default: '15' }, all: { type: 'boolean', default: false }, preset: { type: 'string' } },
    allowPositionals: true,
  });
  if (files.length === 0) {
    console.error('usage: node bench/report.mjs [--all] [--max-other 15] [--preset P] results.json ...');
    process.exit(2);
  }
  process.stdout.write(renderReport(loadRuns(files, a.preset), { maxOther: Number(a['max-other']), all: a.all }));
}
