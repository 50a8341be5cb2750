/**
 * The pipeline hooks that make a request observable, on both HTTP paths: `onRequest` starts the
 * request's telemetry (and hands it to the connectors as the statement tracker), `onExecute`
 * marks the end of parse/validate/plan, `onResult` ends its spans and queues its report, from
 * which the request's log line and metrics are made with the others of the same turn of the
 * event loop (request-report-queue.ts); `onRefused` does the same for a request answered before
 * any operation ran (type `none`). Nothing here runs per statement except the tracker's two
 * additions (and a span with tracing on).
 *
 * @example
 * // the request log line (JSON)
 * {"level":30,"time":1765040000000,"operation":"Cheap","type":"query","documentHash":"3f1c…",
 *  "durationMs":2.41,"statements":1,"rows":2,"status":200,"outcome":"success","msg":"request"}
 * // a client that hung up: "status":499,"outcome":"cancelled","errorCodes":["CLIENT_CLOSED_REQUEST"]
 */
import type { Tracer } from '@opentelemetry/api';
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { ExecuteEvent, GatewayHooks, GatewayRequest, RequestState } from '../pipeline/gateway-hooks.js';
import type { PreparedOperation } from '../pipeline/operation-cache.js';
import { sha256Hex } from '../trusted-documents/operation-documents.js';
import { type GatewayLogger, lineWriterOf } from './gateway-logger.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { operationMembers, type RequestLine, requestLogLine } from './request-log-line.js';
import { RequestReportQueue } from './request-report-queue.js';
import type { RequestOutcome } from './request-series.js';
import { RequestTelemetry } from './request-telemetry.js';

/** Options of `observabilityHooks`. */
export interface ObservabilityOptions {
  /** Writes the request log lines (none when undefined). */
  logger?: GatewayLogger;
  /** Records request metrics (none when undefined). */
  metrics?: GatewayMetrics;
  /** Makes the request's spans (none when undefined). */
  tracer?: Tracer;
  /** `db.system` of statement spans (`postgresql`, `mysql`). */
  dbSystem: string;
}

/** What every report of one prepared operation shares. */
interface OperationFacts {
  /** The SHA-256 of the operation's document text (what trusted documents are keyed by). */
  documentHash: string;
  /** Its log lines' `operationMembers` (name, type, hash as JSON). */
  members: string;
}

/** Each prepared operation's facts, made once (prepared operations are cached). */
const operationFacts = new WeakMap<PreparedOperation, OperationFacts>();

function factsOf(operation: PreparedOperation): OperationFacts {
  let facts = operationFacts.get(operation);
  if (facts === undefined) {
    const documentHash = sha256Hex(operation.document.loc?.source.body ?? '');
    const members = operationMembers(operation.name ?? 'anonymous', operation.kind, documentHash);
    facts = { documentHash, members };
    operationFacts.set(operation, facts);
  }
  return facts;
}

/** One request's report: its log line's fields and its operation's members. */
interface RequestReport extends RequestLine {
  members: string;
}

/** The operation type logged and counted for a request refused before any operation ran. */
const NOT_EXECUTED = 'none';

/** The status logged for a request whose client disconnected first (nginx's 499; nothing is sent). */
const CLIENT_CLOSED_STATUS = 499;

