/**
 * Validates a user-facing `Where` against a model and turns it into the normalized `WhereNode`
 * tree connectors compile. Every problem is reported as a FilterError before any query runs:
 * unknown properties (with a "did you mean" suggestion), unknown operators, wrong value types.
 */
import { FilterError } from '../errors.js';
import { type CoerceContext, coerceFilterValue, describeValue, toRegExp } from './coerce-value.js';
import {
  type FilterModel,
  type FilterProperty,
  type FilterSchema,
  lookupFilterProperty,
  toFilterSchema,
} from './filter-schema.js';
import { isSlot } from './filter-slot.js';
import { WHERE_OPERATORS, type Where, type WhereNode, type WhereOperator } from './filter-types.js';
import { endsInLoneEscape, loneEscapeError } from './like-pattern.js';
import type { SlotParameters } from './slot-parameters.js';
import { didYouMean } from './suggest.js';
import { andNodes, FALSE_NODE, orNodes, TRUE_NODE } from './where-nodes.js';

const OPERATOR_SET: ReadonlySet<string> = new Set(WHERE_OPERATORS);
const MODIFIERS: ReadonlySet<string> = new Set(['options', 'caseSensitive']);
const STRUCTURED_TYPES: ReadonlySet<string> = new Set(['Object', 'JSON', 'Any', 'GeoPoint', 'Array']);
const TEXT_TYPES: ReadonlySet<string> = new Set(['String', 'Text', 'Any']);

/** Whether a value is a plain object literal (not a Date, RegExp, Buffer, array or class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function compare(...parts: [string, WhereOperator, unknown] | [WhereNode]): WhereNode {
  if (parts.length === 1) return parts[0];
  const [property, op, value] = parts;
  return { kind: 'compare', property, op, value };
}

function lookupProperty(schema: FilterSchema, name: string): FilterProperty {
  const property = lookupFilterProperty(schema, name);
  if (property) return property;
  const expected = `a property of ${schema.model}`;
  throw new FilterError(
    `Unknown property \`${name}\` in a where filter on model \`${schema.model}\`${didYouMean(name, schema.properties.keys())}`,
    { model: schema.model, property: name, operator: undefined, expected, received: name },
  );
}

function isOperatorObject(value: Record<string, unknown>, property: FilterProperty): boolean {
  const keys = Object.keys(value);
  if (!STRUCTURED_TYPES.has(property.type)) return true;
  return keys.length > 0 && keys.every((key) => OPERATOR_SET.has(key) || MODIFIERS.has(key));
}

function requireValue(value: unknown, ctx: CoerceContext, expected: string): void {
  if (value === null || value === undefined) {
    throw new FilterError(
      `Invalid value for \`${ctx.property}\` (operator \`${ctx.operator}\`) in a filter on model \`${ctx.model}\`: expected ${expected}, received ${describeValue(value)}`,
      { ...ctx, expected, received: describeValue(value) },
    );
  }
}

function requireTextProperty(property: FilterProperty, ctx: CoerceContext): void {
  if (TEXT_TYPES.has(property.type)) return;
  const expected = 'a String or Text property';
  throw new FilterError(
    `Operator \`${ctx.operator}\` cannot be used on \`${ctx.property}\` of model \`${ctx.model}\`: expected ${expected}, received a ${property.type} property`,
    { ...ctx, expected, received: property.type },
  );
}

function requireArray(value: unknown, ctx: CoerceContext, expected: string, length?: number): unknown[] {
  if (Array.isArray(value) && (length === undefined || value.length === length)) return value;
  throw new FilterError(
    `Invalid value for \`${ctx.property}\` (operator \`${ctx.operator}\`) in a filter on model \`${ctx.model}\`: expected ${expected}, received ${describeValue(value)}`,
    { ...ctx, expected, received: describeValue(value) },
  );
}

function normalizeOperator(
  property: FilterProperty,
  op: string,
  value: unknown,
  modifiers: { insensitive: boolean; flags: string },
  model: string,
  slots: SlotParameters | undefined,
): WhereNode {
  const ctx: CoerceContext = { model, property: property.name, operator: op };
  if (!OPERATOR_SET.has(op)) {
    const expected = `one of ${WHERE_OPERATORS.join(', ')}`;
    throw new FilterError(
      `Unknown operator \`${op}\` for \`${property.name}\` in a where filter on model \`${model}\`${didYouMean(op, WHERE_OPERATORS)}`,
      { model, property: property.name, operator: op, expected, received: op },
    );
  }
  const operator = op as WhereOperator;
  if (isSlot(value)) {
    if (!slots) throw unboundSlot(value.name, ctx);
    return slotOperator(
      property,
      operator,
      modifiers,
      ctx,
      slots.add(value, (given) => coerceOperand(property, operator, given, modifiers, ctx)),
    );
  }
  return compare(...coercedOperator(property, operator, value, modifiers, ctx));
}

/** A slot where no slots are prepared (a plain `find` given a prepared filter's template). */
function unboundSlot(name: string, ctx: CoerceContext): FilterError {
  const expected = 'a value (slots are bound by prepared reads only)';
  return new FilterError(
    `The slot \`$${name}\` of \`${ctx.property}\` (operator \`${ctx.operator}\`) on model \`${ctx.model}\` has no value: prepare the read (prepareFind) to bind it`,
    { ...ctx, expected, received: `slot $${name}` },
  );
}

