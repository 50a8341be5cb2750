/**
 * Variable-coercion errors with a code: graphql-js words them (`Variable "$id" got invalid
 * value…`) but gives them no `extensions.code`, so a client cannot tell them from other request
 * errors without reading the message. They get `BAD_USER_INPUT`, as Apollo and Hive word them.
 */
import { type ExecutionResult, GraphQLError } from 'graphql';

/** `error` with `extensions.code: BAD_USER_INPUT` unless it has a code already (its HTTP status kept). */
export function asBadUserInput(error: GraphQLError): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
  });
}

/**
 * A result of the reference executor with its variable-coercion errors coded. For an operation
 * the document has, a result with errors and no `data` can only come from its variables: a request
 * error, answered with HTTP 400 (yoga reads `extensions.http.status` and leaves it out of the answer).
 */
export function withCodedVariableErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length || 'data' in result) return result;
  return { ...result, errors: result.errors.map((error) => withRequestStatus(asBadUserInput(error))) };
}

/** `error` with HTTP status 400, unless it names a status already. */
function withRequestStatus(error: GraphQLError): GraphQLError {
  if (error.extensions.http !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, http: { status: 400 } },
  });
}
