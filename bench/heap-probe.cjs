// Preloaded into the server by rooms-memory.mjs (`node --expose-gc --require bench/heap-probe.cjs`):
// on SIGUSR2 it runs a full garbage collection and prints one line
//   heap-probe {"rss":…,"heapTotal":…,"heapUsed":…,"external":…,"arrayBuffers":…}   (bytes)
// to stderr, so the benchmark can tell memory the server still references (heapUsed after a
// full GC) from memory V8 merely keeps mapped (RSS). The server code itself is unchanged.
'use strict';
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  const m = process.memoryUsage();
  process.stderr.write(`heap-probe ${JSON.stringify({ gc: typeof global.gc === 'function', ...m })}\n`);
});
