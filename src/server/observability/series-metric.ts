/**
 * Metrics whose samples are read from counts kept elsewhere (request-series.ts) when the registry
 * is scraped: prom-client's Registry formats any metric object with a name, help, type,
 * aggregator and `get()` returning its samples, which is what these are. The text they produce
 * is the same as prom-client's own Counter and Histogram would (same names, `le` first).
 *
 * @example
 * registerSeriesMetric(registry, {
 *   name: 'discograph_requests_total', help: '…', type: 'counter',
 *   samples: () => table.series().map((s) => ({ labels: labelsOf(s), value: s.latency.count })),
 * });
 */
import type { Metric, Registry } from 'prom-client';
import type { BucketCounts } from './request-series.js';

/** One sample line: `metricName{labels} value` (metricName defaults to the metric's name). */
export interface SeriesSample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/** What `registerSeriesMetric` registers. */
export interface SeriesMetricSpec {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  /** The samples at scrape time. */
  samples: () => SeriesSample[];
}

/** Registers on `registry` a metric whose samples `spec.samples()` gives when scraped. */
export function registerSeriesMetric(registry: Registry, spec: SeriesMetricSpec): void {
  const { name, help, type, samples } = spec;
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: samples() }),
    reset: () => undefined,
  };
  // The Registry reads this shape from any metric; its typings name only prom-client's own classes.
  registry.registerMetric(metric as unknown as Metric);
}

/** A histogram's samples for one label set: `_bucket` per bound and `+Inf`, then `_sum` and `_count`. */
export function histogramSamples(
  name: string,
  labels: Record<string, string>,
  counts: BucketCounts,
): SeriesSample[] {
  const samples: SeriesSample[] = [];
  const cumulative = counts.cumulative();
  counts.bounds.forEach((bound, index) => {
    samples.push({
      metricName: `${name}_bucket`,
      labels: { le: bound, ...labels },
      value: cumulative[index] as number,
    });
  });
  samples.push(
    { metricName: `${name}_bucket`, labels: { le: '+Inf', ...labels }, value: counts.count },
    { metricName: `${name}_sum`, labels, value: counts.sum },
    { metricName: `${name}_count`, labels, value: counts.count },
  );
  return samples;
}
