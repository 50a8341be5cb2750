/**
 * Every name of a generated schema, decided once for all models through the inflection, with
 * collisions detected and resolved deterministically: the first claimant (built-ins first, then
 * models sorted by name, properties in definition order, relations by name) keeps a name, later
 * ones get a numeric suffix, and each such rename is reported in `collisions`.
 */
import type { ResolvedRelation } from '../juggler/model-types.js';
import { FILTER_KINDS } from './field-types.js';
import type { Inflection } from './inflection.js';
import type { GraphQLModelSource, GraphQLPropertySource } from './model-source.js';
import { type NameCollision, NameScope } from './name-scope.js';
import {
  type OrderValueMap,
  type OrderValueName,
  OrderValuePlanner,
  type PlannedOrderValues,
} from './order-value-names.js';

export type { NameCollision } from './name-scope.js';
export { isOrderable, type OrderValueName } from './order-value-names.js';

/**
 * Names of the enum generated for a property with `enum` values: one per named database enum
 * type (PostgreSQL), shared by every property of that type, else one per property (MySQL).
 */
export interface PropertyEnumNames {
  type: string;
  /** Its where operator input. */
  filter: string;
  /** Database value → GraphQL enum value name. */
  values: Map<string, string>;
  /** The model whose types include the enum (the first, by name, of those using a shared one). */
  declaredBy: string;
  /** What the enum's values are: `Values of Track.mood.`, `Values of the database enum type public.mood.` */
  description: string;
}

/**
 * The names of an embedded model type (the documents a property holds): its object type, its where
 * input, its fields, and the embedded types of its own properties.
 */
export interface EmbeddedNames {
  /** `Invoice.lines`: the model and the property path it belongs to, for messages. */
  owner: string;
  type: string;
  where: string;
  /** Its write input (`InvoiceLineInput`), taken by the create, update and upsert inputs. */
  input: string;
  /** Its properties, in definition order. */
  properties: readonly GraphQLPropertySource[];
  /** Property name → field name. */
  fields: Map<string, string>;
  /** Property name → the names of the embedded type it holds. */
  embedded: Map<string, EmbeddedNames>;
  /** Its belongsTo relations to models (`InvoiceLine.track`), in name order. */
  relations: readonly ResolvedRelation[];
  /** Relation name → field name. */
  relationFields: Map<string, string>;
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
  /** Property name → the names of the embedded model type it holds (document stores). */
  embedded: Map<string, EmbeddedNames>;
  /**
   * Order enum value name → property and direction, in declaration order. Listed on first read
   * when the default inflection names them (their collisions are checked when the names are planned).
   */
  readonly orderValues: Map<string, OrderValueName>;
  /** Whether some property can be sorted on (`orderValues` is not empty), known without listing them. */
  readonly hasOrderValues: boolean;
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
  'LocalDateTime',
  'Mutation',
  'PageInfo',
  'Query',
  'String',
  'Subscription',
];

/** The names of one model, its order values listed when first read (see order-value-names.ts). */
class PlannedModelNames implements ModelNames {
  readonly source: GraphQLModelSource;
  readonly type: string;
  readonly list: string;
  readonly single: string;
  readonly count: string;
  readonly connectionField: string;
  readonly connectionType: string;
  readonly edgeType: string;
  readonly where: string;
  readonly order: string;
  readonly createInput: string;
  readonly updateInput: string;
  readonly upsertInput: string;
  readonly create: string;
  readonly update: string;
  readonly upsert: string;
  readonly delete: string;
  readonly fields: Map<string, string>;
  readonly relationFields: Map<string, string>;
  readonly enums: Map<string, PropertyEnumNames>;
  readonly embedded: Map<string, EmbeddedNames>;
  readonly hasOrderValues: boolean;
  private plannedOrderValues: OrderValueMap | (() => OrderValueMap);

  constructor(names: Omit<ModelNames, 'orderValues' | 'hasOrderValues'>, orderValues: PlannedOrderValues) {
    this.source = names.source;
    this.type = names.type;
    this.list = names.list;
    this.single = names.single;
    this.count = names.count;
    this.connectionField = names.connectionField;
    this.connectionType = names.connectionType;
    this.edgeType = names.edgeType;
    this.where = names.where;
    this.order = names.order;
    this.createInput = names.createInput;
    this.updateInput = names.updateInput;
    this.upsertInput = names.upsertInput;
    this.create = names.create;
    this.update = names.update;
    this.upsert = names.upsert;
    this.delete = names.delete;
    this.fields = names.fields;
    this.relationFields = names.relationFields;
    this.enums = names.enums;
    this.embedded = names.embedded;
    this.hasOrderValues = orderValues.any;
    this.plannedOrderValues = orderValues.values;
  }

  get orderValues(): OrderValueMap {
    if (typeof this.plannedOrderValues === 'function') this.plannedOrderValues = this.plannedOrderValues();
    return this.plannedOrderValues;
  }
}

