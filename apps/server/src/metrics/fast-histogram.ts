import type { Metric, Registry } from 'prom-client';

/**
 * An unlabelled histogram for the write path, where every update is observed (relay latency)
 * and every commit (persist duration). prom-client's Histogram validates and hashes labels
 * and allocates on each observe: about 2 µs, which the fanout profile showed at 0.3 % of a
 * core. This one finds the bucket and bumps two numbers; the exposition is the same.
 */
export class FastHistogram {
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    this.counts = new Float64Array(bounds.length);
    // The registry renders any object with name, help, type and get(); the cast names that.
    registry.registerMetric(this as unknown as Metric);
  }

  readonly type = 'histogram';

  observe(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) this.counts[i]! += 1;
    this.sum += value;
    this.count += 1;
  }

  get() {
    const bucket = `${this.name}_bucket`;
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    let cumulative = 0;
    this.bounds.forEach((le, i) => {
      cumulative += this.counts[i]!;
      values.push({ labels: { le }, value: cumulative, metricName: bucket });
    });
    values.push({ labels: { le: '+Inf' }, value: this.count, metricName: bucket });
    values.push({ labels: {}, value: this.sum, metricName: `${this.name}_sum` });
    values.push({ labels: {}, value: this.count, metricName: `${this.name}_count` });
    return { name: this.name, help: this.help, type: this.type, values, aggregator: 'sum' as const };
  }
}
