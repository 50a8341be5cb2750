/**
 * Variable-coercion errors with a code: graphql-js words them (`Variable "$id" got invalid
 * value…`) but gives them no `extensions.code`, so a client cannot tell them from other request
 * errors without reading the message. They get `BAD_USER_INPUT`, as Apollo and Hive word them.
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import { asRequestError, withExtensions } from './request-errors.js';

/** `error` with `extensions.code: BAD_USER_INPUT` unless it has a code already (its HTTP status kept). */
export function asBadUserInput(error: GraphQLError): GraphQLError {
  return error.extensions.code === undefined ? withExtensions(error, { code: 'BAD_USER_INPUT' }) : error;
}

/**
 * A result of the reference executor with its variable-coercion errors coded. For an operation
 * the document has, a result with errors and no `data` can only come from its variables: a request
 * error, answered with HTTP 400.
 */
export function withCodedVariableErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length || 'data' in result) return result;
  return { ...result, errors: result.errors.map((error) => asRequestError(asBadUserInput(error))) };
}
