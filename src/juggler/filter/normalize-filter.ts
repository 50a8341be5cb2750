/**
 * Validates and normalizes a whole LoopBack filter (`where`, `order`, `limit`, `skip`/`offset`,
 * `fields`) against a model. `include` is accepted and left to Inclusion; everything else that is
 * not a filter key is rejected with a suggestion.
 */

import type { PreparedFilter } from '../connector/prepared-read.js';
import { EmbeddedListOrderError, FilterError } from '../errors.js';
import { describeValue } from './coerce-value.js';
import {
  type FilterModel,
  type FilterSchema,
  lookupFilterProperty,
  toFilterSchema,
} from './filter-schema.js';
import { isSlot } from './filter-slot.js';
import type { Filter, NormalizedFilter, OrderClause } from './filter-types.js';
import { isPlainObject, normalizeWhere } from './normalize-where.js';
import type { SlotParameters } from './slot-parameters.js';
import { didYouMean } from './suggest.js';

const FILTER_KEYS = ['where', 'order', 'limit', 'skip', 'offset', 'fields', 'include'] as const;
const FILTER_KEY_SET: ReadonlySet<string> = new Set(FILTER_KEYS);

function unknownProperty(schema: FilterSchema, name: string, clause: string): FilterError {
  const expected = `a property of ${schema.model}`;
  return new FilterError(
    `Unknown property \`${name}\` in the ${clause} of a filter on model \`${schema.model}\`${didYouMean(name, schema.properties.keys())}`,
    { model: schema.model, property: name, operator: clause, expected, received: name },
  );
}

function nonNegativeInteger(schema: FilterSchema, key: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number >= 0) return number;
  const expected = 'a non-negative integer';
  throw new FilterError(
    `Invalid \`${key}\` in a filter on model \`${schema.model}\`: expected ${expected}, received ${describeValue(value)}`,
    {
      model: schema.model,
      property: undefined,
      operator: key,
      expected,
      received: describeValue(value),
    },
  );
}

/**
 * Checks an order by a dotted path (`address.city`): a field of single embedded documents, named
 * through no list of them (EmbeddedListOrderError: `lines.unitPrice` has no one value per row).
 */
function assertOrderablePath(schema: FilterSchema, path: string): void {
  if (!path.includes('.') || lookupFilterProperty(schema, path) === undefined) {
    throw unknownProperty(schema, path, 'order');
  }
  const segments = path.split('.');
  let property = schema.properties.get(segments[0] as string);
  for (let index = 1; index < segments.length; index += 1) {
    if (property?.type === 'Array') {
      throw new EmbeddedListOrderError(schema.model, path, segments.slice(0, index).join('.'));
    }
    property = property?.embedded?.get(segments[index] as string);
  }
}

/** Normalizes `order`: `'name DESC'`, `'name'` (ASC), `'a ASC, b DESC'` or a list of those. */
export function normalizeOrder(model: FilterModel, order: unknown): OrderClause[] | undefined {
  if (order === undefined || order === null) return undefined;
  const schema = toFilterSchema(model);
  const items = typeof order === 'string' ? order.split(',') : order;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    const expected = "a string such as 'name DESC' or a list of them";
    throw new FilterError(
      `Invalid \`order\` in a filter on model \`${schema.model}\`: expected ${expected}, received ${describeValue(order)}`,
      {
        model: schema.model,
        property: undefined,
        operator: 'order',
        expected,
        received: describeValue(order),
      },
    );
  }
  const clauses: OrderClause[] = [];
  for (const item of items.flatMap((entry: string) => entry.split(','))) {
    const parts = item.trim().split(/\s+/);
    if (parts.length === 1 && parts[0] === '') continue;
    const [property = '', direction = 'ASC', ...rest] = parts;
    const upper = direction.toUpperCase();
    if (rest.length > 0 || (upper !== 'ASC' && upper !== 'DESC')) {
      const expected = "'<property> ASC' or '<property> DESC'";
      throw new FilterError(
        `Invalid order clause \`${item.trim()}\` in a filter on model \`${schema.model}\`: expected ${expected}`,
        { model: schema.model, property, operator: 'order', expected, received: item.trim() },
      );
    }
    if (!schema.properties.has(property)) assertOrderablePath(schema, property);
    clauses.push({ property, direction: upper });
  }
  return clauses.length > 0 ? clauses : undefined;
}

