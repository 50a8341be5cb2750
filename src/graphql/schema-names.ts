/**
 * Every name of a generated schema, decided once for all models through the inflection, with
 * collisions detected and resolved deterministically: the first claimant (built-ins first, then
 * models sorted by name, properties in definition order, relations by name) keeps a name, later
 * ones get a numeric suffix, and each such rename is reported in `collisions`.
 */
import { FILTER_KINDS } from './field-types.js';
import type { Inflection } from './inflection.js';
import { isValidGraphQLName } from './inflection.js';
import type { GraphQLModelSource } from './model-source.js';

/** A name that two things wanted; `given` is what the later one got instead. */
export interface NameCollision {
  /** `'type'`, `'query field'`, `'mutation field'`, `'field of Track'`, `'value of TrackOrder'`... */
  scope: string;
  wanted: string;
  given: string;
  /** What asked for the name (`model InvoiceLine`, `property unit_price`...). */
  owner: string;
}

/** One order enum value: which property, which direction. */
export interface OrderValueName {
  property: string;
  direction: 'ASC' | 'DESC';
}

/** Names of the enum generated for a property with `enum` values. */
export interface PropertyEnumNames {
  type: string;
  /** Its where operator input. */
  filter: string;
  /** Database value → GraphQL enum value name. */
  values: Map<string, string>;
}

/** The GraphQL names of one model's schema elements. */
export interface ModelNames {
  source: GraphQLModelSource;
  type: string;
  list: string;
  single: string;
  count: string;
  connectionField: string;
  connectionType: string;
  edgeType: string;
  where: string;
  order: string;
  createInput: string;
  updateInput: string;
  upsertInput: string;
  create: string;
  update: string;
  upsert: string;
  delete: string;
  /** Property name → field name (object type, inputs and where share them). */
  fields: Map<string, string>;
  /** Relation name → field name. */
  relationFields: Map<string, string>;
  /** Property name → its generated enum: type name, filter input name, value → GraphQL enum value name. */
  enums: Map<string, PropertyEnumNames>;
  /** Order enum value name → property and direction, in declaration order. */
  orderValues: Map<string, OrderValueName>;
}

/** All names of a schema. */
export interface SchemaNames {
  /** By model name. */
  models: Map<string, ModelNames>;
  collisions: NameCollision[];
}

/** Type names the schema itself defines (scalars, built-ins, shared types); operator inputs are added per inflection. */
export const RESERVED_TYPE_NAMES: readonly string[] = [
  'Base64',
  'BigInt',
  'Boolean',
  'Date',
  'DateTime',
  'Decimal',
  'Float',
  'GeoPoint',
  'GeoPointInput',
  'ID',
  'Int',
  'JSON',
  'Mutation',
  'PageInfo',
  'Query',
  'String',
  'Subscription',
];

/** Claims names in one scope, suffixing duplicates and recording each rename. */
class NameScope {
  private readonly used: Set<string>;

  constructor(
    private readonly scope: string,
    private readonly collisions: NameCollision[],
    reserved: Iterable<string> = [],
  ) {
    this.used = new Set(reserved);
  }

  claim(wanted: string, owner: string): string {
    const valid = isValidGraphQLName(wanted) && !wanted.startsWith('__') ? wanted : sanitize(wanted);
    let given = valid;
    for (let suffix = 2; this.used.has(given); suffix += 1) given = `${valid}${suffix}`;
    this.used.add(given);
    if (given !== wanted) this.collisions.push({ scope: this.scope, wanted, given, owner });
    return given;
  }
}

