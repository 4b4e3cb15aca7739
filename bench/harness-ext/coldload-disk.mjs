#!/usr/bin/env node
// Cold load FROM DISK after a restart: the scenario the shared harness cannot express (its
// `coldload` keeps the pushing client connected, so a server serves the document from
// memory; neither peer persists anything). Run by bench/bench.mjs from its private copy of the
// harness (copied to <copy>/ext/), so that it measures with the harness's own client
// (SimClient: real Y.Doc, same "synced" rule, same timestamps) and trace replay.
//
// 1. Start the server on a fresh data dir, register a user, create a document, push the
//    editing trace through one client as one update, wait until a fresh reader gets all of it.
// 2. Stop the server with SIGTERM (it stores and compacts every open document).
// 3. `samples` times: start the server again on the same data dir, wait for "listening on",
//    and open ONE client: the room is loaded from SQLite for it (cold). Record socket open ->
//    step 2 received ("first data") and open -> synced, and a second client right after it
//    (warm: the room is in memory). Stop the server.
//
// Prints one JSON line (a result in the harness's shape, scenario "coldload-disk").
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as Y from 'yjs'
import { getAdapter } from '../lib/adapters.mjs'
import { closeAll, SimClient } from '../lib/client.mjs'
import { readStatus } from '../lib/procstat.mjs'
import { summarize } from '../lib/stats.mjs'
import { buildTraceDoc, loadTrace } from '../lib/trace.mjs'

const { values: a } = parseArgs({
  options: {
    server: { type: 'string' }, // path of dist/main.js
    samples: { type: 'string', default: '5' },
    'trace-ops': { type: 'string' },
    'node-args': { type: 'string', default: '' }, // e.g. "--cpu-prof --cpu-prof-dir=..."
    'log-file': { type: 'string' },
    rep: { type: 'string', default: '1' }
  }
})
if (!a.server) throw new Error('--server path/to/dist/main.js is required')

const r2 = (v) => Math.round(v * 100) / 100
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const adapter = getAdapter('yws')
const dataDir = mkdtempSync(path.join(tmpdir(), 'inkwell-coldload-'))

function startServer (extraArgs = []) {
  const t0 = performance.now()
  const args = [...a['node-args'].split(' ').filter(Boolean), ...extraArgs, a.server]
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  const url = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d
      const m = /^listening on (http:\/\/\S+)$/m.exec(out)
      if (m) resolve({ url: m[1], readyMs: r2(performance.now() - t0) })
    })
    child.stderr.on('data', (d) => { out += d })
    child.once('exit', (code) => reject(new Error(`server exited ${code} before listening: ${out.slice(-500)}`)))
  })
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    child.once('exit', (code) => resolve(code))
    child.kill('SIGTERM')
  })
  return { child, url, stop, output: () => out }
}

async function register (base) {
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `cold-${Date.now()}@bench.test`, password: 'bench-password-1', name: 'Cold' })
  })
  if (res.status !== 201) throw new Error(`register -> ${res.status}`)
  return res.headers.getSetCookie()[0].split(';')[0]
}

async function createDoc (base, cookie) {
  const res = await fetch(`${base}/api/docs`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{"title":"coldload"}' })
  if (res.status !== 201) throw new Error(`create doc -> ${res.status}`)
  return (await res.json()).id
}

function client (base, docId, cookie, id) {
  return new SimClient({ id, adapter, url: `${base.replace('http', 'ws')}/ws/doc/${docId}`, docName: docId, headers: { Cookie: cookie }, perMessageDeflate: true, connectTimeoutMs: 60000 })
}

/** One fresh client: connect, wait for synced, measure, close. */
async function read (base, docId, cookie, id, expectedText) {
  const c = client(base, docId, cookie, id)
  await c.connect()
  const s = {
    connectMs: r2(c.tOpen - c.tCreate),
    serverMs: r2(c.tStep2Recv - c.tOpen), // "first data": open -> step 2 frame received
    syncMs: r2(c.tSynced - c.tOpen), // open -> step 2 applied
    totalMs: r2(c.tSynced - c.tCreate),
    bytesIn: c.syncBytesIn,
    complete: c.text.toString() === expectedText
  }
  await closeAll([c], 3000)
  return s
}

const result = { scenario: 'coldload-disk', preset: 'coldload-disk', target: 'inkwell', rep: Number(a.rep), ok: false }
try {
  const trace = loadTrace()
  const built = buildTraceDoc(trace, { maxOps: a['trace-ops'] ? Number(a['trace-ops']) : Infinity })
  const update = Y.encodeStateAsUpdate(built.doc)
  result.params = { traceOps: built.ops, docChars: built.expectedText.length, updateBytes: update.length, samples: Number(a.samples) }

  // 1. seed
  const seed = startServer()
  const { url: base } = await seed.url
  const cookie = await register(base)
  const docId = await createDoc(base, cookie)
  const pusher = client(base, docId, cookie, 0)
  await pusher.connect()
  const tPush = performance.now()
  Y.applyUpdate(pusher.doc, update)
  for (let probe = 0; ; probe++) {
    const s = await read(base, docId, cookie, 1000 + probe, built.expectedText)
    if (s.complete) break
    if (probe > 100) throw new Error('the server never served the pushed document')
    await sleep(100)
  }
  result.pushToFullyServedMs = r2(performance.now() - tPush)
  await closeAll([pusher], 3000)
  const seedExit = await seed.stop()
  if (seedExit !== 0) throw new Error(`seeding server exited ${seedExit}: ${seed.output().slice(-500)}`)

  // 2. restarts
  const samples = []
  for (let k = 0; k < Number(a.samples); k++) {
    const srv = startServer()
    const { url, readyMs } = await srv.url
    const cold = await read(url, docId, cookie, k + 1, built.expectedText)
    const warm = await read(url, docId, cookie, 100 + k, built.expectedText)
    const st = readStatus(srv.child.pid)
    const code = await srv.stop()
    if (!cold.complete || !warm.complete) throw new Error(`restart ${k}: incomplete document`)
    if (code !== 0) throw new Error(`restart ${k}: server exited ${code}`)
    samples.push({ startToListeningMs: readyMs, cold, warm, serverRssMB: st ? Math.round(st.vmRSS / 104857.6) / 10 : null })
  }
  const pick = (f) => summarize(samples.map(f))
  Object.assign(result, {
    ok: true,
    first: samples[0].cold,
    syncMs: pick((s) => s.cold.syncMs),
    serverMs: pick((s) => s.cold.serverMs),
    totalMs: pick((s) => s.cold.totalMs),
    warmSyncMs: pick((s) => s.warm.syncMs),
    startToListeningMs: pick((s) => s.startToListeningMs),
    bytesIn: samples[0].cold.bytesIn,
    serverRssWithDocMB: pick((s) => s.serverRssMB).p50,
    samples
  })
  result.summary = `coldload-disk (${built.ops} ops, ${update.length} B): after a restart, open->first data p50 ${result.serverMs.p50} ms, open->synced p50 ${result.syncMs.p50} ms (warm ${result.warmSyncMs.p50} ms); server ready ${result.startToListeningMs.p50} ms after spawn`
} catch (e) {
  result.error = e.stack || String(e)
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
console.error(`[inkwell] ${result.summary ?? `coldload-disk FAILED: ${result.error}`}`)
process.stdout.write(`${JSON.stringify(result)}\n`)
setTimeout(() => process.exit(0), 50)
