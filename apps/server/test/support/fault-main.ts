// The server process (as src/main.ts runs it, API only) with a fault injected for crash tests:
// `--compaction-pause-ms=N` blocks the whole process N ms inside each compaction transaction,
// between writing the snapshot and deleting the rows it covers, so a test can kill it there.
import { parseArgs } from 'node:util';
import { resolveTuning } from '../../src/config.ts';
import { openSqliteStorage } from '../../src/server.ts';
import { runServerProcess } from '../../src/server-process.ts';

const { values } = parseArgs({ options: { 'compaction-pause-ms': { type: 'string', default: '0' } } });
const pauseMs = Number(values['compaction-pause-ms']);

await runServerProcess({
  deps: (config, logger) => ({
    storage: openSqliteStorage(config, resolveTuning(config), logger, {
      insideCompaction:
        pauseMs > 0
          ? () => {
              logger.warn('fault injection: pausing inside compaction', { pauseMs });
              Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
            }
          : undefined,
    }),
  }),
});
