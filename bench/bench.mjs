#!/usr/bin/env node
// `pnpm bench`: Inkwell side by side with Hocuspocus and y-websocket, in one run.
//
//   pnpm bench                                   # every scenario once (~12 min on a quiet machine)
//   pnpm bench -- --quick                        # smoke run (~4 min)
//   pnpm bench -- --scenarios fanout --repeat 3  # a subset, repeated (interleaved)
//   pnpm bench -- --scenarios search             # search over 10,000 documents (bench/search.mjs)
//   pnpm bench -- --update-docs                  # also put the table into docs/performance.md
//
// Steps: install dependencies when missing, build the server (apps/server/dist/main.js),
// copy ../shared/bench (never written to) to a private folder under /tmp together with our
// extension (bench/harness-ext), run the harness with Inkwell as an extra target (a fresh
// process and data dir per run, accounts and shared documents from bench/inkwell-prestep.mjs),
// run the cold-load-from-disk scenario (bench/harness-ext/coldload-disk.mjs) and the search
// scenario (bench/search.mjs: GET /api/search over 10,000 documents, indexing cost), and write
// bench/results/<date>.json (everything) and bench/results/<date>.md (bench/report.mjs).
//
// Flags of our own: --scenarios --repeat --quick --no-build --update-docs --cpu-prof --wait-quiet
// --label. Every other flag goes to the harness as is
// (--set, --cooldown, --quiet-threshold, --peers, …; see ../shared/bench/README.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuns, renderReport } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const serverDir = path.join(root, 'apps/server');
const serverJs = path.join(serverDir, 'dist/main.js');

const ALL = ['fanout', 'fanout-room50', 'connections', 'connections-5k', 'coldload', 'coldload-disk', 'awareness', 'search'];
// Scenarios of ours alone, run by this script rather than by the harness. `cluster` (not in
// the default set: it needs PostgreSQL and Redis) runs the harness once more against one
// instance and against two behind one address (bench/cluster-launch.mjs).
const OWN = ['coldload-disk', 'search', 'cluster'];
// Fan-out across instances: the harness's fanout, and a heavier one meant to load the servers.
const CLUSTER_PRESETS = {
  'cluster-fanout': { scenario: 'fanout', docs: 10, clients: 10, interval: 100, duration: 20 },
  'cluster-cpu': { scenario: 'fanout', docs: 20, clients: 10, interval: 25, duration: 15 },
};
const CLUSTER_QUICK = { duration: 6 };
// connections-5k is ours (the harness has 1k and 2k): 5,000 idle clients over 500 documents.
const PRESET_5K = { scenario: 'connections', conns: 5000, docs: 500, batch: 50, hold: 5 };
const PRESET_5K_QUICK = { conns: 1000, docs: 100, hold: 1 };

// Our flags are taken out; everything else goes to the harness unchanged, in order.
const STRING_FLAGS = { scenarios: ALL.join(','), repeat: '1', 'wait-quiet': '120', label: '' };
const BOOL_FLAGS = ['quick', 'no-build', 'update-docs', 'cpu-prof', 'help'];
const argv = process.argv.slice(2).filter((x, i) => !(i === 0 && x === '--'));
const a = { ...STRING_FLAGS, ...Object.fromEntries(BOOL_FLAGS.map((f) => [f, false])) };
const passThrough = [];
for (let i = 0; i < argv.length; i++) {
  const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(argv[i]);
  const name = m?.[1];
  if (name && name in STRING_FLAGS) {
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    a[name] = value;
  } else if (name && BOOL_FLAGS.includes(name) && m[2] === undefined) {
    a[name] = true;
  } else if (argv[i] === '-h') {
    a.help = true;
  } else {
    passThrough.push(argv[i]);
  }
}
if (a.help) {
  process.stdout.write(
    `${readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 20)
      .join('\n')}\n`,
  );
  process.exit(0);
}

