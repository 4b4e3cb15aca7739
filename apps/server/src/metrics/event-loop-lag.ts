import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

/** Sampling resolution of the event-loop monitor (ms); it costs one libuv timer. */
const RESOLUTION_MS = 10;

/**
 * Event-loop lag since the previous scrape (mean, p50, p99, max), from Node's own
 * monitorEventLoopDelay. prom-client's default metrics have the same, but they start a
 * monitor per call that can never be stopped; one per server instance, stopped on close,
 * keeps test processes that start many servers clean.
 */
export class EventLoopLag {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor(registry: Registry) {
    this.histogram.enable();
    const h = this.histogram;
    const lag = (name: string, help: string, read: () => number, reset = false) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          // The histogram reports 0 (or NaN mean) before its first sample.
          const value = h.count > 0 ? read() / 1e9 : 0;
          this.set(Number.isFinite(value) ? value : 0);
          if (reset) h.reset();
        },
      });
    lag('inkwell_event_loop_lag_mean_seconds', 'Mean event-loop delay since the previous scrape.', () => h.mean);
    lag('inkwell_event_loop_lag_p50_seconds', 'Median event-loop delay since the previous scrape.', () => h.percentile(50));
    lag('inkwell_event_loop_lag_p99_seconds', '99th percentile event-loop delay since the previous scrape.', () => h.percentile(99));
    // Registered last: prom-client collects in registration order, so this one resets.
    lag('inkwell_event_loop_lag_max_seconds', 'Longest event-loop delay since the previous scrape.', () => h.max, true);
  }

  stop(): void {
    this.histogram.disable();
  }
}
