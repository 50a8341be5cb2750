/**
 * The request log line as JSON text, in the layout of every other line of the gateway's pino
 * logger (`{"level":30,"time":…,<fields>,"msg":"request"}` and a newline), for the logger's
 * destination. Written here rather than through `logger.info(fields, 'request')`: pino's generic
 * path (an object walked key by key, each value tested, serializers and redaction looked up) ran
 * cold once per request between the request's own work and cost 6–8 µs per line in a loaded
 * gateway — the larger part of what observability cost a cheap query; this is one template. The
 * fields are fixed and filled by the gateway; every string that does not come from a closed set
 * goes through `JSON.stringify`.
 *
 * @example
 * requestLogLine({ time: 1765040000000, operation: 'Cheap', type: 'query', documentHash: '3f1c…',
 *   durationMs: 2.41, statements: 1, rows: 2, status: 200, outcome: 'success' });
 * // '{"level":30,"time":1765040000000,"operation":"Cheap","type":"query",…,"msg":"request"}\n'
 */
import type { RequestOutcome } from './request-series.js';

/** pino's number for the `info` level. */
const INFO_LEVEL = 30;

/** The fields of one request's log line. */
export interface RequestLine {
  /** When the request was answered (milliseconds since the epoch): the line's `time`. */
  time: number;
  /** The operation's name (`anonymous` when it has none). */
  operation: string;
  /** `query`, `mutation`, `subscription`, or `none` for a request refused before any operation ran. */
  type: string;
  /** SHA-256 of the document, in hex (none for a request refused before it sent one). */
  documentHash?: string;
  /** Milliseconds from the request's start to its result (rounded to 1/100 here). */
  durationMs: number;
  statements: number;
  rows: number;
  /** The HTTP status (499 when the client hung up first). */
  status: number;
  outcome: RequestOutcome;
  errorCodes?: readonly string[];
  correlationIds?: readonly string[];
  callerId?: string;
  requestId?: string;
}

/** JSON of a finite number (pino writes `null` for the others). */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** Hundredths from which `hundredthsJson` leaves the digits to `String` (15 significant digits). */
const EXACT_HUNDREDTHS = 1e15;

/**
 * JSON of `ms` rounded to 1/100 — the text `JSON.stringify(Math.round(ms * 100) / 100)` makes,
 * from integers: the shortest decimal of a fraction (`String(2.41)`) cost more than the rest of the
 * line's numbers together, while a small integer's text comes from V8's cache.
 */
export function hundredthsJson(ms: number): string {
  const hundredths = Math.round(ms * 100);
  if (!(hundredths >= 0 && hundredths < EXACT_HUNDREDTHS)) return numberJson(hundredths / 100);
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths - whole * 100;
  if (rest === 0) return String(whole);
  if (rest % 10 === 0) return `${whole}.${rest / 10}`;
  return rest < 10 ? `${whole}.0${rest}` : `${whole}.${rest}`;
}

/**
 * `"operation":…,"type":…,"documentHash":…`: the members every line of one prepared operation
 * shares, made once per operation by the caller and passed to `requestLogLine` (without
 * `documentHash` for a request that sent no document).
 */
export function operationMembers(operation: string, type: string, documentHash: string | undefined): string {
  const members = `"operation":${JSON.stringify(operation)},"type":${JSON.stringify(type)}`;
  return documentHash === undefined ? members : `${members},"documentHash":${JSON.stringify(documentHash)}`;
}

/** The head of the lines of the last `time` seen (`{"level":30,"time":…,`): lines of one millisecond share it. */
let headTime = Number.NaN;
let head = '';

function headOf(time: number): string {
  if (time !== headTime) {
    headTime = time;
    head = `{"level":${INFO_LEVEL},"time":${numberJson(time)},`;
  }
  return head;
}

/**
 * The line `fields` make, ending in a newline; `members` are `operationMembers` of its operation,
 * type and hash (made here when not given).
 */
export function requestLogLine(
  fields: RequestLine,
  members: string = operationMembers(fields.operation, fields.type, fields.documentHash),
): string {
  let text = `${headOf(fields.time)}${members},"durationMs":${hundredthsJson(fields.durationMs)},"statements":${numberJson(fields.statements)},"rows":${numberJson(fields.rows)},"status":${numberJson(fields.status)},"outcome":"${fields.outcome}"`;
  if (fields.errorCodes !== undefined) text += `,"errorCodes":${JSON.stringify(fields.errorCodes)}`;
  if (fields.correlationIds !== undefined)
    text += `,"correlationIds":${JSON.stringify(fields.correlationIds)}`;
  if (fields.callerId !== undefined) text += `,"callerId":${JSON.stringify(fields.callerId)}`;
  if (fields.requestId !== undefined) text += `,"requestId":${JSON.stringify(fields.requestId)}`;
  return `${text},"msg":"request"}\n`;
}
