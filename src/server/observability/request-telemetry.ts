/**
 * `RequestTelemetry`, what one request's log line, metrics and spans are made from: when it began,
 * the statements it sent and the rows they returned (it is the request's `StatementTracker`), and,
 * with tracing on, its spans — `graphql.request`, under it `graphql.prepare` (parse, validate,
 * plan: cached per document), `graphql.execute`, and under that one `db.statement` span per
 * statement with its text (placeholders, never bound values) and the plan's field path.
 * Without a tracer a statement costs two additions and no allocation.
 */
import { ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { StatementTracker } from '../../juggler/connector/statement-tracker.js';

/** Ends `span` with an error status when `error` is set. */
function endSpan(span: Span, error: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The telemetry of one request. */
export class RequestTelemetry implements StatementTracker {
  /** `performance.now()` when the request's pipeline began. */
  readonly startedAt = performance.now();
  /** Statements sent for the request. */
  statements = 0;
  /** Rows the statements returned (or changed). */
  rows = 0;
  readonly wantsLabels: boolean;
  private requestSpan: Span | undefined;
  private phaseSpan: Span | undefined;
  private executeSpan: Span | undefined;

  constructor(
    private readonly tracer: Tracer | undefined,
    private readonly dbSystem: string,
  ) {
    this.wantsLabels = tracer !== undefined;
    if (tracer !== undefined) {
      this.requestSpan = tracer.startSpan('graphql.request', { kind: SpanKind.SERVER });
      this.phaseSpan = tracer.startSpan('graphql.prepare', {}, trace.setSpan(ROOT_CONTEXT, this.requestSpan));
    }
  }

  /** The operation is about to run: the prepare span ends, the execute span starts. */
  executing(operationName: string | undefined, operationType: string, documentHash: string): void {
    const { tracer, requestSpan } = this;
    if (tracer === undefined || requestSpan === undefined) return;
    this.phaseSpan?.end();
    this.phaseSpan = undefined;
    requestSpan.setAttribute('graphql.operation.type', operationType);
    requestSpan.setAttribute('graphql.document.hash', documentHash);
    if (operationName !== undefined) {
      requestSpan.setAttribute('graphql.operation.name', operationName);
      requestSpan.updateName(`${operationType} ${operationName}`);
    }
    this.executeSpan = tracer.startSpan('graphql.execute', {}, trace.setSpan(ROOT_CONTEXT, requestSpan));
  }

  /** The request is answered: every open span ends (errors mark the request span). */
  finished(errorCodes: readonly string[] | undefined): void {
    if (this.requestSpan === undefined) return;
    this.phaseSpan?.end();
    this.executeSpan?.end();
    if (errorCodes !== undefined) {
      this.requestSpan.setAttribute('graphql.error.codes', [...errorCodes]);
      this.requestSpan.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(', ') });
    }
    this.requestSpan.end();
    this.requestSpan = undefined;
  }

  start(text: string, label: string | undefined): unknown {
    this.statements += 1;
    const parent = this.executeSpan ?? this.requestSpan;
    if (this.tracer === undefined || parent === undefined) return undefined;
    return this.tracer.startSpan(
      'db.statement',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': this.dbSystem,
          'db.statement': text,
          ...(label !== undefined ? { 'discograph.field_path': label } : {}),
        },
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
  }

  end(handle: unknown, rowCount: number, error: unknown): void {
    this.rows += rowCount;
    if (handle === undefined) return;
    const span = handle as Span;
    span.setAttribute('db.rows', rowCount);
    endSpan(span, error);
  }
}
