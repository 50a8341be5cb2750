/**
 * The gateway's Prometheus metrics (prom-client, a registry of its own): requests and their
 * latency by operation and outcome, errors by code, statements per request, the connection
 * pool's size, idle and waiting connections (read when scraped), discovery and schema build
 * times, and the process's own metrics (CPU, memory, event loop lag, GC). Served at `/metrics`.
 *
 * @example
 * discograph_requests_total{operation="Cheap",type="query",outcome="success"} 3
 * discograph_pool_connections{state="idle"} 2
 */
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { PoolStatistics } from '../../juggler/connector/connector.js';
import {
  BucketCounts,
  type RequestOutcome,
  type RequestSeries,
  RequestSeriesTable,
} from './request-series.js';
import { histogramSamples, registerSeriesMetric } from './series-metric.js';

/** Distinct operation names labelled before the rest count as `other` (clients choose names). */
const MAX_OPERATION_LABELS = 500;

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_BUCKETS = [0, 1, 2, 3, 5, 8, 13, 21, 50, 100];

/** The process's metrics (CPU, memory, event loop, GC), collected once per process for every gateway. */
let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The gateway's metrics and their registry. */
export class GatewayMetrics {
  /** Every metric, in Prometheus's text format through `text()`. */
  readonly registry = new Registry();
  /** Requests and their latency by operation, type and outcome (read when scraped). */
  private readonly requests = new RequestSeriesTable(LATENCY_BUCKETS);
  private readonly statements = new BucketCounts(STATEMENT_BUCKETS);
  private readonly errors: Counter<'code'>;
  private readonly phases: Gauge<'phase'>;
  private readonly operationLabels = new Set<string>();
  private pool: (() => PoolStatistics | undefined) | undefined;
  private readonly withProcess: boolean;
  private readonly scrapeListeners: (() => void)[] = [];

  constructor(options: { processMetrics?: boolean } = {}) {
    this.withProcess = options.processMetrics !== false;
    const registers = [this.registry];
    const requests = this.requests;
    registerSeriesMetric(this.registry, {
      name: 'discograph_requests_total',
      help: 'GraphQL operations executed, by operation name, type and outcome',
      type: 'counter',
      samples: () =>
        requests.series().map((series) => ({ labels: labelsOf(series), value: series.latency.count })),
    });
    registerSeriesMetric(this.registry, {
      name: 'discograph_request_duration_seconds',
      help: 'Time from the request being read to its result, by operation name, type and outcome',
      type: 'histogram',
      samples: () =>
        requests
          .series()
          .flatMap((series) =>
            histogramSamples('discograph_request_duration_seconds', labelsOf(series), series.latency),
          ),
    });
    this.errors = new Counter({
      name: 'discograph_errors_total',
      help: 'Errors answered, by code (extensions.code)',
      labelNames: ['code'],
      registers,
    });
    const statements = this.statements;
    registerSeriesMetric(this.registry, {
      name: 'discograph_request_statements',
      help: 'Database statements sent per GraphQL operation',
      type: 'histogram',
      samples: () => histogramSamples('discograph_request_statements', {}, statements),
    });
    this.phases = new Gauge({
      name: 'discograph_startup_phase_seconds',
      help: 'Duration of the last discovery phases and schema build (catalog, models, schema)',
      labelNames: ['phase'],
      registers,
    });
    const pool = () => this.pool?.();
    new Gauge({
      name: 'discograph_pool_connections',
      help: 'Database pool connections by state: total (open), idle, waiting (callers queued), max',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = pool();
        if (!stats) return;
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
        this.set({ state: 'max' }, stats.max);
      },
    });
  }

  /** Reads the pool's counters from `statistics` when scraped. */
  watchPool(statistics: () => PoolStatistics | undefined): void {
    this.pool = statistics;
  }

  /** Calls `listener` before each scrape (to record what is still queued: request-report-queue.ts). */
  beforeScrape(listener: () => void): void {
    this.scrapeListeners.push(listener);
  }

  /** Records a startup phase's duration (`catalog`, `models`, `schema`), in milliseconds. */
  recordPhase(phase: string, durationMs: number): void {
    this.phases.set({ phase }, durationMs / 1000);
  }

  /** Records one executed operation. */
  recordRequest(
    operation: string,
    type: string,
    outcome: RequestOutcome,
    durationMs: number,
    statements: number,
    errorCodes: readonly string[] | undefined,
  ): void {
    this.requests.record(this.operationLabel(operation), type, outcome, durationMs / 1000);
    this.statements.observe(statements);
    if (errorCodes) for (const code of errorCodes) this.errors.inc({ code });
  }

  /** The metrics (with the process's) in Prometheus's text exposition format. */
  text(): Promise<string> {
    for (const listener of this.scrapeListeners) listener();
    if (!this.withProcess) return this.registry.metrics();
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }

  /** The content type of `text()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  private operationLabel(operation: string): string {
    if (this.operationLabels.has(operation)) return operation;
    if (this.operationLabels.size >= MAX_OPERATION_LABELS) return 'other';
    this.operationLabels.add(operation);
    return operation;
  }
}

function labelsOf(series: RequestSeries): Record<string, string> {
  return { operation: series.operation, type: series.type, outcome: series.outcome };
}
