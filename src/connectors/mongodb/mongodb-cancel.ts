/**
 * Cancelling a request's MongoDB commands when its client disconnects
 * (juggler/connector/request-cancellation.ts). A connector call of a request that can be cancelled
 * (`options.request.cancellation`) sends nothing once the request is cancelled
 * (`RequestCancelledError`, `CLIENT_CLOSED_REQUEST`), and its reads carry the request's
 * `AbortSignal` as the driver's `signal` option, which the driver checks at each step: a read
 * still selecting a server or waiting for a pooled connection is dropped there, unsent; a read in
 * flight is abandoned and its connection closed (the driver cannot read the answer of a command
 * it gave up on). The pool stays open: one connection per abandoned read is closed, none is
 * cleared, and the next command takes another or opens one.
 *
 * What the server does with an abandoned read depends on the server. A real MongoDB (4.2 and
 * later) kills a `find`, `getMore`, `aggregate` (without `$out`/`$merge`), `count` or `distinct`
 * whose client connection closed (as `killOp` would). The test server (CongoDB) neither notices
 * nor implements `killOp`: its command runs to its end, and its answer goes nowhere.
 *
 * Writes do not take the signal (the driver's write options have none): a write is not sent once
 * the request is cancelled, but one already sent runs to its end, so that its answer says whether
 * it happened. A real MongoDB would not kill it on a closed connection either (writes are not
 * idempotent); inside a mutation's transaction (a replica set), the mutation's next command is
 * refused and the transaction aborted.
 *
 * Why not `killOp` by the command's `comment`: it needs a `$currentOp` look-up and a `killOp` on a
 * connection of their own (slow commands may hold every pooled one) and the `killop` privilege for
 * other users' operations, neither of which the test server has; closing the connection gets the
 * same server-side kill for reads at no cost.
 */
import { setMaxListeners } from 'node:events';
import type { ClientSession } from 'mongodb';
import type { OperationOptions } from '../../juggler/connector/connector.js';
import {
  type RequestCancellation,
  RequestCancelledError,
  requestCancellationOf,
} from '../../juggler/connector/request-cancellation.js';

/** The driver options of one command: its transaction's session, the request's signal (reads), `maxTimeMS` (reads). */
export interface MongoCommandOptions {
  session?: ClientSession;
  signal?: AbortSignal;
  maxTimeMS?: number;
}

/** What a connector call knows before it sends its commands. */
export interface MongoCall {
  /** The request's cancellation, if the call belongs to a request that can be cancelled. */
  cancellation: RequestCancellation | undefined;
  /** Options of its reads (`find`, `aggregate`, `countDocuments`). */
  read: MongoCommandOptions;
  /** Options of its writes (no signal: see the file comment). */
  write: MongoCommandOptions;
}

/**
 * The options of a connector call's commands; throws `RequestCancelledError` when the call's
 * request is already cancelled (nothing is sent).
 *
 * @example
 * const call = mongoCall(options, 10_000);
 * await collection.find(query, { ...call.read }).toArray(); // { session?, signal, maxTimeMS: 10000 }
 */
export function mongoCall(options: OperationOptions | undefined, maxTimeMS: number | undefined): MongoCall {
  const cancellation = requestCancellationOf(options);
  if (cancellation?.cancelled === true) throw new RequestCancelledError();
  const session = options?.transaction as ClientSession | undefined;
  const write: MongoCommandOptions = session === undefined ? {} : { session };
  const read: MongoCommandOptions = { ...write };
  if (maxTimeMS !== undefined) read.maxTimeMS = maxTimeMS;
  if (cancellation !== undefined) read.signal = listenedSignal(cancellation);
  return { cancellation, read, write };
}

/**
 * The request's signal, without Node's limit of 10 listeners: the driver listens to it about twice
 * per read in flight (the cursor, the socket read), and a request may run many reads at once.
 */
function listenedSignal(cancellation: RequestCancellation): AbortSignal {
  const signal = cancellation.signal;
  setMaxListeners(0, signal);
  return signal;
}

/**
 * The failure of a command whose request was cancelled meanwhile, as `RequestCancelledError` (the
 * driver's error, e.g. the signal's reason, in `cause`); undefined when the request goes on.
 */
export function cancelledFailure(
  error: unknown,
  cancellation: RequestCancellation | undefined,
): RequestCancelledError | undefined {
  if (cancellation?.cancelled !== true) return undefined;
  return error instanceof RequestCancelledError ? error : new RequestCancelledError(error);
}
