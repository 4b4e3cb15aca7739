#!/usr/bin/env node
// What grew between two V8 heap snapshots: self size and count per (node type, name), for
// snapshots written by bench/heap-probe.cjs (after a forced full GC).
//
//   node bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--per 1000] [--top 30]
// --per N divides the growth by N (e.g. the number of connections opened in between).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const {
  values: a,
  positionals: [before, after],
} = parseArgs({
  options: { per: { type: 'string', default: '1' }, top: { type: 'string', default: '30' } },
  allowPositionals: true,
});
if (!before || !after) {
  console.error('usage: node bench/heap-diff.mjs before.heapsnapshot after.heapsnapshot [--per N] [--top K]');
  process.exit(2);
}

function aggregate(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const stride = f.length;
  const nodes = snap.nodes;
  const out = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += stride) {
    const type = types[nodes[i + iType]];
    let name = snap.strings[nodes[i + iName]];
    // Strings and code are named by their content: group them by type only.
    if (['string', 'concatenated string', 'sliced string', 'code', 'number', 'regexp'].includes(type)) name = '';
    if (name.length > 60) name = `${name.slice(0, 57)}...`;
    const key = `${type} ${name}`;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count += 1;
    e.size += nodes[i + iSize];
    total += nodes[i + iSize];
    out.set(key, e);
  }
  return { out, total };
}

const A = aggregate(before);
const B = aggregate(after);
const per = Number(a.per);
const rows = [];
for (const [key, b] of B.out) {
  const x = A.out.get(key) ?? { count: 0, size: 0 };
  rows.push({ key, dSize: b.size - x.size, dCount: b.count - x.count });
}
rows.sort((p, q) => q.dSize - p.dSize);
const r1 = (v) => Math.round(v * 10) / 10;
console.log(
  `total self size: ${r1(A.total / 1048576)} MB -> ${r1(B.total / 1048576)} MB (+${r1((B.total - A.total) / per)} B per unit, per = ${per})`,
);
console.log(`| bytes per unit | count per unit | node |`);
console.log(`|---|---|---|`);
for (const r of rows.slice(0, Number(a.top))) console.log(`| ${r1(r.dSize / per)} | ${r1(r.dCount / per)} | ${r.key} |`);
