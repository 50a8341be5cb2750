/**
 * GraphQL arguments → LoopBack filters: `where` inputs (GraphQL field names, typed operator
 * objects) become juggler `Where` objects over property names, `order` enum values become
 * `'property ASC'` clauses, and write inputs become property-keyed data.
 *
 * @example
 * toJugglerWhere({ unitPrice: { gt: '0.99' }, or: [{ name: { like: '%Love%' } }] }, trackNames);
 * // { and: [{ unitPrice: { gt: '0.99' } }, { or: [{ name: { like: '%Love%' } }] }] }
 */
import { GraphQLError } from 'graphql';
import { type FilterSlot, isSlot } from '../juggler/filter/filter-slot.js';
import type { Filter, Where } from '../juggler/filter/filter-types.js';
import { reviveJsonNumbers } from '../juggler/types/json-number.js';
import { limitExceeded } from './limits/limit-error.js';
import type { PageSizes } from './limits/query-limits.js';
import type { EmbeddedNames, ModelNames } from './schema-names.js';

/**
 * The checks a slot's value must pass when a prepared read runs: the same checks, with the same
 * errors, that a literal in its place passes when the filter is built (`gt` cannot be null, a
 * `limit` cannot be negative). Filters built from literals alone record none.
 */
export type SlotChecks = Array<{
  slot: FilterSlot;
  check: (value: unknown) => void;
  /** The value bound when the variable is null or not given (a `limit` slot's default page size). */
  fallback?: unknown;
}>;

/** A where input as GraphQL hands it to a resolver. */
export type WhereInput = Record<string, unknown>;

const fieldLookup = new WeakMap<ModelNames, Map<string, string>>();

/** GraphQL field name → property name of a model (cached per model). */
export function propertiesByField(model: ModelNames): Map<string, string> {
  let lookup = fieldLookup.get(model);
  if (!lookup) {
    lookup = new Map([...model.fields].map(([property, field]) => [field, property]));
    fieldLookup.set(model, lookup);
  }
  return lookup;
}

function badInput(message: string, field: string): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** The check of an operator's operand that must not be null (`gt: null` means nothing). */
function notNullOperand(field: string, operator: string): (value: unknown) => void {
  return (value) => {
    if (value === null || value === undefined) {
      badInput(`\`${field}.${operator}\` cannot be null; use \`isNull\` to test for null`, field);
    }
  };
}

/** The juggler conditions of one field's operator object, as a list to be and-ed. */
function fieldConditions(
  property: string,
  field: string,
  operators: Record<string, unknown>,
  checks: SlotChecks | undefined,
): Where[] {
  const conditions: Where[] = [];
  for (const [operator, value] of Object.entries(operators)) {
    if (value === undefined) continue;
    if (isSlot(value)) {
      // eq/neq with null mean IS NULL / IS NOT NULL, as their literals do; other operands must be given.
      if (operator !== 'eq' && operator !== 'neq')
        checks?.push({ slot: value, check: notNullOperand(field, operator) });
      conditions.push({ [property]: operator === 'eq' ? value : { [operator]: value } });
    } else if (operator === 'isNull') {
      if (value === null) continue;
      conditions.push({ [property]: value === true ? null : { neq: null } });
    } else if (operator === 'eq') {
      conditions.push({ [property]: value });
    } else if (value === null) {
      if (operator !== 'neq')
        badInput(`\`${field}.${operator}\` cannot be null; use \`isNull\` to test for null`, field);
      conditions.push({ [property]: { neq: null } });
    } else if (operator === 'between') {
      if (!Array.isArray(value) || value.length !== 2) {
        badInput(
          `\`${field}.between\` takes exactly two values [low, high]; received ${JSON.stringify(value)}`,
          field,
        );
      }
      conditions.push({ [property]: { between: value } });
    } else {
      conditions.push({ [property]: { [operator]: value } });
    }
  }
  return conditions;
}

/**
 * The conditions of an embedded where input (`lines: {unitPrice: {gt: "1"}}`) over dotted property
 * paths (`lines.unitPrice`), added to `conditions`.
 */
function embeddedConditions(
  path: string,
  names: EmbeddedNames,
  input: WhereInput,
  conditions: Where[],
  checks: SlotChecks | undefined,
): void {
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    const property = [...names.fields].find(([, field]) => field === key)?.[0];
    if (property === undefined) badInput(`\`${key}\` is not a field of ${names.where}`, key);
    const inner = names.embedded.get(property);
    const innerPath = `${path}.${property}`;
    if (inner) embeddedConditions(innerPath, inner, value as WhereInput, conditions, checks);
    else conditions.push(...fieldConditions(innerPath, key, value as Record<string, unknown>, checks));
  }
}

/**
 * Converts a GraphQL where input into a juggler where filter over property names. Operands may be
 * slots (a plan's variables); their checks are added to `checks`.
 */
export function toJugglerWhere(
  input: WhereInput | null | undefined,
  model: ModelNames,
  checks?: SlotChecks,
): Where | undefined {
  if (!input) return undefined;
  const byField = propertiesByField(model);
  const conditions: Where[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (key === 'and' || key === 'or') {
      const nested = (value as WhereInput[])
        .map((item) => toJugglerWhere(item, model, checks) ?? {})
        .filter((item) => key === 'or' || Object.keys(item).length > 0);
      // An empty `and` is true (left out); an empty `or` is false, and stays: it matches no row.
      if (nested.length > 0 || key === 'or') conditions.push({ [key]: nested });
      continue;
    }
    const property = byField.get(key);
    if (property === undefined) badInput(`\`${key}\` is not a field of ${model.where}`, key);
    const embedded = model.embedded.get(property);
    if (embedded) embeddedConditions(property, embedded, value as WhereInput, conditions, checks);
    else conditions.push(...fieldConditions(property, key, value as Record<string, unknown>, checks));
  }
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : { and: conditions };
}

