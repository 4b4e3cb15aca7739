#!/usr/bin/env node
// Where does an idle connection's memory go? Opens N idle clients like the harness's
// `connections` scenario (SimClient: sync + one awareness state each, D documents, batches),
// against a server started with `--expose-gc --require bench/heap-probe.cjs`, and reads the
// server's memory before and after, both as the harness does (RSS 2 s after the last batch,
// no GC) and after a forced full GC (heap actually referenced). With --snapshots DIR it also
// writes a heap snapshot at both points; `node bench/heap-diff.mjs before after` lists what
// the connections added, by constructor.
//
// Run from the harness copy (bench/bench.mjs puts it at <copy>/ext/), e.g.
//   node <copy>/ext/idle-memory.mjs --server apps/server/dist/main.js --probe bench/heap-probe.cjs \
//        --prestep bench/inkwell-prestep.mjs --conns 1000 [--snapshots /tmp/snaps]
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { getAdapter } from '../lib/adapters.mjs'
import { closeAll, SimClient } from '../lib/client.mjs'
import { readStatus } from '../lib/procstat.mjs'

const { values: a } = parseArgs({
  options: {
    server: { type: 'string' },
    probe: { type: 'string' },
    prestep: { type: 'string' },
    conns: { type: 'string', default: '1000' },
    docs: { type: 'string' },
    batch: { type: 'string', default: '50' },
    settle: { type: 'string', default: '2000' },
    snapshots: { type: 'string' },
    env: { type: 'string', multiple: true, default: [] }, // extra KEY=VALUE for the server
    'node-args': { type: 'string', default: '' }
  }
})
const N = Number(a.conns)
const D = Number(a.docs ?? Math.max(1, Math.round(N / 10)))
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const mb = (b) => Math.round(b / 104857.6) / 10
const dataDir = mkdtempSync(path.join(tmpdir(), 'inkwell-idle-'))

const extraEnv = Object.fromEntries(a.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
const child = spawn(process.execPath, ['--expose-gc', '--require', path.resolve(a.probe), ...a['node-args'].split(' ').filter(Boolean), path.resolve(a.server)], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(a.snapshots ? { HEAP_PROBE_SNAPSHOT_DIR: path.resolve(a.snapshots) } : {}), ...extraEnv },
  stdio: ['ignore', 'pipe', 'pipe']
})
let out = ''
const probes = []
child.stderr.on('data', (d) => {
  out += d
  for (const m of String(d).matchAll(/^heap-probe (\{.*\})$/gm)) probes.push(JSON.parse(m[1]))
})
const base = await new Promise((resolve, reject) => {
  child.stdout.on('data', (d) => {
    out += d
    const m = /^listening on (http:\/\/\S+)$/m.exec(out)
    if (m) resolve(m[1])
  })
  child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out.slice(-400)}`)))
})
async function probe () {
  const before = probes.length
  child.kill('SIGUSR2')
  while (probes.length === before) await sleep(50)
  return probes[probes.length - 1]
}

const prestep = (await import(pathToFileURL(path.resolve(a.prestep)).href)).default
const target = { name: 'inkwell', adapter: 'yws', url: `${base.replace('http', 'ws')}/ws/doc/{doc}`, port: new URL(base).port }
const clients = []
for (let i = 0; i < N; i++) {
  const docName = `idle-conn-${i % D}`
  const conn = await prestep({ index: i, docName, target })
  clients.push(new SimClient({ id: i, adapter: getAdapter('yws'), url: conn.url, docName, headers: conn.headers, perMessageDeflate: true, awarenessState: { user: { name: `bench-${i}` }, cursor: null } }))
}
await sleep(500)
const rss0 = readStatus(child.pid).vmRSS
const p0 = await probe()
const t0 = performance.now()
for (let i = 0; i < N; i += Number(a.batch)) await Promise.all(clients.slice(i, i + Number(a.batch)).map((c) => c.connect()))
const connectMs = Math.round(performance.now() - t0)
await sleep(Number(a.settle))
const rss1 = readStatus(child.pid).vmRSS // as the harness reads it: no forced GC
const p1 = await probe()
const perConn = (x) => Math.round((x / N / 1024) * 10) / 10
const result = {
  conns: N,
  docs: D,
  connectMs,
  open: clients.filter((c) => c.open).length,
  rssBeforeMB: mb(rss0),
  rssAfterMB: mb(rss1),
  rssPerConnKB: perConn(rss1 - rss0),
  afterGc: {
    rssBeforeMB: mb(p0.rss),
    rssAfterMB: mb(p1.rss),
    rssPerConnKB: perConn(p1.rss - p0.rss),
    heapUsedPerConnKB: perConn(p1.heapUsed - p0.heapUsed),
    heapTotalPerConnKB: perConn(p1.heapTotal - p0.heapTotal),
    externalPerConnKB: perConn(p1.external - p0.external),
    arrayBuffersPerConnKB: perConn(p1.arrayBuffers - p0.arrayBuffers)
  },
  snapshots: a.snapshots ? [p0.snapshot, p1.snapshot] : undefined
}
await closeAll(clients, 10000)
child.kill('SIGTERM')
await new Promise((resolve) => child.once('exit', resolve))
rmSync(dataDir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify(result)}\n`)
setTimeout(() => process.exit(0), 50)