const scenarios = a.scenarios
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const harnessScenarios = scenarios.filter((s) => !OWN.includes(s));
const repeat = Math.max(1, Number(a.repeat));
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
};
const log = (msg) => process.stderr.write(`[bench] ${msg}\n`);

// 1. dependencies and build
if (!existsSync(path.join(serverDir, 'node_modules/better-sqlite3'))) {
  log('installing dependencies (pnpm install --frozen-lockfile)');
  run('pnpm', ['install', '--frozen-lockfile'], { cwd: root });
}
if (!a['no-build']) {
  log('building the server (apps/server/dist/main.js)');
  run(process.execPath, ['build.mjs'], { cwd: serverDir });
}
if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing (drop --no-build)`);
const git = (...args) => {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const commit = git('log', '-1', '--format=%h') || 'unknown';
const dirty = git('status', '--porcelain', '--', 'apps/server', 'packages').split('\n').filter(Boolean).length;
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(path.join(serverDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
};
const inkwell = {
  commit,
  dirty,
  yjs: pkgVersion('yjs'),
  ws: pkgVersion('ws'),
  'better-sqlite3': pkgVersion('better-sqlite3'),
  express: pkgVersion('express'),
  server: path.relative(root, serverJs),
};
log(`measuring ${inkwell.server} (commit ${commit}${dirty ? `, ${dirty} uncommitted paths under apps/server and packages` : ''})`);

// 2. a private, writable copy of the harness (shared/ is read-only and must stay untouched);
// one per checkout, so runs from two worktrees do not overwrite each other's copy.
const shared = process.env.BENCH_HARNESS_DIR || path.resolve(root, '../shared/bench');
if (!existsSync(path.join(shared, 'run.mjs'))) throw new Error(`harness not found at ${shared} (set BENCH_HARNESS_DIR)`);
const copy =
  process.env.BENCH_HARNESS_COPY ||
  path.join(tmpdir(), `inkwell-bench-harness-${createHash('md5').update(root).digest('hex').slice(0, 8)}`);
mkdirSync(copy, { recursive: true });
execFileSync('sh', [
  '-c',
  `(cd "${shared}" && tar --exclude=./node_modules --exclude=./results -cf - .) | (cd "${copy}" && tar -xf -) && chmod -R u+w "${copy}"`,
]);
// Our extension runs from inside the copy so that it shares the harness's modules (one Yjs).
// Written right before each use: the copy lives in /tmp and is not ours alone to keep.
const installExt = () => {
  mkdirSync(path.join(copy, 'ext'), { recursive: true });
  for (const f of readdirSync(path.join(here, 'harness-ext')))
    writeFileSync(path.join(copy, 'ext', f), readFileSync(path.join(here, 'harness-ext', f)));
};
const trace = process.env.INKWELL_TRACE || path.resolve(shared, '../data/editing-trace-paper.json.gz');
const env = { ...process.env, INKWELL_TRACE: trace };
if (!existsSync(path.join(copy, 'node_modules/@hocuspocus/server'))) {
  log(`installing the harness's dependencies in ${copy}`);
  run('pnpm', ['install', '--frozen-lockfile'], { cwd: copy, env });
}

const now = new Date();
const stamp = now.toISOString().slice(0, 10);
const resultsDir = path.join(here, 'results');
const rawDir = path.join(resultsDir, 'raw');
mkdirSync(rawDir, { recursive: true });
let base = path.join(resultsDir, a.label ? `${stamp}-${a.label}` : stamp);
if (existsSync(`${base}.json`)) base += `-${now.toISOString().slice(11, 19).replaceAll(':', '')}`;
const label = path.basename(base);
const dataRoot = mkdtempSync(path.join(tmpdir(), 'inkwell-bench-data-'));
const profDir = path.join(resultsDir, 'profiles', label);
const nodeArgs = a['cpu-prof'] ? `--cpu-prof --cpu-prof-dir=${profDir}` : '';

