/**
 * The limits a request's variables are checked against before they are coerced (graphql-js's
 * coercion recurses once per level of a value, so a `$where` nested 60,000 levels deep would
 * overflow the stack): how deep a list or input-object variable nests, how many `and`/`or`/`not`
 * levels it has and how long its `inq`/`nin` lists are — and the length of a list variable used as
 * an `inq`/`nin` operand — and the value of a variable used as a page size (`limit`, `first`,
 * `last`), so that a page too large is refused before the operation runs, as a literal one is.
 * Which variables need it is decided once per operation; an operation with no such variable gets
 * no check at all.
 *
 * @example
 * const check = variablesCheck(document, operation, limits); // once, when the operation is prepared
 * check?.({ ids: Array(5000).fill(1) }); // LIST_TOO_LONG (for `inq: $ids`), per request
 */
import {
  type DocumentNode,
  type GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type TypeNode,
  visit,
} from 'graphql';
import { limitExceeded } from './limit-error.js';
import { LIST_OPERATORS, maxValueDepth, PAGE_ARGUMENTS, type QueryLimits } from './query-limits.js';

/** Checks one request's variables; the first limit they exceed, or undefined. */
export type VariablesCheck = (
  variables: Readonly<Record<string, unknown>> | undefined,
) => GraphQLError | undefined;

const SCALARS = new Set([
  'Int',
  'Float',
  'String',
  'Boolean',
  'ID',
  'BigInt',
  'Decimal',
  'DateTime',
  'LocalDateTime',
  'Date',
]);
const LOGICAL = new Set(['and', 'or', 'not']);

/** Whether a variable of this type may hold a list or an object. */
function mayNest(type: TypeNode): boolean {
  if (type.kind === Kind.NON_NULL_TYPE) return mayNest(type.type);
  return type.kind === Kind.LIST_TYPE || !SCALARS.has(type.name.value);
}

interface Walk {
  limits: QueryLimits;
  maxDepth: number;
  variable: string;
}

function tooLong(operator: string, length: number, walk: Walk): GraphQLError {
  return limitExceeded(
    'LIST_TOO_LONG',
    `\`${operator}\` (in $${walk.variable}) lists ${length} values; at most ${walk.limits.maxListLength} are allowed`,
    walk.limits.maxListLength,
    length,
    { operator, variable: walk.variable },
  );
}

function checkValue(
  value: unknown,
  key: string | undefined,
  depth: number,
  filterDepth: number,
  walk: Walk,
): GraphQLError | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { limits } = walk;
  if (filterDepth > limits.maxFilterDepth) {
    return limitExceeded(
      'FILTER_TOO_DEEP',
      `$${walk.variable} nests and/or/not more than ${limits.maxFilterDepth} levels deep`,
      limits.maxFilterDepth,
      filterDepth,
      { variable: walk.variable },
    );
  }
  if (depth > walk.maxDepth) {
    return limitExceeded(
      'VALUE_TOO_DEEP',
      `$${walk.variable} nests lists and objects more than ${walk.maxDepth} levels deep`,
      walk.maxDepth,
      depth,
      { variable: walk.variable },
    );
  }
  if (Array.isArray(value)) {
    if (key !== undefined && LIST_OPERATORS.has(key) && value.length > limits.maxListLength) {
      return tooLong(key, value.length, walk);
    }
    for (const item of value) {
      const error = checkValue(item, key, depth + 1, filterDepth, walk);
      if (error) return error;
    }
    return undefined;
  }
  for (const name in value) {
    const item = (value as Record<string, unknown>)[name];
    const error = checkValue(item, name, depth + 1, LOGICAL.has(name) ? filterDepth + 1 : filterDepth, walk);
    if (error) return error;
  }
  return undefined;
}

/** Variables used directly as an `inq`/`nin` operand anywhere in `document`. */
function listOperands(document: DocumentNode): Map<string, string> {
  const operands = new Map<string, string>();
  visit(document, {
    ObjectField(node) {
      if (LIST_OPERATORS.has(node.name.value) && node.value.kind === Kind.VARIABLE) {
        operands.set(node.value.name.value, node.name.value);
      }
    },
  });
  return operands;
}

/** Variables used directly as a page size (`limit: $n`), with the argument's name. */
function pageSizeVariables(document: DocumentNode): Map<string, string> {
  const pageSizes = new Map<string, string>();
  visit(document, {
    Argument(node) {
      if (PAGE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) {
        pageSizes.set(node.value.name.value, node.name.value);
      }
    },
  });
  return pageSizes;
}

/** PAGE_SIZE_EXCEEDED for a page-size variable above the maximum, or undefined. */
function checkPageSizes(
  pageSizes: ReadonlyMap<string, string>,
  variables: Readonly<Record<string, unknown>>,
  limits: QueryLimits,
): GraphQLError | undefined {
  const { max } = limits.pageSizes;
  for (const [variable, argument] of pageSizes) {
    const value = variables[variable];
    if (typeof value === 'number' && value > max) {
      return limitExceeded(
        'PAGE_SIZE_EXCEEDED',
        `\`${argument}: $${variable}\` (${value}) asks for more rows than a page may hold (${max}); read further pages with \`skip\` or a connection's cursors`,
        max,
        value,
        { argument, variable },
      );
    }
  }
  return undefined;
}

/**
 * The check of `operation`'s variables, or undefined when none of them can hold a list or an
 * object or is used as a page size.
 */
export function variablesCheck(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
): VariablesCheck | undefined {
  const defined = new Set(
    (operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value),
  );
  const pageSizes = new Map([...pageSizeVariables(document)].filter(([variable]) => defined.has(variable)));
  const nesting = (operation.variableDefinitions ?? [])
    .filter((definition) => mayNest(definition.type))
    .map((definition) => definition.variable.name.value);
  if (nesting.length === 0 && pageSizes.size === 0) return undefined;
  const operands = listOperands(document);
  const maxDepth = maxValueDepth(limits);
  return (variables) => {
    if (!variables) return undefined;
    if (pageSizes.size > 0) {
      const error = checkPageSizes(pageSizes, variables, limits);
      if (error) return error;
    }
    for (const variable of nesting) {
      const value = variables[variable];
      if (value === null || typeof value !== 'object') continue;
      const walk: Walk = { limits, maxDepth, variable };
      const error = checkValue(value, operands.get(variable), 1, 0, walk);
      if (error) return error;
    }
    return undefined;
  };
}