/** Claims the names of the embedded types `properties` hold, owned by `ownerType` (recursively). */
function planEmbeddedNames(
  properties: readonly GraphQLPropertySource[],
  ownerType: string,
  owner: string,
  types: NameScope,
  inflection: Inflection,
  collisions: NameCollision[],
): Map<string, EmbeddedNames> {
  const embedded = new Map<string, EmbeddedNames>();
  for (const property of properties) {
    if (!property.embedded) continue;
    const path = `${owner}.${property.name}`;
    const type = types.claim(inflection.embeddedType(ownerType, property.name), 'embedded type of', path);
    const where = types.claim(inflection.embeddedWhereType(type), 'embedded type of', path);
    const input = types.claim(inflection.embeddedInputType(type), 'embedded type of', path);
    const scope = new NameScope(`field of ${type}`, collisions, ['__typename']);
    const fields = new Map<string, string>();
    for (const inner of property.embedded) {
      fields.set(inner.name, scope.claim(inflection.fieldName(inner.name), 'property', inner.name));
    }
    const relations = property.embeddedRelations ?? [];
    const relationFields = new Map<string, string>();
    for (const relation of relations) {
      relationFields.set(
        relation.name,
        scope.claim(inflection.relationField(relation.name), 'relation', relation.name),
      );
    }
    embedded.set(property.name, {
      owner: path,
      type,
      where,
      input,
      properties: property.embedded,
      fields,
      embedded: planEmbeddedNames(property.embedded, type, path, types, inflection, collisions),
      relations,
      relationFields,
    });
  }
  return embedded;
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
  const orderValues = new OrderValuePlanner(inflection, collisions);
  const enumNames = (
    enumType: string,
    databaseValues: readonly string[],
    owner: string,
    about: Pick<PropertyEnumNames, 'declaredBy' | 'description'>,
  ): PropertyEnumNames => {
    const filter = types.claim(inflection.filterType(enumType), 'enum of', owner);
    const scope = new NameScope(`value of ${enumType}`, collisions);
    const values = new Map<string, string>();
    for (const value of databaseValues)
      values.set(value, scope.claim(inflection.enumValue(value), 'value', value));
    return { type: enumType, filter, values, ...about };
  };
  const sharedEnums = new SharedEnums(inflection, types, enumNames);
  // Enums of columns declared per column (MySQL): one per table column, made when first asked
  // for; a view column uses its table column's (see `viewColumnSources`).
  const columnEnums = new Map<string, PropertyEnumNames>();
  const viewColumns = viewColumnSources(sorted);

  // Object type names first, so that a model's own name beats another model's derived names.
  // Derived names use the (possibly de-duplicated) type name so that two models never share them.
  const typeNames: string[] = [];
  const derivedNames: string[] = [];
  for (let index = 0; index < sorted.length; index += 1) {
    const source = sorted[index] as GraphQLModelSource;
    const wanted = inflection.typeName(source.name);
    const type = types.claim(wanted, 'model', source.name);
    typeNames.push(type);
    derivedNames.push(type === wanted ? source.name : type);
  }
  // Indexed loops: a `for...of` allocates a result object per step until the code is optimised,
  // and these run once per property and relation at every start.
  for (let index = 0; index < sorted.length; index += 1) {
    const source = sorted[index] as GraphQLModelSource;
    const type = typeNames[index] as string;
    const derived = derivedNames[index] as string;
    const { properties, relations } = source;
    const fields = new NameScope(`field of ${type}`, collisions, ['__typename']);
    const fieldNames = new Map<string, string>();
    let enumProperties: GraphQLPropertySource[] | undefined;
    for (let position = 0; position < properties.length; position += 1) {
      const property = properties[position] as GraphQLPropertySource;
      fieldNames.set(
        property.name,
        fields.claim(inflection.fieldName(property.name), 'property', property.name),
      );
      if (property.enumValues) {
        enumProperties ??= [];
        enumProperties.push(property);
      }
    }
    const relationFields = new Map<string, string>();
    for (let position = 0; position < relations.length; position += 1) {
      const { name } = relations[position] as ResolvedRelation;
      relationFields.set(name, fields.claim(inflection.relationField(name), 'relation', name));
    }
    const columnEnum = (at: number, property: GraphQLPropertySource): PropertyEnumNames => {
      const model = sorted[at] as GraphQLModelSource;
      const owner = `${model.name}.${property.name}`;
      let names = columnEnums.get(owner);
      if (!names) {
        const enumType = types.claim(
          inflection.enumType(derivedNames[at] as string, property.name),
          'enum of',
          owner,
        );
        names = enumNames(enumType, property.enumValues ?? [], owner, {
          declaredBy: model.name,
          description: `Values of ${typeNames[at]}.${property.name}.`,
        });
        columnEnums.set(owner, names);
      }
      return names;
    };
    const enums = new Map<string, PropertyEnumNames>();
    for (const property of enumProperties ?? []) {
      const shared = property.enumType ? sharedEnums.of(property, source.name) : undefined;
      if (shared) {
        enums.set(property.name, shared);
        continue;
      }
      const from = source.view ? viewColumns.get(enumColumnKey(property)) : undefined;
      enums.set(property.name, from ? columnEnum(from.at, from.property) : columnEnum(index, property));
    }
    const owner = source.name;
    const embedded = planEmbeddedNames(properties, type, owner, types, inflection, collisions);
    const order = types.claim(inflection.orderType(derived), 'model', owner);
    const planned = orderValues.plan(source, fieldNames, order, embedded);
    const names = new PlannedModelNames(
      {
        source,
        type,
        list: queries.claim(inflection.listField(derived, source.plural), 'model', owner),
        single: queries.claim(inflection.singleField(derived), 'model', owner),
        count: queries.claim(inflection.countField(derived, source.plural), 'model', owner),
        connectionField: queries.claim(inflection.connectionField(derived, source.plural), 'model', owner),
        connectionType: types.claim(inflection.connectionType(derived), 'model', owner),
        edgeType: types.claim(inflection.edgeType(derived), 'model', owner),
        where: types.claim(inflection.whereType(derived), 'model', owner),
        order,
        createInput: types.claim(inflection.createInputType(derived), 'model', owner),
        updateInput: types.claim(inflection.updateInputType(derived), 'model', owner),
        upsertInput: types.claim(inflection.upsertInputType(derived), 'model', owner),
        create: mutations.claim(inflection.createMutation(derived), 'model', owner),
        update: mutations.claim(inflection.updateMutation(derived), 'model', owner),
        upsert: mutations.claim(inflection.upsertMutation(derived), 'model', owner),
        delete: mutations.claim(inflection.deleteMutation(derived), 'model', owner),
        fields: fieldNames,
        relationFields,
        enums,
        embedded,
      },
      planned,
    );
    models.set(source.name, names);
  }
  return { models, collisions };
}