const merged = { meta: null, results: [] };
try {
  // 3. the harness: peers + Inkwell, interleaved
  if (harnessScenarios.length > 0) {
    const p5k = a.quick ? { ...PRESET_5K, ...PRESET_5K_QUICK } : PRESET_5K;
    const sets = Object.entries(p5k).flatMap(([k, v]) => ['--set', `connections-5k.${k}=${v}`]);
    const launch = `env INKWELL_BENCH_COMMIT=${commit}+${dirty}dirty DATA_DIR=$(mktemp -d ${dataRoot}/run.XXXXXX) LOG_LEVEL=warn node ${nodeArgs} ${serverJs}`;
    const args = [
      '--scenarios',
      harnessScenarios.join(','),
      '--repeat',
      String(repeat),
      '--label',
      label,
      '--out',
      rawDir,
      '--wait-quiet',
      a['wait-quiet'],
      ...(a.quick ? ['--quick'] : []),
      ...sets,
      '--target',
      'inkwell=yws:ws://127.0.0.1:{port}/ws/doc/{doc}',
      '--target-opt',
      `inkwell.launch=${launch}`,
      '--target-opt',
      `inkwell.prestep=${path.join(here, 'inkwell-prestep.mjs')}`,
      ...passThrough,
    ];
    log(`harness: ${harnessScenarios.join(', ')} × ${repeat}`);
    // The harness saves after every run: an interrupted harness still leaves its finished runs,
    // and they are merged and reported like the rest (the exit code says it was cut short).
    const status = spawnSync(path.join(copy, 'run.sh'), args, { cwd: root, env, stdio: 'inherit' }).status;
    if (status !== 0) {
      log(`the harness exited ${status}; keeping the runs it finished`);
      process.exitCode = 1;
    }
    // The harness names its file <label>-<date>[-<time>].json; take the newest of this label.
    const own = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d{2}-\\d{2}(-\\d{6})?\\.json$`);
    const files = readdirSync(rawDir)
      .filter((f) => own.test(f))
      .map((f) => path.join(rawDir, f))
      .sort((x, y) => statSync(x).mtimeMs - statSync(y).mtimeMs);
    if (files.length > 0) {
      const file = files.at(-1);
      const j = JSON.parse(readFileSync(file, 'utf8'));
      merged.meta = { ...j.meta, harnessFile: path.relative(root, file) };
      merged.results.push(...j.results);
    }
  }
  // 4. cold load from disk (ours only; the peers keep nothing on disk)
  if (scenarios.includes('coldload-disk')) {
    for (let rep = 1; rep <= repeat; rep++) {
      log(`coldload-disk rep ${rep}/${repeat}`);
      installExt();
      const args = [path.join(copy, 'ext/coldload-disk.mjs'), '--server', serverJs, '--rep', String(rep), '--samples', a.quick ? '2' : '5'];
      if (a.quick) args.push('--trace-ops', '50000');
      if (nodeArgs) args.push(`--node-args=${nodeArgs}`);
      const r = spawnSync(process.execPath, args, {
        cwd: copy,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 << 20,
      });
      const line = r.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      merged.results.push(
        line
          ? JSON.parse(line)
          : {
              scenario: 'coldload-disk',
              preset: 'coldload-disk',
              target: 'inkwell',
              rep,
              ok: false,
              error: `driver exited ${r.status} without a result`,
            },
      );
    }
  }
  // 5. several instances (ours only): one instance and two, each behind the same proxy, on a
  // fresh PostgreSQL database per run (two also on the local Redis)
  if (scenarios.includes('cluster')) {
    const presets = Object.entries(CLUSTER_PRESETS).flatMap(([name, p]) =>
      Object.entries({ ...p, ...(a.quick ? CLUSTER_QUICK : {}) }).flatMap(([k, v]) => ['--set', `${name}.${k}=${v}`]),
    );
    const targets = [1, 2].flatMap((n) => [
      '--target',
      `inkwell-${n}=yws:ws://127.0.0.1:{port}/ws/doc/{doc}?c={i}`,
      '--target-opt',
      `inkwell-${n}.launch=node ${nodeArgs} ${path.join(here, 'cluster-launch.mjs')} --port {port} --instances ${n} --server ${serverJs}`,
      '--target-opt',
      `inkwell-${n}.prestep=${path.join(here, 'inkwell-prestep.mjs')}`,
    ]);
    const clusterLabel = `${label}-cluster`;
    log(`cluster: one instance and two × ${repeat}`);
    const args = [
      '--peers',
      'none',
      '--scenarios',
      Object.keys(CLUSTER_PRESETS).join(','),
      '--repeat',
      String(repeat),
      '--label',
      clusterLabel,
      '--out',
      rawDir,
      '--wait-quiet',
      a['wait-quiet'],
      ...presets,
      ...targets,
      ...passThrough,
    ];
    const status = spawnSync(path.join(copy, 'run.sh'), args, { cwd: root, env, stdio: 'inherit' }).status;
    if (status !== 0) {
      log(`the cluster harness run exited ${status}; keeping the runs it finished`);
      process.exitCode = 1;
    }
    const own = new RegExp(`^${clusterLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d{2}-\\d{2}(-\\d{6})?\\.json$`);
    const file = readdirSync(rawDir)
      .filter((f) => own.test(f))
      .map((f) => path.join(rawDir, f))
      .sort((x, y) => statSync(x).mtimeMs - statSync(y).mtimeMs)
      .at(-1);
    if (file) {
      const j = JSON.parse(readFileSync(file, 'utf8'));
      merged.meta ??= { ...j.meta, harnessFile: path.relative(root, file) };
      merged.results.push(...j.results);
    }
  }
  // 6. search (ours only): its own data dir and server process per run
  if (scenarios.includes('search')) {
    for (let rep = 1; rep <= repeat; rep++) {
      log(`search rep ${rep}/${repeat}`);
      const args = [path.join(here, 'search.mjs'), '--server', serverJs, '--rep', String(rep), ...(a.quick ? ['--quick'] : [])];
      const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const line = r.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .pop();
      merged.results.push(
        line
          ? JSON.parse(line)
          : {
              scenario: 'search',
              preset: 'search',
              target: 'inkwell',
              rep,
              ok: false,
              error: `search.mjs exited ${r.status} without a result`,
            },
      );
    }
  }
} finally {
  rmSync(dataRoot, { recursive: true, force: true });
}

