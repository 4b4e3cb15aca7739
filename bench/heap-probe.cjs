// Preloaded into the server by rooms-memory.mjs and harness-ext/idle-memory.mjs
// (`node --expose-gc --require bench/heap-probe.cjs`): on SIGUSR2 it runs a full garbage
// collection and prints one line
//   heap-probe {"rss":…,"heapTotal":…,"heapUsed":…,"external":…,"arrayBuffers":…}   (bytes)
// to stderr, so a benchmark can tell memory the server still references (heapUsed after a
// full GC) from memory V8 merely keeps mapped (RSS). With HEAP_PROBE_SNAPSHOT_DIR set it also
// writes a heap snapshot there (bench/heap-diff.mjs compares two). The server code is unchanged.
'use strict';
const v8 = require('node:v8');
const path = require('node:path');
let n = 0;
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  const m = process.memoryUsage();
  let snapshot;
  if (process.env.HEAP_PROBE_SNAPSHOT_DIR) {
    snapshot = v8.writeHeapSnapshot(path.join(process.env.HEAP_PROBE_SNAPSHOT_DIR, `probe-${process.pid}-${++n}.heapsnapshot`));
  }
  process.stderr.write(`heap-probe ${JSON.stringify({ gc: typeof global.gc === 'function', ...m, snapshot })}\n`);
});
