/**
 * The one way the pipeline amends a GraphQLError: a copy with more `extensions` (graphql-js errors
 * are not changed in place), used for the codes and HTTP statuses of request errors; and the one
 * way a thrown value becomes the error of an answer (`asGraphQLError`).
 */
import { GraphQLError } from 'graphql';

/** A copy of `error` (message, locations, path, cause) with `extensions` added to its own. */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}

/**
 * `error` as a request error (nothing ran, the answer has no `data`): HTTP 400, unless it names a
 * status already. yoga reads `extensions.http.status` and leaves it out of the answer.
 */
export function asRequestError(error: GraphQLError): GraphQLError {
  return error.extensions.http === undefined ? withExtensions(error, { http: { status: 400 } }) : error;
}

/** A thrown value as the error of a GraphQL answer (what is not a GraphQLError is masked when sent). */
export function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(error instanceof Error ? error.message : String(error), {
    originalError: error instanceof Error ? error : undefined,
  });
}
