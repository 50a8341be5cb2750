/**
 * LoopBack's filter as users write it (`Filter`), and the normalized, validated and type-coerced
 * form (`NormalizedFilter`) that connectors compile. Connectors never see the raw form.
 */
import type { FilterSlot } from './filter-slot.js';

/** Comparison operators of LoopBack's where filter. `eq` is the implicit `{prop: value}` form. */
export type WhereOperator =
  | 'eq'
  | 'neq'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'between'
  | 'inq'
  | 'nin'
  | 'like'
  | 'nlike'
  | 'ilike'
  | 'nilike'
  | 'regexp';

/** All operators, for validation and "did you mean" messages. */
export const WHERE_OPERATORS: readonly WhereOperator[] = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'inq',
  'nin',
  'like',
  'nlike',
  'ilike',
  'nilike',
  'regexp',
];

/** One property's condition: a value (equality, `null` means IS NULL) or an operator object. */
export type WhereCondition =
  | unknown
  | ({ [op in WhereOperator]?: unknown } & { options?: string; caseSensitive?: boolean });

/** The user-facing where filter: `{name: 'x', age: {gt: 3}, or: [{...}, {...}]}`. */
export interface Where {
  and?: Where[];
  or?: Where[];
  [property: string]: WhereCondition | Where[] | undefined;
}

/** The include forms of the spec: `'posts'`, `['posts', 'passports']`, `{owner: 'posts'}`, `{relation, scope}`. */
export type IncludeSpec =
  | string
  | IncludeSpec[]
  | { [relation: string]: IncludeSpec }
  | { relation: string; scope?: Filter };

/** The user-facing LoopBack filter. */
export interface Filter {
  where?: Where;
  /** `'name DESC'`, `'name'`, or a list of them. */
  order?: string | string[];
  /** A number, or a slot in a prepared read's filter (see filter-slot.ts). */
  limit?: number | FilterSlot;
  skip?: number | FilterSlot;
  /** Alias of `skip`. */
  offset?: number | FilterSlot;
  /** `['id', 'name']` or `{id: true, name: true}` / `{password: false}`. */
  fields?: string[] | Record<string, boolean>;
  include?: IncludeSpec;
}

/** A node of the normalized where tree. Property names are model property names (not columns). */
export type WhereNode =
  | { kind: 'and'; nodes: WhereNode[] }
  | { kind: 'or'; nodes: WhereNode[] }
  | {
      kind: 'compare';
      property: string;
      /** `eq`/`neq` with `value === null` mean IS NULL / IS NOT NULL. */
      op: WhereOperator;
      /** Coerced to the property's type; an array for `between` (2), `inq` and `nin`; a RegExp or string for `regexp`. */
      value: unknown;
    }
  /**
   * Rows whose tuple of `properties` is one of `value`'s tuples (a batch of parent keys): `inq`
   * for one property, an `or` of equalities for composite keys; no tuple matches nothing. The value
   * may be a prepared read's parameter (see connector/prepared-read.ts).
   */
  | { kind: 'keys'; properties: readonly string[]; value: readonly (readonly unknown[])[] | unknown }
  /** A condition that is always true (`{}`) or always false (`inq: []`). */
  | { kind: 'constant'; value: boolean };

/** One order clause. */
export interface OrderClause {
  property: string;
  direction: 'ASC' | 'DESC';
}

/** What connectors receive for reads: validated against the model, values coerced. */
export interface NormalizedFilter {
  where?: WhereNode;
  order?: OrderClause[];
  limit?: number;
  skip?: number;
  /** Property names to return; undefined means all. Always includes the id properties. */
  fields?: string[];
}
