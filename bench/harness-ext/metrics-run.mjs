#!/usr/bin/env node
// One harness scenario against one Inkwell server started here, with the server's own view
// from GET /metrics: how much of the end-to-end latency the harness measures is spent inside
// the server between an update's arrival and its relay (inkwell_relay_latency_seconds), how
// long the commits take (inkwell_persist_duration_seconds), and the event-loop lag.
//
// Run from the harness copy (bench/bench.mjs puts it at <copy>/ext/), e.g.
//   node <copy>/ext/metrics-run.mjs --server apps/server/dist/main.js --prestep bench/inkwell-prestep.mjs \
//        -- --scenario fanout --docs 10 --clients 10 --interval 100 --duration 20
// Everything after `--` goes to the harness's lib/loadgen.mjs.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const argv = process.argv.slice(2)
const sep = argv.indexOf('--')
const own = sep < 0 ? argv : argv.slice(0, sep)
const loadgenArgs = sep < 0 ? ['--scenario', 'fanout'] : argv.slice(sep + 1)
const opt = (name) => { const i = own.indexOf(`--${name}`); return i < 0 ? undefined : own[i + 1] }
const serverJs = path.resolve(opt("server") ?? "apps/server/dist/main.js")
const prestep = path.resolve(opt('prestep') ?? 'bench/inkwell-prestep.mjs')

const dataDir = mkdtempSync(path.join(tmpdir(), 'inkwell-metrics-run-'))
const child = spawn(process.execPath, [serverJs], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] })
const base = await new Promise((resolve, reject) => {
  let out = ''
  child.stdout.on('data', (d) => { out += d; const m = /^listening on (http:\/\/\S+)$/m.exec(out); if (m) resolve(m[1]) })
  child.once('exit', (code) => reject(new Error(`server exited ${code}`)))
})

/** Parsed exposition: histogram buckets and plain values. */
async function scrape () {
  const text = await (await fetch(`${base}/metrics`)).text()
  const values = new Map()
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line)
    if (m) values.set(m[1] + (m[2] ?? ''), Number(m[3]))
  }
  return values
}
/** Quantile of a histogram between two scrapes (upper bound of the bucket it falls in). */
function quantile (a, b, name, q) {
  const buckets = [...b.keys()].filter((k) => k.startsWith(`${name}_bucket{le=`))
    .map((k) => ({ le: k.match(/le="([^"]+)"/)[1], n: b.get(k) - (a.get(k) ?? 0) }))
    .map((x) => ({ le: x.le === '+Inf' ? Infinity : Number(x.le), n: x.n })).sort((x, y) => x.le - y.le)
  const total = buckets.at(-1)?.n ?? 0
  const hit = buckets.find((x) => x.n >= q * total)
  return total === 0 ? null : hit.le * 1000 // ms
}
const diff = (a, b, name) => (b.get(name) ?? 0) - (a.get(name) ?? 0)

const before = await scrape()
const r = spawnSync(process.execPath, [path.join(here, '../lib/loadgen.mjs'), '--adapter', 'yws', '--name', 'inkwell',
  '--url', `${base.replace('http', 'ws')}/ws/doc/{doc}`, '--port', new URL(base).port, '--server-pid', String(child.pid), '--prestep', prestep, ...loadgenArgs],
{ cwd: path.join(here, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 })
const after = await scrape()
child.kill('SIGTERM')
await new Promise((resolve) => child.once('exit', resolve))
rmSync(dataDir, { recursive: true, force: true })

const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop()
const result = line ? JSON.parse(line) : { ok: false, error: `loadgen exited ${r.status}` }
const server = {
  updates: diff(before, after, 'inkwell_updates_total'),
  commits: diff(before, after, 'inkwell_persist_duration_seconds_count'),
  persistMsMean: diff(before, after, 'inkwell_persist_duration_seconds_sum') / diff(before, after, 'inkwell_persist_duration_seconds_count') * 1000,
  persistMsP99: quantile(before, after, 'inkwell_persist_duration_seconds', 0.99),
  relayMsMean: diff(before, after, 'inkwell_relay_latency_seconds_sum') / diff(before, after, 'inkwell_relay_latency_seconds_count') * 1000,
  relayMsP50: quantile(before, after, 'inkwell_relay_latency_seconds', 0.5),
  relayMsP99: quantile(before, after, 'inkwell_relay_latency_seconds', 0.99),
  eventLoopLagMaxMsAtEnd: (after.get('inkwell_event_loop_lag_max_seconds') ?? 0) * 1000
}
process.stdout.write(`${JSON.stringify({ scenario: result.scenario, ok: result.ok, endToEndMs: result.latencyMs, machine: result.machine, serverCpuPct: result.server?.cpuPct, server })}\n`)
setTimeout(() => process.exit(0), 50)