/** Normalizes `fields` (array or `{name: true}` / `{password: false}` form); ids are always kept. */
export function normalizeFields(model: FilterModel, fields: unknown): string[] | undefined {
  if (fields === undefined || fields === null) return undefined;
  const schema = toFilterSchema(model);
  let selected: string[];
  if (Array.isArray(fields) || typeof fields === 'string') {
    const names = typeof fields === 'string' ? [fields] : fields;
    for (const name of names) {
      if (typeof name !== 'string' || !schema.properties.has(name))
        throw unknownProperty(schema, String(name), 'fields');
    }
    selected = names as string[];
  } else if (isPlainObject(fields)) {
    const entries = Object.entries(fields);
    for (const [name] of entries)
      if (!schema.properties.has(name)) throw unknownProperty(schema, name, 'fields');
    const included = entries.filter(([, on]) => on === true || on === 1).map(([name]) => name);
    if (included.length > 0) selected = included;
    else {
      const excluded = new Set(entries.filter(([, on]) => on === false || on === 0).map(([name]) => name));
      if (excluded.size === 0) return undefined;
      selected = [...schema.properties.keys()].filter((name) => !excluded.has(name));
    }
  } else {
    const expected = 'a list of property names or an object such as {name: true}';
    throw new FilterError(
      `Invalid \`fields\` in a filter on model \`${schema.model}\`: expected ${expected}, received ${describeValue(fields)}`,
      {
        model: schema.model,
        property: undefined,
        operator: 'fields',
        expected,
        received: describeValue(fields),
      },
    );
  }
  const wanted = new Set([...schema.idProperties, ...selected]);
  // Keep definition order so that every connector returns columns alike.
  return [...schema.properties.keys()].filter((name) => wanted.has(name));
}

/**
 * `limit` or `skip` of a filter being prepared: a number checked now, or a slot checked at each
 * run (null: absent).
 */
function countOf(
  schema: FilterSchema,
  key: 'limit' | 'skip' | 'offset',
  value: unknown,
  slots: SlotParameters | undefined,
): number | ReturnType<SlotParameters['add']> | undefined {
  if (slots && isSlot(value)) {
    return slots.add(value, (given) => nonNegativeInteger(schema, key, given) ?? null);
  }
  return nonNegativeInteger(schema, key, value);
}

/**
 * Validates a filter against a model and returns the normalized form connectors receive; with
 * `slots`, `where` operands, `limit` and `skip` may be slots (read parameters bound per run).
 *
 * @example
 * normalizeFilter(Track, {where: {unitPrice: {gt: 0.99}}, order: 'name DESC', limit: 20, fields: ['name']})
 * // {where: {kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99'},
 * //  order: [{property: 'name', direction: 'DESC'}], limit: 20, fields: ['trackId', 'name']}
 */
export function normalizeFilter(model: FilterModel, input: Filter | undefined | null): NormalizedFilter;
export function normalizeFilter(
  model: FilterModel,
  input: Filter | undefined | null,
  slots: SlotParameters,
): PreparedFilter;
export function normalizeFilter(
  model: FilterModel,
  input: Filter | undefined | null,
  slots?: SlotParameters,
): PreparedFilter {
  const schema = toFilterSchema(model);
  if (input === undefined || input === null) return {};
  const filter: Filter = input;
  if (!isPlainObject(input)) {
    const expected = 'a filter object {where, order, limit, skip, fields, include}';
    throw new FilterError(`A filter on model \`${schema.model}\` must be ${expected}`, {
      model: schema.model,
      property: undefined,
      operator: undefined,
      expected,
      received: describeValue(input),
    });
  }
  for (const key of Object.keys(filter)) {
    if (!FILTER_KEY_SET.has(key)) {
      const expected = `one of ${FILTER_KEYS.join(', ')}`;
      throw new FilterError(
        `Unknown filter key \`${key}\` on model \`${schema.model}\`${didYouMean(key, FILTER_KEYS)}`,
        {
          model: schema.model,
          property: undefined,
          operator: key,
          expected,
          received: key,
        },
      );
    }
  }
  const normalized: PreparedFilter = {};
  if (filter.where !== undefined && filter.where !== null)
    normalized.where = normalizeWhere(schema, filter.where, slots);
  const order = normalizeOrder(schema, filter.order);
  if (order) normalized.order = order;
  const limit = countOf(schema, 'limit', filter.limit, slots);
  if (limit !== undefined) normalized.limit = limit;
  const skip = countOf(schema, 'skip', filter.skip, slots) ?? countOf(schema, 'offset', filter.offset, slots);
  if (skip !== undefined && (typeof skip !== 'number' || skip > 0)) normalized.skip = skip;
  const fields = normalizeFields(schema, filter.fields);
  if (fields) normalized.fields = fields;
  return normalized;
}
