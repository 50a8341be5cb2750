/**
 * The error of a limit an operation exceeds: a GraphQLError with a stable code, the limit and the
 * actual value in `extensions`, and a message saying what to change.
 *
 * @example
 * limitExceeded('DEPTH_LIMIT_EXCEEDED', 'The operation nests 14 field levels; at most 10 are allowed', 10, 14);
 * // extensions: { code: 'DEPTH_LIMIT_EXCEEDED', limit: 10, actual: 14 }
 */
import { type ASTNode, GraphQLError } from 'graphql';

/** The stable codes of the query limits. */
export type LimitCode =
  | 'PAGE_SIZE_EXCEEDED'
  | 'DEPTH_LIMIT_EXCEEDED'
  | 'ALIAS_LIMIT_EXCEEDED'
  | 'ROOT_FIELD_LIMIT_EXCEEDED'
  | 'DOCUMENT_TOO_LARGE'
  | 'TOKEN_LIMIT_EXCEEDED'
  | 'LIST_TOO_LONG'
  | 'FILTER_TOO_DEEP'
  | 'VALUE_TOO_DEEP'
  | 'COST_LIMIT_EXCEEDED';

/** Extra details of a limit error (`argument`, `operator`, ...). */
export type LimitDetails = Readonly<Record<string, string | number>>;

/** A GraphQLError for a limit exceeded (`actual` may be a lower bound: "more than"). */
export function limitExceeded(
  code: LimitCode,
  message: string,
  limit: number,
  actual: number,
  details: LimitDetails = {},
  nodes?: ASTNode | readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, {
    ...(nodes ? { nodes } : {}),
    extensions: { code, limit, actual, ...details },
  });
}
