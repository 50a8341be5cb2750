/**
 * The end of a request's database session, in the execute phase: once the operation's outcome
 * settles — a result, an error, or a client gone (the execution still settles, and nothing waits
 * for the client) — the session commits and returns its connection to the pool; an execution
 * that throws rolls back. A query's answer does not wait for its COMMIT (reads commit nothing the
 * answer depends on: the connection is released a round trip after the answer is on its way); a
 * mutation's answer does, so that an answer never reports a write that was not committed:
 * - a mutation whose COMMIT fails answers every field that had succeeded as null with a
 *   `ROLLED_BACK` error (and the commit's own error), since none of its writes lasted;
 * - an atomic mutation (`@atomic`) with any error rolls back instead of committing, and answers
 *   the same way: the failed field keeps its own error, the fields before it answer `ROLLED_BACK`
 *   (ran), the fields after it answered `ROLLED_BACK` (not run) already.
 * A request whose client disconnected (`cancellation`) rolls back: nobody learns of its writes.
 */
import { type ExecutionResult, GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { toGraphQLError } from '../../graphql/errors.js';
import type { RequestCancellation } from '../../juggler/connector/request-cancellation.js';
import type { RequestSession } from '../../juggler/connector/request-session.js';
import { isPromiseLike, type OperationOutcome } from './operation-cache.js';

/** What the session's end needs of the operation. */
export interface SessionOperation {
  kind: 'query' | 'mutation' | 'subscription';
  /** The operation (its root fields locate the `ROLLED_BACK` errors). */
  operation: OperationDefinitionNode;
  atomic: boolean;
}

type Log = ((line: string, level?: 'warn' | 'error') => void) | undefined;

/** Runs `run` on the request's session, and ends the session when its outcome settles. */
export function runWithDatabaseSession(
  session: RequestSession,
  operation: SessionOperation,
  run: () => OperationOutcome,
  log: Log,
  cancellation?: RequestCancellation,
): OperationOutcome {
  const endInBackground = (commit: boolean) => {
    session.end(commit).catch((error: unknown) => {
      log?.(`ending a request's database session failed: ${(error as Error).message}`);
    });
  };
  const kind = operation.kind;
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
    (
      result: ExecutionResult | AsyncIterable<ExecutionResult>,
    ): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> =>
      cancellation?.cancelled === true
        ? endThen(session, result, false)
        : Symbol.asyncIterator in result
          ? endThen(session, result, true)
          : endMutation(session, operation, result, log),
    async (error: unknown) => {
      await session.end(false).catch(() => undefined);
      throw error;
    },
  );
}

async function endThen<T>(session: RequestSession, result: T, commit: boolean): Promise<T> {
  await session.end(commit);
  return result;
}

/** Commits a mutation's session (or rolls an atomic one back) and answers what lasted. */
async function endMutation(
  session: RequestSession,
  operation: SessionOperation,
  result: ExecutionResult,
  log: Log,
): Promise<ExecutionResult> {
  if (session.atomic && (session.failed || (result.errors?.length ?? 0) > 0)) {
    await session.end(false).catch((error: unknown) => {
      // The connection was discarded: the database rolled the transaction back with it.
      log?.(`rolling back an atomic mutation failed: ${(error as Error).message}`, 'warn');
    });
    const failed = session.failedField ?? firstFailedField(result);
    return rolledBack(result, operation.operation, (field) =>
      rolledBackError(
        `Rolled back: ${failed === undefined ? 'another field' : `the field \`${failed}\``} of this atomic mutation failed, so it wrote nothing`,
        { ...(failed === undefined ? {} : { failedField: failed }), ran: true },
        field,
      ),
    );
  }
  try {
    await session.end(true);
    return result;
  } catch (error) {
    const cause = toGraphQLError(error, (masked, correlationId) =>
      log?.(`committing a mutation failed (${correlationId}): ${(masked as Error).message}`, 'error'),
    );
    const reason = cause.extensions.code;
    const answered = rolledBack(result, operation.operation, (field) =>
      rolledBackError(
        'Rolled back: the transaction could not be committed, so this field wrote nothing',
        { commitFailed: true, ...(typeof reason === 'string' ? { reason } : {}) },
        field,
      ),
    );
    // The commit's own error (unless it says ROLLED_BACK itself), without a field path.
    if (reason !== 'ROLLED_BACK') answered.errors = [...(answered.errors ?? []), cause];
    return answered;
  }
}

/** The response key of the first error's root field. */
function firstFailedField(result: ExecutionResult): string | undefined {
  const key = result.errors?.find((error) => error.path !== undefined)?.path?.[0];
  return typeof key === 'string' ? key : undefined;
}

/**
 * `result` with every root field that has a value replaced by null and a `ROLLED_BACK` error from
 * `errorOf` at its path; fields that are null already keep their own errors.
 */
function rolledBack(
  result: ExecutionResult,
  operation: OperationDefinitionNode,
  errorOf: (field: RootField) => GraphQLError,
): ExecutionResult {
  const data = result.data;
  if (data === null || data === undefined) return result;
  const errors: GraphQLError[] = [];
  const answered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    answered[key] = null;
    if (value !== null) errors.push(errorOf({ key, operation }));
  }
  // In document order of the root fields (errors without a path last), as a reader expects them.
  const order = new Map(Object.keys(data).map((key, index) => [key, index]));
  const positionOf = (error: GraphQLError) => order.get(String(error.path?.[0])) ?? order.size;
  const all = [...errors, ...(result.errors ?? [])].sort((a, b) => positionOf(a) - positionOf(b));
  return { ...result, errors: all, data: answered };
}

interface RootField {
  key: string;
  operation: OperationDefinitionNode;
}

function rolledBackError(message: string, details: Record<string, unknown>, field: RootField): GraphQLError {
  const node = field.operation.selectionSet.selections.find(
    (selection) => selection.kind === Kind.FIELD && (selection.alias ?? selection.name).value === field.key,
  );
  return new GraphQLError(message, {
    ...(node ? { nodes: [node] } : {}),
    path: [field.key],
    extensions: { code: 'ROLLED_BACK', details },
  });
}
