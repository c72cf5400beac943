/**
 * Counters and histograms for the request hot path, exposed through prom-client's registry. prom-client's
 * own labelled metrics hash and validate the label set on every observation; these keep one plain series
 * object per label set, looked up once per operation, so an observation is a few additions. prom-client
 * formats them (its registry calls `get()`), beside its own metrics.
 */

type Labels = Record<string, string>;

interface MetricValue {
  labels: Labels;
  value: number;
  metricName?: string;
}

/** A monotonically increasing count for one label set. */
export class CounterCell {
  value = 0;
  constructor(readonly labels: Labels) {}
}

/** A histogram's buckets for one label set (non-cumulative counts; made cumulative when scraped). */
export class HistogramCell {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(seconds: number): void {
    const b = this.bounds;
    let i = 0;
    while (i < b.length && seconds > (b[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sum += seconds;
    this.count++;
  }
}

abstract class Family<C> {
  readonly aggregator = 'sum';
  protected readonly cells = new Map<string, C>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  /** The cell for a label set, created on first use; callers keep it and skip this lookup afterwards. */
  cell(key: string, labels: Labels): C {
    let c = this.cells.get(key);
    if (!c) {
      c = this.create(labels);
      this.cells.set(key, c);
    }
    return c;
  }

  protected abstract create(labels: Labels): C;
}

/** A counter family (`type: counter`) in prom-client's metric shape. */
export class CounterFamily extends Family<CounterCell> {
  readonly type = 'counter';
  protected create(labels: Labels): CounterCell {
    return new CounterCell(labels);
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    const values = [...this.cells.values()].map((c) => ({ labels: c.labels, value: c.value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/** A histogram family (`type: histogram`) in prom-client's metric shape: `_bucket{le}`, `_sum`, `_count`. */
export class HistogramFamily extends Family<HistogramCell> {
  readonly type = 'histogram';
  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
  ) {
    super(name, help);
  }

  protected create(labels: Labels): HistogramCell {
    return new HistogramCell(labels, this.bounds);
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: MetricValue[] } {
    const values: MetricValue[] = [];
    for (const c of this.cells.values()) {
      let cumulative = 0;
      for (let i = 0; i <= this.bounds.length; i++) {
        cumulative += c.counts[i] as number;
        const le = i < this.bounds.length ? String(this.bounds[i]) : '+Inf';
        values.push({ labels: { ...c.labels, le }, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: c.labels, value: c.sum, metricName: `${this.name}_sum` });
      values.push({ labels: c.labels, value: c.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}