/** Converts order enum values (`NAME_ASC`) into juggler order clauses (`'name ASC'`), ids appended as tie-breakers. */
export function toJugglerOrder(values: readonly string[] | null | undefined, model: ModelNames): string[] {
  const clauses: string[] = [];
  const seen = new Set<string>();
  for (const value of values ?? []) {
    const order = model.orderValues.get(value);
    if (!order) badInput(`\`${value}\` is not a value of ${model.order}`, 'order');
    if (seen.has(order.property)) continue;
    seen.add(order.property);
    clauses.push(`${order.property} ${order.direction}`);
  }
  // A stable order makes limit/skip pages and connection cursors deterministic.
  for (const id of model.source.idProperties) {
    if (!seen.has(id)) clauses.push(`${id} ASC`);
  }
  return clauses;
}

/** The list arguments every list field takes. */
export interface ListArguments {
  where?: WhereInput | null;
  order?: string[] | null;
  /** A number, or a slot in a plan's template. */
  limit?: number | FilterSlot | null;
  skip?: number | FilterSlot | null;
}

/** The check of a count argument (`limit`, `skip`, `first`, `last`): zero or more. */
export function countCheck(name: string): (value: unknown) => void {
  return (value) => {
    if (typeof value === 'number' && value < 0)
      badInput(`\`${name}\` must be zero or more; received ${value}`, name);
  };
}

function checkCount(
  name: string,
  value: number | FilterSlot | null | undefined,
  checks: SlotChecks | undefined,
): number | FilterSlot | undefined {
  if (value === null || value === undefined) return undefined;
  if (isSlot(value)) checks?.push({ slot: value, check: countCheck(name) });
  else countCheck(name)(value);
  return value;
}

/**
 * Converts list arguments into a juggler filter (without fields). `limit` and `skip` may be slots;
 * a literal `skip: 0` is left out, a slot's zero is not (it cannot be known in advance).
 */
export function toJugglerFilter(args: ListArguments, model: ModelNames, checks?: SlotChecks): Filter {
  const filter: Filter = {};
  const where = toJugglerWhere(args.where, model, checks);
  if (where) filter.where = where;
  const order = toJugglerOrder(args.order, model);
  if (order.length > 0) filter.order = order;
  const limit = checkCount('limit', args.limit, checks);
  if (limit !== undefined) filter.limit = limit as number;
  const skip = checkCount('skip', args.skip, checks);
  if (skip !== undefined && (isSlot(skip) || skip > 0)) filter.skip = skip as number;
  return filter;
}

/** The check of a page size argument (`limit`, `first`, `last`): at most `pageSizes.max`. */
export function pageSizeCheck(name: string, pageSizes: PageSizes): (value: unknown) => void {
  return (value) => {
    if (typeof value === 'number' && value > pageSizes.max) {
      throw limitExceeded(
        'PAGE_SIZE_EXCEEDED',
        `\`${name}: ${value}\` asks for more rows than a page may hold (${pageSizes.max}); read further pages with \`skip\` or a connection's cursors`,
        pageSizes.max,
        value,
        { argument: name },
      );
    }
  };
}

/**
 * `filter` held to `pageSizes`: without a `limit` it reads the default page size; a literal limit
 * above the maximum is refused now, a slot's when the read runs (its null reads the default page).
 *
 * @example
 * withPageSize({ where }, { default: 100, max: 1000 }); // { where, limit: 100 }
 * withPageSize({ limit: 5000 }, { default: 100, max: 1000 }); // throws PAGE_SIZE_EXCEEDED
 */
export function withPageSize(filter: Filter, pageSizes: PageSizes | undefined, checks?: SlotChecks): Filter {
  if (!pageSizes) return filter;
  const limit = filter.limit as number | FilterSlot | undefined;
  if (limit === undefined) return { ...filter, limit: pageSizes.default };
  if (isSlot(limit)) {
    checks?.push({ slot: limit, check: pageSizeCheck('limit', pageSizes), fallback: pageSizes.default });
  } else {
    pageSizeCheck('limit', pageSizes)(limit);
  }
  return filter;
}

/** Converts a write input (GraphQL field names) into model data (property names). */
export function toModelData(input: Record<string, unknown>, model: ModelNames): Record<string, unknown> {
  const byField = propertiesByField(model);
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const property = byField.get(field) ?? field;
    const embedded = model.embedded.get(property);
    // A JSON literal's exact numbers, as graphql-jit's compiled arguments carry them (json-number.ts).
    data[property] = embedded ? toEmbeddedData(value, embedded) : reviveJsonNumbers(value);
  }
  return data;
}

/**
 * An embedded type's write input (one document or a list of them, GraphQL field names) as the
 * sub-documents' data (property names), recursively.
 */
function toEmbeddedData(value: unknown, names: EmbeddedNames): unknown {
  if (Array.isArray(value)) return value.map((item) => toEmbeddedData(item, names));
  if (value === null || typeof value !== 'object') return value;
  const byField = new Map<string, string>();
  for (const [property, field] of names.fields) byField.set(field, property);
  const data: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const property = byField.get(field) ?? field;
    const inner = names.embedded.get(property);
    data[property] = inner ? toEmbeddedData(item, inner) : item;
  }
  return data;
}

/** The id of a model from id arguments: `{trackId: 1}` → where `{trackId: 1}`. */
export function idWhere(args: Record<string, unknown>, model: ModelNames): Where {
  const where: Where = {};
  for (const id of model.source.idProperties) {
    where[id] = args[model.fields.get(id) ?? id];
  }
  return where;
}
