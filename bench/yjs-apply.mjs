#!/usr/bin/env node
// What applying a stream of small edits costs in one Yjs build against another: the part of a
// relay server's CPU that depends on the Yjs it runs, not on the server. The harness's
// y-websocket runs Yjs 14 (a pre-release); we and Hocuspocus run 13.
//
// Makes N single-insert updates of C editors typing at random places in one Y.Text, as the
// harness's fanout does (with this package's Yjs), then, in a fresh child process per build and
// build after build R times, applies all of them to an empty Y.Doc with an 'update' listener
// (what every relay server has) and prints the median time per update.
//
//   node bench/yjs-apply.mjs [--updates 30000] [--editors 10] [--rounds 3] path/to/yjs.mjs ...
//
// With no path it compares this repository's Yjs with the harness copy's Yjs 14, when a
// `pnpm bench` run has left one under /tmp.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './report.mjs';

const { values: a, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    updates: { type: 'string', default: '30000' },
    editors: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    child: { type: 'string' },
  },
});

const here = path.dirname(fileURLToPath(import.meta.url));

/** In a child: apply every update of the file with the given Yjs; print the median ms. */
async function applyAll(yjsPath, file) {
  const Y = await import(pathToFileURL(yjsPath).href);
  const buf = readFileSync(file);
  const updates = [];
  for (let at = 0; at < buf.length; ) {
    const length = buf.readUInt32LE(at);
    updates.push(new Uint8Array(buf.buffer, buf.byteOffset + at + 4, length));
    at += 4 + length;
  }
  const once = () => {
    const doc = new Y.Doc();
    let relayed = 0;
    doc.on('update', (update) => {
      relayed += update.length;
    });
    const t0 = performance.now();
    for (const update of updates) Y.applyUpdate(doc, update, 'remote');
    const ms = performance.now() - t0;
    if (relayed === 0) throw new Error('no update event');
    return ms;
  };
  for (let i = 0; i < 3; i++) once(); // warm-up: the JIT, as in a running server
  const times = Array.from({ length: 5 }, once).sort((x, y) => x - y);
  process.stdout.write(`${times[2]}\n`);
}

if (a.child) {
  await applyAll(a.child, positionals[0]);
  process.exit(0);
}

const require = createRequire(path.join(here, '../apps/server/package.json'));
const ours = require.resolve('yjs').replace(/yjs\.cjs$/, 'yjs.mjs');
let builds = positionals;
if (builds.length === 0) {
  const copy = readdirSync(tmpdir()).find((name) => name.startsWith('inkwell-bench-harness-'));
  const store = copy && path.join(tmpdir(), copy, 'node_modules/.pnpm');
  const v14 = store && readdirSync(store).find((name) => name.startsWith('yjs@14'));
  if (!v14) throw new Error('give the Yjs builds to compare (no harness copy with Yjs 14 under /tmp)');
  builds = [ours, path.join(store, v14, 'node_modules/yjs/dist/yjs.mjs')];
}

// The updates, made once with our Yjs: every editor sees every other's edits before its next.
const Y = await import(pathToFileURL(ours).href);
const editors = Array.from({ length: Number(a.editors) }, () => new Y.Doc());
const parts = [];
let seed = 1;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
for (let k = 0; k < Number(a.updates); k++) {
  const i = k % editors.length;
  const text = editors[i].getText('text');
  let update;
  const keep = (u) => {
    update = u;
  };
  editors[i].on('update', keep);
  text.insert(Math.floor(random() * (text.length + 1)), `${i}.${k};`);
  editors[i].off('update', keep);
  for (const [j, other] of editors.entries()) if (j !== i) Y.applyUpdate(other, update);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(update.length);
  parts.push(length, update);
}
const dir = mkdtempSync(path.join(tmpdir(), 'inkwell-yjs-apply-'));
const file = path.join(dir, 'updates.bin');
writeFileSync(file, Buffer.concat(parts));

const name = (p) => /yjs@([^/]+)/.exec(p)?.[1] ?? JSON.parse(readFileSync(path.join(path.dirname(p), '../package.json'), 'utf8')).version;
const results = new Map(builds.map((b) => [b, []]));
try {
  for (let round = 0; round < Number(a.rounds); round++) {
    for (const build of builds) {
      const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', build, file], { encoding: 'utf8' });
      results.get(build).push(Number(out.trim()));
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const first = median(results.get(builds[0]));
for (const [build, times] of results) {
  const ms = median(times);
  const perUpdate = ((ms * 1000) / Number(a.updates)).toFixed(2);
  console.log(
    `yjs ${name(build)}: ${ms.toFixed(1)} ms for ${a.updates} updates (${perUpdate} µs each), ${(ms / first).toFixed(2)}× the first`,
  );
}
