/**
 * SDL of the types every generated schema shares: scalars, GeoPoint, PageInfo and the where
 * operator inputs of each scalar type (`StringFilter`, `DecimalFilter`...).
 */
import type { GraphQLScalarType } from 'graphql';
import { FILTER_KINDS, type FilterKind } from './field-types.js';
import type { Inflection } from './inflection.js';
import { SCALARS } from './scalars.js';

/** A named SDL definition, so that a schema's definitions can be sorted by name. */
export interface TypeDef {
  name: string;
  sdl: string;
}

/** A GraphQL string literal holding `text` (JSON escapes are valid GraphQL string escapes). */
export function sdlString(text: string): string {
  return JSON.stringify(text);
}

/** `"description"\n` before a definition or field, or nothing when there is no description. */
export function describe(description: string | undefined, indent = ''): string {
  return description ? `${indent}${sdlString(description)}\n` : '';
}

const OPERATOR_DESCRIPTIONS: Record<string, string> = {
  eq: 'Equal to the value; `null` matches missing values.',
  neq: 'Not equal to the value; `null` matches present values.',
  gt: 'Greater than.',
  gte: 'Greater than or equal to.',
  lt: 'Less than.',
  lte: 'Less than or equal to.',
  between: 'Between two values, both included: `[low, high]`.',
  inq: 'Equal to one of the values.',
  nin: 'Equal to none of the values.',
  like: 'Matches a SQL LIKE pattern (`%` any text, `_` one character), case-sensitive.',
  nlike: 'Does not match a SQL LIKE pattern, case-sensitive.',
  ilike: 'Matches a SQL LIKE pattern, case-insensitive.',
  nilike: 'Does not match a SQL LIKE pattern, case-insensitive.',
  regexp: 'Matches a regular expression, e.g. `"^Love"` or `"/^love/i"`.',
  isNull: '`true`: the value is null; `false`: it is not.',
};

/** Operators of each filter family, in the order they are declared. */
export const FILTER_OPERATORS: Record<FilterKind, readonly string[]> = {
  string: [
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
    'isNull',
  ],
  comparable: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'inq', 'nin', 'isNull'],
  boolean: ['eq', 'neq', 'isNull'],
  enum: ['eq', 'neq', 'inq', 'nin', 'isNull'],
};

/** The SDL type of one operator's value for a filter over `typeName`. */
function operatorType(operator: string, typeName: string): string {
  if (operator === 'isNull') return 'Boolean';
  if (operator === 'between' || operator === 'inq' || operator === 'nin') return `[${typeName}!]`;
  if (['like', 'nlike', 'ilike', 'nilike', 'regexp'].includes(operator)) return 'String';
  return typeName;
}

/** SDL of the operator input over `typeName` (a scalar or an enum). */
export function filterInputSdl(name: string, typeName: string, kind: FilterKind): TypeDef {
  const fields = FILTER_OPERATORS[kind]
    .map(
      (operator) =>
        `${describe(OPERATOR_DESCRIPTIONS[operator], '  ')}  ${operator}: ${operatorType(operator, typeName)}`,
    )
    .join('\n');
  const description = `Conditions on a ${typeName} value; several operators in one object must all hold.`;
  return { name, sdl: `${describe(description)}input ${name} {\n${fields}\n}` };
}

function scalarSdl(scalar: GraphQLScalarType): TypeDef {
  return { name: scalar.name, sdl: `${describe(scalar.description ?? undefined)}scalar ${scalar.name}` };
}

/** The definitions every generated schema contains. */
export function sharedTypeDefs(inflection: Inflection): TypeDef[] {
  return [
    ...Object.values(SCALARS).map(scalarSdl),
    {
      name: 'GeoPoint',
      sdl: `${describe('A point on Earth: latitude and longitude in degrees.')}type GeoPoint {\n  lat: Float!\n  lng: Float!\n}`,
    },
    {
      name: 'GeoPointInput',
      sdl: `${describe('A point on Earth: latitude -90..90 and longitude -180..180, in degrees.')}input GeoPointInput {\n  lat: Float!\n  lng: Float!\n}`,
    },
    {
      name: 'PageInfo',
      sdl: `${describe('Where a connection page sits in the whole list (Relay).')}type PageInfo {\n  hasNextPage: Boolean!\n  hasPreviousPage: Boolean!\n  startCursor: String\n  endCursor: String\n}`,
    },
    ...Object.entries(FILTER_KINDS).map(([scalar, kind]) =>
      filterInputSdl(inflection.filterType(scalar), scalar, kind),
    ),
  ];
}
