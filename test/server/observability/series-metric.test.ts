import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BucketCounts, RequestSeriesTable } from '../../../src/server/observability/request-series.js';
import { histogramSamples, registerSeriesMetric } from '../../../src/server/observability/series-metric.js';

const BOUNDS = [0.001, 0.01, 0.1, 1];
const OBSERVED: [string, 'query' | 'mutation', 'success' | 'partial' | 'error', number][] = [
  ['Cheap', 'query', 'success', 0.0005],
  ['Cheap', 'query', 'success', 0.001],
  ['Cheap', 'query', 'success', 0.05],
  ['Cheap', 'query', 'error', 2],
  ['Save "it"\\', 'mutation', 'partial', 0.02],
];

describe('metrics read from request series when scraped', () => {
  it('print the same text as prom-client’s own Counter and Histogram fed the same requests', async () => {
    const reference = new Registry();
    const counter = new Counter({
      name: 'req_total',
      help: 'requests',
      labelNames: ['operation', 'type', 'outcome'],
      registers: [reference],
    });
    const histogram = new Histogram({
      name: 'req_seconds',
      help: 'latency',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: BOUNDS,
      registers: [reference],
    });
    const unlabelled = new Histogram({
      name: 'statements',
      help: 'statements',
      buckets: [0, 1, 2],
      registers: [reference],
    });

    const ours = new Registry();
    const table = new RequestSeriesTable(BOUNDS);
    const statements = new BucketCounts([0, 1, 2]);
    const labelsOf = (s: { operation: string; type: string; outcome: string }) => ({
      operation: s.operation,
      type: s.type,
      outcome: s.outcome,
    });
    registerSeriesMetric(ours, {
      name: 'req_total',
      help: 'requests',
      type: 'counter',
      samples: () => table.series().map((s) => ({ labels: labelsOf(s), value: s.latency.count })),
    });
    registerSeriesMetric(ours, {
      name: 'req_seconds',
      help: 'latency',
      type: 'histogram',
      samples: () => table.series().flatMap((s) => histogramSamples('req_seconds', labelsOf(s), s.latency)),
    });
    registerSeriesMetric(ours, {
      name: 'statements',
      help: 'statements',
      type: 'histogram',
      samples: () => histogramSamples('statements', {}, statements),
    });

    for (const [operation, type, outcome, seconds] of OBSERVED) {
      counter.inc({ operation, type, outcome });
      histogram.observe({ operation, type, outcome }, seconds);
      table.record(operation, type, outcome, seconds);
    }
    for (const count of [0, 1, 1, 3]) {
      unlabelled.observe(count);
      statements.observe(count);
    }
    expect(await ours.metrics()).toBe(await reference.metrics());
  });

  it('count a value equal to a bound in that bound’s bucket, and one above every bound only in +Inf', () => {
    const counts = new BucketCounts([1, 2]);
    counts.observe(1);
    counts.observe(2.5);
    expect(counts.cumulative()).toEqual([1, 1]);
    expect(counts.count).toBe(2);
    expect(counts.sum).toBe(3.5);
  });
});
