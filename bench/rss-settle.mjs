#!/usr/bin/env node
// How much of the RSS the harness reads as "RSS before" (connections-5k) is memory the server
// keeps, and how much is V8 headroom left by our pre-step's HTTP burst: starts the built
// server, runs bench/inkwell-prestep.mjs for N clients over D documents exactly as the harness
// does before it measures, then prints the server's RSS once a second for S seconds.
//
//   node bench/rss-settle.mjs [--clients 5000] [--docs 500] [--seconds 25]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import prestep from './inkwell-prestep.mjs';

const { values: a } = parseArgs({
  options: {
    clients: { type: 'string', default: '5000' },
    docs: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '25' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'inkwell-rss-settle-'));
const child = spawn(process.execPath, [path.join(here, '../apps/server/dist/main.js')], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited ${code} before it listened`)));
    let out = '';
    child.stdout.on('data', (chunk) => {
      // Read from everything printed so far: the line may come in two chunks.
      out += chunk;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
  });
  const port = new URL(url).port;
  const rssMB = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024);
  console.log(`fresh: ${rssMB()} MB`);
  const started = performance.now();
  const target = { url: 'ws://127.0.0.1:{port}/ws/doc/{doc}', port };
  for (let i = 0; i < Number(a.clients); i++) await prestep({ index: i, docName: `settle-conn-${i % Number(a.docs)}`, target });
  console.log(`after the pre-step for ${a.clients} clients (${Math.round(performance.now() - started)} ms): ${rssMB()} MB`);
  const samples = [];
  for (let s = 1; s <= Number(a.seconds); s++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(`${s}s ${rssMB()}`);
  }
  console.log(`then, MB: ${samples.join(', ')}`);
} finally {
  child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