/**
 * The compare node of an operator whose operand is a slot: what the operator resolves to is
 * decided now (a like family under a case-insensitive modifier), the operand at each run.
 */
function slotOperator(
  property: FilterProperty,
  operator: WhereOperator,
  modifiers: { insensitive: boolean; flags: string },
  ctx: CoerceContext,
  parameter: unknown,
): WhereNode {
  if (
    operator === 'like' ||
    operator === 'nlike' ||
    operator === 'ilike' ||
    operator === 'nilike' ||
    operator === 'regexp'
  ) {
    requireTextProperty(property, ctx);
  }
  return compare(property.name, resolvedOperator(operator, modifiers), parameter);
}

/** The operator a like-family operator becomes under the `options: 'i'` / `caseSensitive: false` modifiers. */
function resolvedOperator(operator: WhereOperator, modifiers: { insensitive: boolean }): WhereOperator {
  if (!modifiers.insensitive) return operator;
  return operator === 'like' ? 'ilike' : operator === 'nlike' ? 'nilike' : operator;
}

/** A slot's value at a run, coerced and checked as a literal operand is (empty lists stay lists: the connector folds them). */
function coerceOperand(
  property: FilterProperty,
  operator: WhereOperator,
  value: unknown,
  modifiers: { insensitive: boolean; flags: string },
  ctx: CoerceContext,
): unknown {
  if ((operator === 'inq' || operator === 'nin') && Array.isArray(value) && value.length === 0) return value;
  if ((operator === 'eq' || operator === 'neq') && (value === null || value === undefined)) return null;
  return coercedOperator(property, operator, value, modifiers, ctx)[2];
}

/** An operator with a literal operand: its property, resolved operator and coerced operand (or a constant for an empty list). */
function coercedOperator(
  property: FilterProperty,
  operator: WhereOperator,
  value: unknown,
  modifiers: { insensitive: boolean; flags: string },
  ctx: CoerceContext,
): [string, WhereOperator, unknown] | [WhereNode] {
  switch (operator) {
    case 'eq':
    case 'neq':
      return [property.name, operator, coerceFilterValue(value, property, ctx)];
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      requireValue(value, ctx, `a ${property.type} value`);
      return [property.name, operator, coerceFilterValue(value, property, ctx)];
    case 'between': {
      const pair = requireArray(value, ctx, 'an array of 2 values [low, high]', 2);
      for (const bound of pair) requireValue(bound, ctx, 'an array of 2 non-null values [low, high]');
      return [property.name, operator, pair.map((bound) => coerceFilterValue(bound, property, ctx))];
    }
    case 'inq':
    case 'nin': {
      const list = requireArray(value, ctx, 'an array of values');
      if (list.length === 0) return [operator === 'inq' ? FALSE_NODE : TRUE_NODE];
      const itemProperty: FilterProperty =
        property.type === 'Array' ? { name: property.name, type: property.itemType ?? 'Any' } : property;
      return [property.name, operator, list.map((item) => coerceFilterValue(item, itemProperty, ctx))];
    }
    case 'like':
    case 'nlike':
    case 'ilike':
    case 'nilike': {
      requireTextProperty(property, ctx);
      if (typeof value !== 'string') {
        const expected = 'a pattern string (% and _ are wildcards)';
        throw new FilterError(
          `Invalid value for \`${property.name}\` (operator \`${operator}\`) in a filter on model \`${ctx.model}\`: expected ${expected}, received ${describeValue(value)}`,
          { ...ctx, expected, received: describeValue(value) },
        );
      }
      if (endsInLoneEscape(value)) throw loneEscapeError(operator, property.name, { model: ctx.model });
      return [property.name, resolvedOperator(operator, modifiers), value];
    }
    case 'regexp':
      requireTextProperty(property, ctx);
      return [property.name, operator, toRegExp(value, modifiers.flags, ctx)];
  }
}

