/**
 * The query limits as the request pipeline applies them, all once per document or operation (never
 * per request, except the variables of operations that have list or object variables): `parse`
 * (size, tokens, nesting), `checkDocument` (depth, aliases, root fields, literal page sizes and
 * lists; before graphql-js's rules) and `guardOperation` (the plan's estimated cost, and the check of
 * the variables).
 */
import type { DocumentNode, GraphQLError, OperationDefinitionNode } from 'graphql';
import { type OperationCost, operationCost, type RowEstimates } from '../plan/operation-cost.js';
import { OperationPlan } from '../plan/operation-plan.js';
import { checkDocumentLimits } from './document-limits.js';
import { limitExceeded } from './limit-error.js';
import { parseWithinLimits } from './parse-document.js';
import type { QueryLimits } from './query-limits.js';
import { type VariablesCheck, variablesCheck } from './variable-limits.js';

/** What the limits decide about one operation, once. */
export interface OperationGuard {
  /** Why it must not run (its cost is over the limit), if it must not. */
  refused?: readonly GraphQLError[];
  /** Its estimated cost, when it has a plan. */
  cost?: OperationCost;
  /** The check of its variables per request, when it has list or object variables. */
  checkVariables?: VariablesCheck;
}

const NO_ESTIMATES: RowEstimates = new Map();

/** The query limits of one gateway, with the database's row estimates for the cost. */
export class OperationLimits {
  constructor(
    readonly limits: QueryLimits,
    /** The row estimates per model (read at start; empty until known). */
    private readonly estimates: () => RowEstimates = () => NO_ESTIMATES,
  ) {}

  /** The row estimates per model the cost is computed with. */
  get rowEstimates(): RowEstimates {
    return this.estimates();
  }

  /** The document of `query`; a limit exceeded or a syntax error is thrown as a GraphQLError. */
  parse(query: string): DocumentNode {
    return parseWithinLimits(query, this.limits);
  }

  /** The limits `document` exceeds, checked before graphql-js's validation rules. */
  checkDocument(document: DocumentNode): GraphQLError[] {
    return checkDocumentLimits(document, this.limits);
  }

  /** The estimated cost of a plan. */
  costOf(plan: OperationPlan): OperationCost {
    return operationCost(plan, this.estimates(), this.limits.pageSizes);
  }

  /** What the limits decide about `operation`, with its plan (if it has one). */
  guardOperation(document: DocumentNode, operation: OperationDefinitionNode, plan: unknown): OperationGuard {
    const guard: OperationGuard = {};
    const checkVariables = variablesCheck(document, operation, this.limits);
    if (checkVariables) guard.checkVariables = checkVariables;
    if (!(plan instanceof OperationPlan)) return guard;
    const cost = this.costOf(plan);
    guard.cost = cost;
    if (cost.cost > this.limits.maxCost) {
      guard.refused = [
        limitExceeded(
          'COST_LIMIT_EXCEEDED',
          `${operation.name ? `The operation ${operation.name.value}` : 'The operation'} is estimated to read ${Math.ceil(cost.rows)} rows in ${cost.statements} statements (cost ${cost.cost}); at most a cost of ${this.limits.maxCost} is allowed: ask for smaller pages or fewer nested lists`,
          this.limits.maxCost,
          cost.cost,
          {},
          operation,
        ),
      ];
    }
    return guard;
  }
}
