/**
 * The end of a request's database session, in the execute phase: once the operation's outcome
 * settles — a result, an error, or a client gone (the execution still settles, and nothing waits
 * for the client) — the session commits and returns its connection to the pool; an execution
 * that throws rolls back. A query's answer does not wait for its COMMIT (reads commit nothing the
 * answer depends on: the connection is released a round trip after the answer is on its way); a
 * mutation's answer does, so that an answer never reports a write that was not committed.
 * A request whose client disconnected (`cancellation`) rolls back: nobody learns of its writes.
 */
import type { ExecutionResult } from 'graphql';
import type { RequestCancellation } from '../../juggler/connector/request-cancellation.js';
import type { RequestSession } from '../../juggler/connector/request-session.js';
import { isPromiseLike, type OperationOutcome } from './operation-cache.js';

/** Runs `run` on the request's session, and ends the session when its outcome settles. */
export function runWithDatabaseSession(
  session: RequestSession,
  kind: 'query' | 'mutation' | 'subscription',
  run: () => OperationOutcome,
  log: ((line: string) => void) | undefined,
  cancellation?: RequestCancellation,
): OperationOutcome {
  const endInBackground = (commit: boolean) => {
    session.end(commit).catch((error: unknown) => {
      log?.(`ending a request's database session failed: ${(error as Error).message}`);
    });
  };
  // A query only reads: its statements may each run by themselves as the caller.
  session.readOnly = kind === 'query';
  let outcome: OperationOutcome;
  try {
    outcome = run();
  } catch (error) {
    endInBackground(false);
    throw error;
  }
  if (kind !== 'mutation') {
    if (!isPromiseLike(outcome)) {
      endInBackground(true);
      return outcome;
    }
    return Promise.resolve(outcome).then(
      (result) => {
        endInBackground(true);
        return result;
      },
      (error: unknown) => {
        endInBackground(false);
        throw error;
      },
    );
  }
  return Promise.resolve(outcome).then(
    async (result: ExecutionResult | AsyncIterable<ExecutionResult>) => {
      await session.end(cancellation?.cancelled !== true);
      return result;
    },
    async (error: unknown) => {
      await session.end(false).catch(() => undefined);
      throw error;
    },
  );
}
