/**
 * The per-request metrics' counts, kept so that recording a request hashes no label set and
 * allocates nothing once its series exists: per operation name an array indexed by operation type
 * × outcome, each entry a series (count, sum of seconds, latency bucket counts); statements per
 * request and errors by code likewise. prom-client reads them when `/metrics` is scraped, through
 * the `SeriesMetric` objects of series-metric.ts (prom-client's own `observe` builds a label hash
 * string and two objects per call, and was most of what request metrics cost).
 *
 * @example
 * const table = new RequestSeriesTable([0.005, 0.05, 0.5]);
 * table.record('Cheap', 'query', 'success', 0.0021);
 * table.series(); // [{ operation: 'Cheap', type: 'query', outcome: 'success', count: 1, sum: 0.0021, buckets: [1, 1, 1] }]
 */

/**
 * How a request ended: data without errors, data with errors, errors only, or its client
 * disconnected before the answer (`cancelled`: its statements were cancelled, HTTP 499 in logs).
 */
export type RequestOutcome = 'success' | 'partial' | 'error' | 'cancelled';

/** Operation types; `none` for a request refused before any operation ran. */
const TYPES = ['query', 'mutation', 'subscription', 'none'] as const;
const OUTCOMES: readonly RequestOutcome[] = ['success', 'partial', 'error', 'cancelled'];

/** Counts of values observed against fixed upper bounds (`le`), not yet cumulative. */
export class BucketCounts {
  count = 0;
  sum = 0;
  /** Observations per bound; the last entry counts those above every bound. */
  readonly perBound: Float64Array;

  constructor(readonly bounds: readonly number[]) {
    this.perBound = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    const { bounds } = this;
    let index = 0;
    while (index < bounds.length && value > (bounds[index] as number)) index += 1;
    this.perBound[index] = (this.perBound[index] as number) + 1;
    this.count += 1;
    this.sum += value;
  }

  /** The cumulative count at each bound (Prometheus's `le` buckets, without `+Inf`). */
  cumulative(): number[] {
    const counts: number[] = [];
    let total = 0;
    for (let index = 0; index < this.bounds.length; index += 1) {
      total += this.perBound[index] as number;
      counts.push(total);
    }
    return counts;
  }
}

/** One label set of the request metrics with its latency counts. */
export interface RequestSeries {
  readonly operation: string;
  readonly type: string;
  readonly outcome: RequestOutcome;
  readonly latency: BucketCounts;
}

/** The request series by operation name, type and outcome. */
export class RequestSeriesTable {
  private readonly byOperation = new Map<string, (RequestSeries | undefined)[]>();

  constructor(private readonly latencyBounds: readonly number[]) {}

  /** Adds one request of `seconds` to its series. */
  record(operation: string, type: string, outcome: RequestOutcome, seconds: number): void {
    let row = this.byOperation.get(operation);
    if (row === undefined) {
      row = new Array<RequestSeries | undefined>(TYPES.length * OUTCOMES.length);
      this.byOperation.set(operation, row);
    }
    const index = slotOf(type, outcome);
    let series = row[index];
    if (series === undefined) {
      series = { operation, type, outcome, latency: new BucketCounts(this.latencyBounds) };
      row[index] = series;
    }
    series.latency.observe(seconds);
  }

  /** Every series with at least one request. */
  series(): RequestSeries[] {
    const all: RequestSeries[] = [];
    for (const row of this.byOperation.values()) {
      for (const series of row) if (series !== undefined) all.push(series);
    }
    return all;
  }
}

function slotOf(type: string, outcome: RequestOutcome): number {
  const typeIndex = type === 'query' ? 0 : type === 'mutation' ? 1 : type === 'subscription' ? 2 : 3;
  const outcomeIndex = outcome === 'success' ? 0 : outcome === 'partial' ? 1 : outcome === 'error' ? 2 : 3;
  return typeIndex * OUTCOMES.length + outcomeIndex;
}