/** Makes the names of an enum: its type, filter input and values (claimed in the schema's scopes). */
type EnumNamesMaker = (
  enumType: string,
  databaseValues: readonly string[],
  owner: string,
  about: Pick<PropertyEnumNames, 'declaredBy' | 'description'>,
) => PropertyEnumNames;

/**
 * The GraphQL enums of named database enum types, one per type, named after it (`mpaa_rating` →
 * `MpaaRating`; `MpaaRatingEnum` when a model already has that name). A property whose values
 * differ from those its type was first seen with (definitions discovered at different times) gets
 * an enum of its own instead.
 */
class SharedEnums {
  private readonly byType = new Map<string, { values: readonly string[]; names: PropertyEnumNames }>();

  constructor(
    private readonly inflection: Inflection,
    private readonly types: NameScope,
    private readonly makeNames: EnumNamesMaker,
  ) {}

  /** The shared enum of the property's database type, made on first use; undefined when it cannot share it. */
  of(property: GraphQLPropertySource, modelName: string): PropertyEnumNames | undefined {
    const databaseType = property.enumType;
    const values = property.enumValues;
    if (!databaseType || !values) return undefined;
    const key = `${databaseType.owner}\u0000${databaseType.name}`;
    const known = this.byType.get(key);
    if (known) return sameValues(known.values, values) ? known.names : undefined;
    const owner = `${databaseType.owner}.${databaseType.name}`;
    const wanted = this.inflection.databaseEnumType(databaseType.name);
    const type = this.types.claim(
      this.types.has(wanted) ? `${wanted}Enum` : wanted,
      'database enum type',
      owner,
    );
    const names = this.makeNames(type, values, owner, {
      declaredBy: modelName,
      description: `Values of the database enum type ${owner}.`,
    });
    this.byType.set(key, { values, names });
    return names;
  }
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** A column enum's identity across models: the property name and its values, in order. */
function enumColumnKey(property: GraphQLPropertySource): string {
  return [property.name, ...(property.enumValues ?? [])].join('\u0000');
}

/**
 * For each per-column enum (no named type), the one table column a view's column takes its enum
 * from: a table (not a view) property with the same name and the same values in the same order,
 * when exactly one table has it. A MySQL/MariaDB view column takes its type from the column it
 * selects and changes with it, so the two can share one GraphQL enum (`film_list.rating` →
 * `FilmRating`); when two tables qualify, nothing says which one the view reads, and the view's
 * column keeps an enum of its own.
 */
function viewColumnSources(
  sorted: readonly GraphQLModelSource[],
): Map<string, { at: number; property: GraphQLPropertySource }> {
  const candidates = new Map<string, { at: number; property: GraphQLPropertySource }[]>();
  for (let at = 0; at < sorted.length; at += 1) {
    const source = sorted[at] as GraphQLModelSource;
    if (source.view) continue;
    for (const property of source.properties) {
      if (!property.enumValues || property.enumType) continue;
      const key = enumColumnKey(property);
      const list = candidates.get(key);
      if (list) list.push({ at, property });
      else candidates.set(key, [{ at, property }]);
    }
  }
  const unique = new Map<string, { at: number; property: GraphQLPropertySource }>();
  for (const [key, list] of candidates) {
    if (list.length === 1) unique.set(key, list[0] as { at: number; property: GraphQLPropertySource });
  }
  return unique;
}