// 7. results and the report
merged.meta ??= { startedAt: now.toISOString() };
merged.meta.inkwell = inkwell;
merged.meta.bench = { argv, scenarios, repeat, quick: a.quick, cpuProf: a['cpu-prof'] ? path.relative(root, profDir) : null };
merged.meta.finishedAt = new Date().toISOString();
if (!merged.meta.host) {
  const os = await import('node:os');
  merged.meta.host = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
  };
}
writeFileSync(`${base}.json`, `${JSON.stringify(merged, null, 2)}\n`);
const report = renderReport(loadRuns([`${base}.json`]));
writeFileSync(`${base}.md`, report);
log(`wrote ${path.relative(root, base)}.json and .md`);
process.stdout.write(report);

if (a['update-docs']) {
  const doc = path.join(root, 'docs/performance.md');
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- bench:begin -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(begin);
  const k = text.indexOf(end);
  if (i < 0 || k < i) throw new Error(`docs/performance.md has no ${begin} … ${end} block`);
  writeFileSync(doc, `${text.slice(0, i + begin.length)}\n${report}${text.slice(k)}`);
  log('updated the latest-run block of docs/performance.md');
}
const failed = merged.results.filter((r) => !r.ok);
if (failed.length > 0) {
  log(`${failed.length} run(s) failed: ${failed.map((r) => `${r.preset}×${r.target}`).join(', ')}`);
  process.exitCode = 1;
}
