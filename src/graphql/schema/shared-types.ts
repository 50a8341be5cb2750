/**
 * The types generated schemas share: PageInfo, and those the models' properties use — the custom
 * scalars, GeoPoint (GeoPointInput in inputs) and the where operator inputs of each scalar type
 * (`StringFilter`, `DecimalFilter`...) — plus the operator input of a generated enum
 * (`TrackMoodFilter`). A schema with no float or geo column has no `FloatFilter` or `GeoPoint`.
 */
import {
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLNamedType,
  GraphQLObjectType,
} from 'graphql';
import { FILTER_KINDS, type FilterKind } from '../field-types.js';
import { type Inflection, withArticle } from '../inflection.js';
import { SCALARS } from '../scalars.js';
import { inputValue, NO_EXTENSIONS, type TypeRegistry } from './type-registry.js';

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

const COMPARABLE = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'inq', 'nin'];
const PATTERNS = ['like', 'nlike', 'ilike', 'nilike', 'regexp'];

/** Operators of each filter family, in the order they are declared. */
export const FILTER_OPERATORS: Record<FilterKind, readonly string[]> = {
  string: [...COMPARABLE, ...PATTERNS, 'isNull'],
  comparable: [...COMPARABLE, 'isNull'],
  boolean: ['eq', 'neq', 'isNull'],
  enum: ['eq', 'neq', 'inq', 'nin', 'isNull'],
};

/** The type (SDL notation) of one operator's value in a filter over `typeName`. */
function operatorType(operator: string, typeName: string): string {
  if (operator === 'isNull') return 'Boolean';
  if (operator === 'between' || operator === 'inq' || operator === 'nin') return `[${typeName}!]`;
  if (PATTERNS.includes(operator)) return 'String';
  return typeName;
}

/** The operator input `name` over `typeName` (a scalar or an enum) with the operators of `kind`. */
export function filterInputType(
  registry: TypeRegistry,
  name: string,
  typeName: string,
  kind: FilterKind,
): GraphQLInputObjectType {
  return new GraphQLInputObjectType({
    name,
    description: `Conditions on ${withArticle(typeName)} value; several operators in one object must all hold.`,
    extensions: NO_EXTENSIONS,
    fields: () => {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const operator of FILTER_OPERATORS[kind]) {
        fields[operator] = inputValue(
          registry.input(operatorType(operator, typeName)),
          OPERATOR_DESCRIPTIONS[operator],
        );
      }
      return fields;
    },
  });
}

function floatPair(registry: TypeRegistry): GraphQLFieldConfigMap<unknown, unknown> {
  const type = registry.output('Float!');
  return { lat: { type, extensions: NO_EXTENSIONS }, lng: { type, extensions: NO_EXTENSIONS } };
}

/** The shared types a schema's properties refer to. */
export interface SharedTypeUse {
  /** Named types of properties (`Decimal`, `GeoPoint`, `Int`...). */
  namedTypes: ReadonlySet<string>;
  /** Scalars some property is filtered on (`Float` for `FloatFilter`). */
  filterScalars: ReadonlySet<string>;
}

/** Creates and registers the shared types `used` asks for (PageInfo always); returns them. */
export function addSharedTypes(
  registry: TypeRegistry,
  inflection: Inflection,
  used: SharedTypeUse,
): GraphQLNamedType[] {
  const types: GraphQLNamedType[] = Object.values(SCALARS).filter((scalar) =>
    used.namedTypes.has(scalar.name),
  );
  if (used.namedTypes.has('GeoPoint')) types.push(...geoPointTypes(registry));
  types.push(
    new GraphQLObjectType({
      name: 'PageInfo',
      extensions: NO_EXTENSIONS,
      description: 'Where a connection page sits in the whole list (Relay).',
      fields: () => ({
        hasNextPage: { type: registry.output('Boolean!'), extensions: NO_EXTENSIONS },
        hasPreviousPage: { type: registry.output('Boolean!'), extensions: NO_EXTENSIONS },
        startCursor: { type: registry.output('String'), extensions: NO_EXTENSIONS },
        endCursor: { type: registry.output('String'), extensions: NO_EXTENSIONS },
      }),
    }),
  );
  for (const [scalar, kind] of Object.entries(FILTER_KINDS)) {
    if (used.filterScalars.has(scalar)) {
      types.push(filterInputType(registry, inflection.filterType(scalar), scalar, kind));
    }
  }
  for (const type of types) registry.add(type);
  return types;
}

/** GeoPoint and GeoPointInput. */
function geoPointTypes(registry: TypeRegistry): GraphQLNamedType[] {
  return [
    new GraphQLObjectType({
      name: 'GeoPoint',
      extensions: NO_EXTENSIONS,
      description: 'A point on Earth: latitude and longitude in degrees.',
      fields: () => floatPair(registry),
    }),
    new GraphQLInputObjectType({
      name: 'GeoPointInput',
      extensions: NO_EXTENSIONS,
      description: 'A point on Earth: latitude -90..90 and longitude -180..180, in degrees.',
      fields: () => {
        const type = registry.input('Float!');
        return { lat: inputValue(type), lng: inputValue(type) };
      },
    }),
  ];
}