/** Makes an override's output a valid name rather than failing later in the GraphQL parser. */
function sanitize(name: string): string {
  const cleaned = name.replace(/[^_0-9A-Za-z]/g, '_').replace(/^_+(?=_)/, '');
  return /^[_A-Za-z]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** Whether a property type can be sorted on (not JSON, GeoPoint, Buffer or arrays). */
export function isOrderable(typeName: string): boolean {
  return !['Object', 'JSON', 'Any', 'GeoPoint', 'Buffer', 'Array'].includes(typeName);
}

/** Decides every name of the schema for `sources` through `inflection`. */
export function planSchemaNames(sources: readonly GraphQLModelSource[], inflection: Inflection): SchemaNames {
  const collisions: NameCollision[] = [];
  const types = new NameScope('type', collisions, [
    ...RESERVED_TYPE_NAMES,
    ...Object.keys(FILTER_KINDS).map((scalar) => inflection.filterType(scalar)),
  ]);
  const queries = new NameScope('query field', collisions);
  const mutations = new NameScope('mutation field', collisions);
  const sorted = [...sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const models = new Map<string, ModelNames>();

  // Object type names first, so that a model's own name beats another model's derived names.
  const typeNames = new Map(
    sorted.map((source) => [source, types.claim(inflection.typeName(source.name), `model ${source.name}`)]),
  );
  for (const source of sorted) {
    const type = typeNames.get(source) as string;
    const owner = `model ${source.name}`;
    // Derived names use the (possibly de-duplicated) type name so that two models never share them.
    const derived = type === inflection.typeName(source.name) ? source.name : type;
    const fields = new NameScope(`field of ${type}`, collisions, ['__typename']);
    const fieldNames = new Map(
      source.properties.map((property) => [
        property.name,
        fields.claim(inflection.fieldName(property.name), `property ${property.name}`),
      ]),
    );
    const relationFields = new Map(
      source.relations.map((relation) => [
        relation.name,
        fields.claim(inflection.relationField(relation.name), `relation ${relation.name}`),
      ]),
    );
    const enums = new Map<string, PropertyEnumNames>();
    for (const property of source.properties) {
      if (!property.enumValues) continue;
      const enumValues = new NameScope(`value of ${type}.${property.name}`, collisions);
      const enumType = types.claim(
        inflection.enumType(derived, property.name),
        `enum of ${source.name}.${property.name}`,
      );
      enums.set(property.name, {
        type: enumType,
        filter: types.claim(inflection.filterType(enumType), `enum of ${source.name}.${property.name}`),
        values: new Map(
          property.enumValues.map((value) => [
            value,
            enumValues.claim(inflection.enumValue(value), `value ${value}`),
          ]),
        ),
      });
    }
    const order = types.claim(inflection.orderType(derived), owner);
    const orderScope = new NameScope(`value of ${order}`, collisions);
    const orderValues = new Map<string, OrderValueName>();
    for (const property of source.properties) {
      if (!isOrderable(property.typeName)) continue;
      for (const direction of ['ASC', 'DESC'] as const) {
        const field = fieldNames.get(property.name) as string;
        orderValues.set(
          orderScope.claim(inflection.orderValue(field, direction), `property ${property.name}`),
          {
            property: property.name,
            direction,
          },
        );
      }
    }
    models.set(source.name, {
      source,
      type,
      list: queries.claim(inflection.listField(derived, source.plural), owner),
      single: queries.claim(inflection.singleField(derived), owner),
      count: queries.claim(inflection.countField(derived, source.plural), owner),
      connectionField: queries.claim(inflection.connectionField(derived, source.plural), owner),
      connectionType: types.claim(inflection.connectionType(derived), owner),
      edgeType: types.claim(inflection.edgeType(derived), owner),
      where: types.claim(inflection.whereType(derived), owner),
      order,
      createInput: types.claim(inflection.createInputType(derived), owner),
      updateInput: types.claim(inflection.updateInputType(derived), owner),
      upsertInput: types.claim(inflection.upsertInputType(derived), owner),
      create: mutations.claim(inflection.createMutation(derived), owner),
      update: mutations.claim(inflection.updateMutation(derived), owner),
      upsert: mutations.claim(inflection.upsertMutation(derived), owner),
      delete: mutations.claim(inflection.deleteMutation(derived), owner),
      fields: fieldNames,
      relationFields,
      enums,
      orderValues,
    });
  }
  return { models, collisions };
}
