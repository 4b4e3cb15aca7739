// Cost of the write-path metrics per update (what WriteLog and GroupCommit call), in-process.
//   pnpm --filter @inkwell/server exec tsx ../../bench/metrics-cost.ts
import { createMetrics } from '../apps/server/src/metrics/metrics.ts';

const m = createMetrics();
const N = 1_000_000;
for (let round = 0; round < 3; round++) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    m.commits.appended(100);
    m.commits.relayed((performance.now() - t) / 1000);
    if (i % 10 === 0) m.commits.committed(0.0002, 10, 1000);
  }
  const ns = ((performance.now() - t0) * 1e6) / N;
  console.log(`per update (append + relay observe + 1/10 commit observe + 2 clock reads): ${ns.toFixed(0)} ns`);
}
m.stop();