function codeOf(error: GraphQLError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** The HTTP status the answer carries: an error's `extensions.http.status`, else 200. */
function statusOf(errors: readonly GraphQLError[] | undefined): number {
  if (errors === undefined) return 200;
  for (const error of errors) {
    const status = (error.extensions?.http as { status?: unknown } | undefined)?.status;
    if (typeof status === 'number') return status;
  }
  return 200;
}

function outcomeOf(result: ExecutionResult): RequestOutcome {
  if (!result.errors?.length) return 'success';
  return result.data == null ? 'error' : 'partial';
}

/** The correlation ids the client received with its errors (masked errors carry one each). */
function correlationIdsOf(errors: readonly GraphQLError[]): string[] | undefined {
  const ids: string[] = [];
  for (const error of errors) {
    const id = error.extensions?.correlationId;
    if (typeof id === 'string') ids.push(id);
  }
  return ids.length > 0 ? ids : undefined;
}

/** `report` with who asked: the authenticated caller's id and the `x-request-id` header. */
function withCaller(report: RequestReport, request: GatewayRequest, state: RequestState): RequestReport {
  const caller = state.caller;
  if (caller?.authenticated) report.callerId = caller.id;
  const requestId = request.header('x-request-id');
  if (requestId !== undefined) report.requestId = requestId;
  return report;
}

/** Records each report's metrics and writes their log lines, all at once (one write). */
function reporter(
  metrics: GatewayMetrics | undefined,
  writeLines: ((lines: string) => void) | undefined,
): (reports: readonly RequestReport[]) => void {
  return (reports) => {
    let lines = '';
    for (const report of reports) {
      const { operation, type, outcome, durationMs, statements, errorCodes } = report;
      metrics?.recordRequest(operation, type, outcome, durationMs, statements, errorCodes);
      if (writeLines !== undefined) lines += requestLogLine(report, report.members);
    }
    if (writeLines !== undefined) writeLines(lines);
  };
}

/** The hooks writing request log lines, metrics and spans. */
export function observabilityHooks(options: ObservabilityOptions): GatewayHooks {
  const { metrics, tracer, dbSystem } = options;
  const writeLines =
    options.logger?.isLevelEnabled('info') === true ? lineWriterOf(options.logger) : undefined;
  const reports =
    metrics !== undefined || writeLines !== undefined
      ? new RequestReportQueue(reporter(metrics, writeLines))
      : undefined;
  // A scrape counts every request answered before it.
  if (reports !== undefined) metrics?.beforeScrape(reports.flush);
  const telemetryOf = (event: ExecuteEvent) => event.state.statementTracker as RequestTelemetry | undefined;
  return {
    name: 'observability',
    onRequest(_request, state) {
      state.statementTracker = new RequestTelemetry(tracer, dbSystem);
    },
    onExecute(event) {
      if (tracer === undefined) return;
      const { operation } = event;
      telemetryOf(event)?.executing(operation.name, operation.kind, factsOf(operation).documentHash);
    },
    onResult(event) {
      const telemetry = telemetryOf(event);
      const { operation, result, state } = event;
      const errors = result.errors?.length ? result.errors : undefined;
      const errorCodes = errors?.map(codeOf);
      telemetry?.finished(errorCodes);
      if (reports === undefined) return;
      const cancelled = state.cancellation?.cancelled === true;
      const { documentHash, members } = factsOf(operation);
      const report: RequestReport = {
        time: Date.now(),
        operation: operation.name ?? 'anonymous',
        type: operation.kind,
        documentHash,
        durationMs: telemetry ? performance.now() - telemetry.startedAt : event.durationMs,
        statements: telemetry?.statements ?? 0,
        rows: telemetry?.rows ?? 0,
        status: cancelled ? CLIENT_CLOSED_STATUS : statusOf(errors),
        outcome: cancelled ? 'cancelled' : outcomeOf(result),
        members,
      };
      if (errors !== undefined) {
        report.errorCodes = errorCodes;
        report.correlationIds = correlationIdsOf(errors);
      }
      reports.add(withCaller(report, event.request, state));
    },
    onRefused(event) {
      const telemetry = event.state.statementTracker as RequestTelemetry | undefined;
      const errorCodes = event.errors.map(codeOf);
      telemetry?.finished(errorCodes);
      if (reports === undefined) return;
      const operation = event.operationName ?? 'anonymous';
      const documentHash = event.query === undefined ? undefined : sha256Hex(event.query);
      const report: RequestReport = {
        time: Date.now(),
        operation,
        type: NOT_EXECUTED,
        ...(documentHash === undefined ? {} : { documentHash }),
        durationMs: telemetry ? performance.now() - telemetry.startedAt : 0,
        statements: 0,
        rows: 0,
        status: event.status,
        outcome: 'error',
        members: operationMembers(operation, NOT_EXECUTED, documentHash),
        errorCodes,
      };
      const correlationIds = correlationIdsOf(event.errors);
      if (correlationIds !== undefined) report.correlationIds = correlationIds;
      reports.add(withCaller(report, event.request, event.state));
    },
  };
}
