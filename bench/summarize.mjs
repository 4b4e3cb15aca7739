#!/usr/bin/env node
// Pools results files of ../shared/bench (written by bench/run-vs-peers.sh) and prints Markdown
// tables: per target the medians over the undisturbed runs (other processes <= --max-other % of
// a core, like the harness), and the ratios of every Inkwell target to y-websocket and
// Hocuspocus. Runs of different Inkwell builds are kept apart (the build's commit is read
// from the launch command, INKWELL_BENCH_COMMIT=...).
//
//   node bench/summarize.mjs bench/results/fanout-*.json
//   node bench/summarize.mjs --preset coldload --max-other 15 bench/results/cold-*.json
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: a, positionals: files } = parseArgs({
  options: {
    preset: { type: 'string' },
    'max-other': { type: 'string', default: '15' },
    all: { type: 'boolean', default: false }, // also list every run
  },
  allowPositionals: true,
});
const maxOther = Number(a['max-other']);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((p, q) => p - q);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : Math.round(((v[m - 1] + v[m]) / 2) * 100) / 100;
};
const fmt = (x, d = 2) => (x == null ? '–' : String(Math.round(x * 10 ** d) / 10 ** d));

const runs = [];
for (const f of files) {
  const j = JSON.parse(readFileSync(f, 'utf8'));
  const build = {};
  for (const t of j.meta.targets) {
    const m = String(t.opts?.launch ?? '').match(/INKWELL_BENCH_COMMIT=(\S+)/);
    build[t.name] = m ? m[1] : null;
  }
  for (const r of j.results) {
    if (a.preset && r.preset !== a.preset) continue;
    const name = build[r.target] ? `${r.target}@${build[r.target]}` : r.target;
    runs.push({ file: path.basename(f), name, r });
  }
}

/** Metrics of one run, by scenario. */
function metrics(r) {
  const m = { ok: r.ok, other: r.machine?.otherPct ?? null, cpu: r.server?.cpuPct ?? null, rssPeak: r.server?.rssPeakMB ?? null, gen: r.generator?.cpuPct ?? null, lag: r.generator?.loopDelayMs?.p99 ?? null };
  if (r.scenario === 'fanout' || r.scenario === 'awareness') {
    Object.assign(m, { p50: r.latencyMs?.p50, p95: r.latencyMs?.p95, p99: r.latencyMs?.p99, max: r.latencyMs?.max, rate: r.sendRatePerSec, missing: r.deliveriesMissing });
  } else if (r.scenario === 'coldload') {
    Object.assign(m, { syncP50: r.syncMs?.p50, syncMax: r.syncMs?.max, serverP50: r.serverMs?.p50, first: r.first?.syncMs, bytes: r.bytesIn, push: r.pushToFullyServedMs, rssDoc: r.serverRssWithDocMB, rssBase: r.serverRssBaseMB });
  } else if (r.scenario === 'connections') {
    Object.assign(m, { connected: r.connected, timeAll: r.timeToConnectAllMs, perSec: r.connectsPerSec, syncP50: r.connectSyncLatencyMs?.p50, syncP99: r.connectSyncLatencyMs?.p99, rssBase: r.serverRssBaseMB, rssAfter: r.serverRssAfterConnectMB, perConnKB: r.serverRssPerConnKB, openAfterHold: r.openAfterHold });
  }
  return m;
}

const COLS = {
  fanout: ['p50', 'p95', 'p99', 'max', 'cpu', 'rssPeak', 'rate', 'missing'],
  awareness: ['p50', 'p95', 'p99', 'max', 'cpu', 'rssPeak'],
  coldload: ['syncP50', 'syncMax', 'serverP50', 'first', 'bytes', 'push', 'rssBase', 'rssDoc', 'cpu'],
  connections: ['connected', 'timeAll', 'perSec', 'syncP50', 'syncP99', 'rssBase', 'rssAfter', 'perConnKB', 'openAfterHold', 'cpu'],
};
const RATIO = { p50: 1, p95: 1, p99: 1, max: 1, cpu: 1, rssPeak: 1, syncP50: 1, syncMax: 1, serverP50: 1, first: 1, timeAll: 1, syncP99: 1, rssAfter: 1, perConnKB: 1, rssDoc: 1 };

const byScenario = new Map();
for (const x of runs) {
  const s = x.r.preset;
  if (!byScenario.has(s)) byScenario.set(s, []);
  byScenario.get(s).push(x);
}
for (const [preset, list] of byScenario) {
  const scenario = list[0].r.scenario;
  const cols = COLS[scenario] ?? ['cpu', 'rssPeak'];
  const names = [...new Set(list.map((x) => x.name))];
  const med = {};
  console.log(`\n### ${preset} (medians over runs with other processes <= ${maxOther}% of a core)\n`);
  console.log(`| target | runs used / all | ${cols.join(' | ')} |`);
  console.log(`|---|---|${cols.map(() => '---').join('|')}|`);
  for (const n of names) {
    const all = list.filter((x) => x.name === n);
    let used = all.filter((x) => x.r.ok && (x.r.machine?.otherPct ?? 0) <= maxOther);
    const note = used.length === 0 ? ' (none undisturbed: all runs)' : '';
    if (used.length === 0) used = all.filter((x) => x.r.ok);
    const ms = used.map((x) => metrics(x.r));
    med[n] = Object.fromEntries(cols.map((c) => [c, median(ms.map((m) => m[c]))]));
    console.log(`| ${n} | ${used.length} / ${all.length}${note} | ${cols.map((c) => fmt(med[n][c])).join(' | ')} |`);
  }
  const peers = names.filter((n) => n === 'y-websocket' || n === 'hocuspocus');
  const ours = names.filter((n) => n.startsWith('inkwell'));
  const rcols = cols.filter((c) => RATIO[c]);
  if (peers.length && ours.length) {
    console.log(`\n| ratio (medians) | ${rcols.join(' | ')} |`);
    console.log(`|---|${rcols.map(() => '---').join('|')}|`);
    for (const o of ours) for (const p of peers) {
      console.log(`| ${o} / ${p} | ${rcols.map((c) => (med[o][c] != null && med[p][c] ? fmt(med[o][c] / med[p][c]) : '–')).join(' | ')} |`);
    }
  }
  if (a.all) {
    const rc = ['other', ...cols, 'gen', 'lag'];
    console.log(`\n| run (file) | ok | ${rc.join(' | ')} |`);
    console.log(`|---|---|${rc.map(() => '---').join('|')}|`);
    for (const x of list) {
      const m = metrics(x.r);
      console.log(`| ${x.name} #${x.r.rep} (${x.file}) | ${x.r.ok ? 'yes' : 'NO'} | ${rc.map((c) => fmt(m[c])).join(' | ')} |`);
    }
  }
}
