/**
 * `StatementTracker`, what a request hands its connectors to learn about the statements sent for
 * it (counts and rows for the request's log line and metrics, a span per statement for tracing),
 * carried like the database session in the DAO call's options (`options.request.statementTracker`).
 * A connector calls `start` before it sends a statement and `end` when it is answered or failed;
 * a call without a tracker costs one property read.
 *
 * @example
 * const tracker: StatementTracker = { start: () => undefined, end: (_, rows) => { total += rows; } };
 * await Track.find({ limit: 2 }, { request: { statementTracker: tracker } }); // total === 2
 */
import type { OperationOptions } from './connector.js';

/** Receives the statements one request sends. */
export interface StatementTracker {
  /**
   * A statement is about to be sent: its text (placeholders only, never bound values) and the
   * label of what it reads (`label`: the plan's field path, when the caller gave one). Whatever it
   * returns (a span) is given back to `end`.
   */
  start(text: string, label: string | undefined): unknown;
  /** The statement was answered with `rowCount` rows, or failed with `error`. */
  end(handle: unknown, rowCount: number, error: unknown): void;
  /**
   * Whether statements should carry the label of the field they read: callers then pass it as
   * `options.statementLabel` (one object per field), which costs nothing when false.
   */
  readonly wantsLabels: boolean;
}

/** The statement tracker a connector call carries (`options.request.statementTracker`), if any. */
export function statementTrackerOf(options: OperationOptions | undefined): StatementTracker | undefined {
  const request = options?.options?.request as { statementTracker?: StatementTracker } | undefined;
  return request?.statementTracker;
}

/** The label a DAO call gave its statements (`options.statementLabel`), if any. */
export function statementLabelOf(options: OperationOptions | undefined): string | undefined {
  const label = options?.options?.statementLabel;
  return typeof label === 'string' ? label : undefined;
}

/**
 * The DAO options `options` with `label` for its statements when the request's tracker wants
 * labels (a copy), else `options` itself (no allocation).
 */
export function withStatementLabel<T extends Record<string, unknown>>(options: T, label: string): T {
  const request = options.request as { statementTracker?: StatementTracker } | undefined;
  return request?.statementTracker?.wantsLabels === true ? { ...options, statementLabel: label } : options;
}
