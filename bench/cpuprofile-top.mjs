#!/usr/bin/env node
// Where the time went in a V8 CPU profile (`node --cpu-prof`, e.g. `pnpm bench -- --cpu-prof`):
// self time per function, and inclusive time of the heaviest call paths' functions.
//
//   node bench/cpuprofile-top.mjs file.cpuprofile [--top 25] [--match yjs]
// --match keeps functions whose name or file contains the string.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: a, positionals: files } = parseArgs({
  options: { top: { type: 'string', default: '25' }, match: { type: 'string' } },
  allowPositionals: true,
});
if (files.length === 0) {
  console.error('usage: node bench/cpuprofile-top.mjs file.cpuprofile [...] [--top N] [--match S]');
  process.exit(2);
}

for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // sample i lasted timeDeltas[i + 1] (the delta before the next sample); good enough here
  const selfUs = new Map();
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i + 1] ?? 0;
    selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + dt);
  }
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  for (const [id, us] of selfUs) {
    all += us;
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) ?? 0) + us);
    // inclusive: every distinct function on the stack gets the sample once
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const keep = (k) => !a.match || k.toLowerCase().includes(a.match.toLowerCase());
  const ms = (us) => (us / 1000).toFixed(1);
  console.log(`\n## ${path.basename(file)}: ${ms(all)} ms sampled`);
  for (const [title, m] of [
    ['self', self],
    ['inclusive', total],
  ]) {
    console.log(`\n| ${title} ms | % | function |\n|---|---|---|`);
    const rows = [...m]
      .filter(([k]) => keep(k))
      .sort((x, y) => y[1] - x[1])
      .slice(0, Number(a.top));
    for (const [k, us] of rows) console.log(`| ${ms(us)} | ${((100 * us) / all).toFixed(1)} | ${k} |`);
  }
}
