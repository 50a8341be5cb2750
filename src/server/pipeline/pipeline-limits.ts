/**
 * What the request pipeline asks of the query limits (the GraphQL layer's `OperationLimits`
 * implements it): a parse within the limits, the document's checks before graphql-js's validation
 * rules, and per operation — once, when it is prepared — whether it may run, its estimated cost and
 * the check of its variables. The request path only reads what was decided.
 */
import type { DocumentNode, ExecutionResult, GraphQLError, OperationDefinitionNode } from 'graphql';
import { asRequestError } from './request-errors.js';

/** The request header that asks for the operation's estimated cost in `extensions.cost`. */
export const COST_HEADER = 'x-discograph-cost';

/** What the limits decided about one operation. */
export interface OperationGuard {
  /** Why it must not run, if it must not (answered without running it). */
  readonly refused?: readonly GraphQLError[];
  /** Its estimated cost (`cost` is what the limit applies to). */
  readonly cost?: { readonly cost: number };
  /** Checks a request's variables before they are coerced; the error refuses the request. */
  readonly checkVariables?: (
    variables: Readonly<Record<string, unknown>> | undefined,
  ) => GraphQLError | undefined;
}

/** The query limits as the pipeline applies them. */
export interface PipelineLimits {
  /** Parses a query text within the limits; throws a GraphQLError (a limit's, or a syntax error). */
  parse(query: string): DocumentNode;
  /** The limits a document exceeds (checked before, and instead of, graphql-js's rules). */
  checkDocument(document: DocumentNode): readonly GraphQLError[];
  /** What the limits decide about an operation, with its plan. */
  guardOperation(document: DocumentNode, operation: OperationDefinitionNode, plan: unknown): OperationGuard;
}

/**
 * The errors refusing a request of an operation with `guard`, or undefined when it may run. They
 * are request errors (nothing ran, the answer has no `data`): HTTP 400, as for the limits a literal
 * exceeds, which graphql-js's validation phase reports.
 */
export function refusalOf(
  guard: OperationGuard,
  variables: Readonly<Record<string, unknown>> | undefined,
): readonly GraphQLError[] | undefined {
  if (guard.refused) return guard.refused.map(asRequestError);
  const error = guard.checkVariables?.(variables);
  return error ? [asRequestError(error)] : undefined;
}

/** `result` with the operation's estimated cost in `extensions.cost`. */
export function withCost(result: ExecutionResult, cost: { readonly cost: number }): ExecutionResult {
  return { ...result, extensions: { ...result.extensions, cost } };
}