function normalizeCondition(
  schema: FilterSchema,
  property: FilterProperty,
  condition: unknown,
  slots: SlotParameters | undefined,
): WhereNode {
  const model = schema.model;
  if (condition instanceof RegExp)
    return normalizeOperator(property, 'regexp', condition, noModifiers, model, slots);
  if (Array.isArray(condition) && property.type !== 'Array') {
    return normalizeOperator(property, 'inq', condition, noModifiers, model, slots);
  }
  if (isPlainObject(condition) && isOperatorObject(condition, property)) {
    const modifiers = readModifiers(condition, property, model);
    const nodes: WhereNode[] = [];
    for (const [key, value] of Object.entries(condition)) {
      if (MODIFIERS.has(key)) continue;
      nodes.push(normalizeOperator(property, key, value, modifiers, model, slots));
    }
    if (nodes.length === 0) {
      const expected = `an operator (${WHERE_OPERATORS.join(', ')}) or a value`;
      throw new FilterError(
        `Empty condition for \`${property.name}\` in a where filter on model \`${model}\`: expected ${expected}`,
        { model, property: property.name, operator: undefined, expected, received: describeValue(condition) },
      );
    }
    return andNodes(nodes);
  }
  return normalizeOperator(property, 'eq', condition, noModifiers, model, slots);
}

const noModifiers = { insensitive: false, flags: '' };

function readModifiers(
  condition: Record<string, unknown>,
  property: FilterProperty,
  model: string,
): { insensitive: boolean; flags: string } {
  const { options, caseSensitive } = condition;
  if (options !== undefined && typeof options !== 'string') {
    throw new FilterError(
      `Invalid \`options\` for \`${property.name}\` on model \`${model}\`: expected a flags string such as 'i'`,
      {
        model,
        property: property.name,
        operator: 'options',
        expected: 'a flags string',
        received: describeValue(options),
      },
    );
  }
  const flags = (options ?? '').replace(/[^ims]/g, '');
  const insensitive = flags.includes('i') || caseSensitive === false;
  return { insensitive, flags: insensitive && !flags.includes('i') ? `${flags}i` : flags };
}

function normalizeList(
  schema: FilterSchema,
  key: 'and' | 'or',
  value: unknown,
  slots: SlotParameters | undefined,
): WhereNode[] {
  if (!Array.isArray(value)) {
    const expected = 'an array of where filters';
    throw new FilterError(`\`${key}\` in a where filter on model \`${schema.model}\` must be ${expected}`, {
      model: schema.model,
      property: undefined,
      operator: key,
      expected,
      received: describeValue(value),
    });
  }
  return value.map((item) => normalizeWhereWith(schema, item, slots));
}

function normalizeWhereWith(
  schema: FilterSchema,
  where: unknown,
  slots: SlotParameters | undefined,
): WhereNode {
  if (where === undefined || where === null) return TRUE_NODE;
  if (!isPlainObject(where)) {
    const expected = 'a where object';
    throw new FilterError(`A where filter on model \`${schema.model}\` must be ${expected}`, {
      model: schema.model,
      property: undefined,
      operator: undefined,
      expected,
      received: describeValue(where),
    });
  }
  const nodes: WhereNode[] = [];
  for (const [key, condition] of Object.entries(where)) {
    if (key === 'and') nodes.push(andNodes(normalizeList(schema, key, condition, slots)));
    else if (key === 'or') nodes.push(orNodes(normalizeList(schema, key, condition, slots)));
    else nodes.push(normalizeCondition(schema, lookupProperty(schema, key), condition, slots));
  }
  return andNodes(nodes);
}

/**
 * Normalizes a where filter: `{}` → constant true, `{inq: []}` → constant false, values coerced.
 * With `slots`, an operand may be a slot (`slot('price')`): it becomes a read parameter, coerced
 * at each run (see slot-parameters.ts).
 *
 * @example
 * normalizeWhere(Track, {unitPrice: {gt: '0.99'}, or: [{name: {like: 'A%'}}, {genreId: null}]})
 * // {kind: 'and', nodes: [{kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99'},
 * //   {kind: 'or', nodes: [{... op: 'like', value: 'A%'}, {... property: 'genreId', op: 'eq', value: null}]}]}
 */
export function normalizeWhere(
  model: FilterModel,
  where: Where | undefined | null,
  slots?: SlotParameters,
): WhereNode {
  return normalizeWhereWith(toFilterSchema(model), where, slots);
}
