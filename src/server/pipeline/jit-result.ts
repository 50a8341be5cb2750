/**
 * graphql-jit's results with errors, made indistinguishable from the reference executor's:
 * its errors are its own class, carrying `locations` but no source positions, so yoga (which
 * rebuilds every error from nodes/source/positions before sending it) would drop their locations;
 * and its results list `data` before `errors`. Results without errors are returned untouched.
 */
import { type DocumentNode, type ExecutionResult, GraphQLError, type SourceLocation } from 'graphql';

const LINE_BREAK = /\r\n|[\n\r]/g;

/** The character offset of a 1-based line/column in `body`, as graphql-js counts them. */
function offsetOf(body: string, location: SourceLocation): number {
  let lineStart = 0;
  let line = 1;
  for (const match of body.matchAll(LINE_BREAK)) {
    if (line === location.line) break;
    lineStart = match.index + match[0].length;
    line += 1;
  }
  return lineStart + location.column - 1;
}

/** A graphql-js GraphQLError with the same message, locations, path, cause and extensions. */
function standardError(error: GraphQLError, document: DocumentNode): GraphQLError {
  if (error.constructor === GraphQLError) return error;
  const source = document.loc?.source;
  const positions =
    source && error.locations?.length
      ? error.locations.map((location) => offsetOf(source.body, location))
      : undefined;
  return new GraphQLError(error.message, {
    ...(positions ? { source, positions } : {}),
    path: error.path ?? null,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** `result` of a compiled operation of `document`, shaped as the reference executor shapes it. */
export function standardJitResult(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => standardError(error, document));
  const standard: ExecutionResult = { errors };
  if ('data' in result) standard.data = result.data;
  if (result.extensions !== undefined) standard.extensions = result.extensions;
  return standard;
}
