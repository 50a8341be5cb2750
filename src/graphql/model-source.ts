/**
 * The neutral input of schema generation: what the GraphQL layer needs to know about a model,
 * built from LoopBack JSON definitions (what discovery produces and `schema-cache/` stores) or from
 * model classes. Nothing here knows GraphQL names: the inflection makes those.
 */
import type { ModelTypeName } from '../juggler/connector/model-type-name.js';
import { InvalidArgumentError, UnknownNameError } from '../juggler/errors.js';
import type {
  ColumnMetadata,
  ModelDefinition,
  PropertyDefinition,
  PropertyType,
  RelationDefinition,
} from '../juggler/model-definition.js';
import type { ResolvedRelation } from '../juggler/model-types.js';

/** How a property appears in GraphQL, decided once from its definition. */
export interface GraphQLPropertySource {
  name: string;
  typeName: ModelTypeName;
  /** Element type for `Array`. */
  itemTypeName?: ModelTypeName;
  /** A `Number` holding whole numbers only (an integer column): GraphQL `Int` rather than `Float`. */
  integer: boolean;
  /** Values of a database enum. */
  enumValues?: string[];
  description?: string;
  /** 1-based position in the id, or undefined. */
  idIndex?: number;
  /** The database produces the value: absent from create inputs. */
  generated: boolean;
  /** Cannot be written (generated columns, view columns). */
  readOnly: boolean;
  /** Must be given on create (NOT NULL without default, not generated). */
  required: boolean;
  /** Can hold null (output fields are nullable). */
  nullable: boolean;
  /** Explicit GraphQL output type override from `graphql: {type}` on the property. */
  graphqlType?: string;
}

/** A model as the GraphQL layer sees it. */
export interface GraphQLModelSource {
  name: string;
  description?: string;
  /** Plural from `settings.plural`, when given. */
  plural?: string;
  /** Views: query-only. */
  readOnly: boolean;
  /** Visible properties in definition order (hidden ones left out). */
  properties: GraphQLPropertySource[];
  /** Id property names in id order. */
  idProperties: string[];
  /** Relations resolved to keys on both sides, in name order. */
  relations: ResolvedRelation[];
}

const TYPE_NAMES: Record<string, ModelTypeName> = {
  string: 'String',
  text: 'Text',
  number: 'Number',
  integer: 'Number',
  int: 'Number',
  float: 'Number',
  bigint: 'BigInt',
  decimal: 'Decimal',
  boolean: 'Boolean',
  date: 'Date',
  datestring: 'DateString',
  buffer: 'Buffer',
  array: 'Array',
  object: 'Object',
  json: 'JSON',
  any: 'Any',
  geopoint: 'GeoPoint',
};

/** Canonical type name of a property type (`'number'`, `Number`, `'GeoPoint'`, `[String]`...). */
export function canonicalTypeName(type: PropertyType | undefined): ModelTypeName {
  if (Array.isArray(type)) return 'Array';
  const name = typeof type === 'function' ? type.name : typeof type === 'string' ? type : 'Any';
  return TYPE_NAMES[name.toLowerCase()] ?? 'Any';
}

function itemTypeOf(definition: PropertyDefinition, typeName: ModelTypeName): ModelTypeName | undefined {
  if (Array.isArray(definition.type)) {
    const [item] = definition.type;
    return item === undefined ? 'Any' : canonicalTypeName(item);
  }
  if (typeName === 'Array') {
    return definition.itemType === undefined ? 'Any' : canonicalTypeName(definition.itemType);
  }
  return undefined;
}

/** The column block of a property, whichever connector discovered it. */
function columnOf(definition: PropertyDefinition): ColumnMetadata | undefined {
  const members = definition as Record<string, unknown>;
  // `for...in` with an own-key check visits what `Object.keys` lists, without an array per property.
  for (const key in members) {
    if (!Object.hasOwn(members, key)) continue;
    const value = members[key];
    if (key === 'mongodb' || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    if (typeof (value as ColumnMetadata).columnName === 'string') return value as ColumnMetadata;
  }
  return undefined;
}

const INTEGER_DATA_TYPE = /^(smallint|integer|int|int2|int4|tinyint|mediumint|smallserial|serial|year)\b/i;

/** What a column's data type (and udt name) says about integers. */
type IntegerKind = 'integer' | 'unsigned-int' | 'unsigned-mediumint' | 'other';

/** Data type → udt name → kind: the regular expressions run once per distinct pair, not per column. */
const integerKinds = new Map<string, Map<string, IntegerKind>>();

function integerKindOf(dataType: string, udtName: string): IntegerKind {
  let byUdtName = integerKinds.get(dataType);
  if (byUdtName === undefined) {
    byUdtName = new Map();
    integerKinds.set(dataType, byUdtName);
  }
  let kind = byUdtName.get(udtName);
  if (kind === undefined) {
    if (/unsigned/i.test(`${dataType} ${udtName}`) && /^(int|integer|mediumint)\b/i.test(dataType)) {
      kind = /^mediumint/i.test(dataType) ? 'unsigned-mediumint' : 'unsigned-int';
    } else {
      kind = INTEGER_DATA_TYPE.test(dataType) ? 'integer' : 'other';
    }
    byUdtName.set(udtName, kind);
  }
  return kind;
}

/** Whether a `Number` property holds 32-bit integers (GraphQL `Int`), judged from its column. */
function isIntegerColumn(
  definition: PropertyDefinition,
  column: ColumnMetadata | undefined,
  graphqlType: unknown,
): boolean {
  if (graphqlType === 'Int') return true;
  if (graphqlType === 'Float') return false;
  const dataType = column?.dataType ?? column?.udtName;
  if (dataType) {
    // An unsigned 32-bit column can exceed GraphQL's signed 32-bit Int.
    switch (integerKindOf(dataType, column?.udtName ?? '')) {
      case 'unsigned-mediumint':
        return true;
      case 'unsigned-int':
        return false;
      case 'integer':
        return true;
      default:
        return column?.dataScale === 0 && (column.dataPrecision ?? 99) <= 9;
    }
  }
  return definition.scale === 0 && (definition.precision ?? 99) <= 9;
}

function isNullable(definition: PropertyDefinition, column: ColumnMetadata | undefined): boolean {
  if (definition.id) return false;
  if (column?.nullable !== undefined) return column.nullable === 'YES' || column.nullable === true;
  return definition.required !== true;
}

function idIndexOf(definition: PropertyDefinition, position: number): number | undefined {
  if (definition.id === undefined || definition.id === false) return undefined;
  return typeof definition.id === 'number' ? definition.id : position;
}

/** Builds the GraphQL view of one property definition. */
export function propertySource(
  name: string,
  definition: PropertyDefinition,
  position = 1,
): GraphQLPropertySource {
  const column = columnOf(definition);
  const typeName = canonicalTypeName(definition.type);
  const generated =
    definition.generated === true || (column?.generated !== undefined && column.generated !== null);
  const readOnly =
    definition.readOnly === true || column?.generated === 'stored' || column?.generated === 'virtual';
  const hasDefault =
    definition.default !== undefined || (column?.default !== undefined && column.default !== null);
  const graphqlType =
    definition.graphql && typeof definition.graphql === 'object'
      ? (definition.graphql as { type?: unknown }).type
      : undefined;
  const source: GraphQLPropertySource = {
    name,
    typeName,
    integer: typeName === 'Number' && isIntegerColumn(definition, column, graphqlType),
    generated,
    readOnly,
    required: definition.required === true && !generated && !readOnly && !hasDefault,
    nullable: isNullable(definition, column),
  };
  const itemTypeName = itemTypeOf(definition, typeName);
  if (itemTypeName) source.itemTypeName = itemTypeName;
  if (definition.enum && definition.enum.length > 0) source.enumValues = [...definition.enum];
  if (definition.description) source.description = definition.description;
  const idIndex = idIndexOf(definition, position);
  if (idIndex !== undefined) source.idIndex = idIndex;
  if (typeof graphqlType === 'string' && graphqlType !== 'Int' && graphqlType !== 'Float') {
    source.graphqlType = graphqlType;
  }
  return source;
}

function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...value] : [value];
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/**
 * Resolves a JSON relation to the keys on both sides, LoopBack's defaults included
 * (belongsTo: `<relation>Id` → target id; hasMany: `<model>Id` on the target → own id).
 */
export function resolveRelation(
  modelName: string,
  relationName: string,
  relation: RelationDefinition,
  idsOf: (model: string) => string[],
): ResolvedRelation {
  const ownIds = (): string[] => idsOf(modelName);
  const resolved: ResolvedRelation = {
    name: relationName,
    type: relation.type,
    modelFrom: modelName,
    modelTo: relation.model,
    keyFrom: [],
    keyTo: [],
    multiple: relation.type === 'hasMany' || relation.type === 'hasManyThrough',
  };
  const foreignKey = asList(relation.foreignKey);
  const primaryKey = asList(relation.primaryKey);
  if (relation.type === 'belongsTo') {
    resolved.keyFrom = foreignKey ?? [`${relationName}Id`];
    resolved.keyTo = primaryKey ?? idsOf(relation.model);
  } else if (relation.type === 'hasManyThrough' || (relation.type === 'hasMany' && relation.through)) {
    if (!relation.through) {
      throw new InvalidArgumentError(
        `Relation ${modelName}.${relationName} is hasManyThrough but names no \`through\` model`,
        {
          model: modelName,
          relation: relationName,
        },
      );
    }
    resolved.type = 'hasManyThrough';
    resolved.multiple = true;
    resolved.through = relation.through;
    resolved.keyFrom = primaryKey ?? ownIds();
    resolved.throughFrom = foreignKey ?? [`${lowerFirst(modelName)}Id`];
    resolved.throughTo = asList(relation.keyThrough) ?? [`${lowerFirst(relation.model)}Id`];
    resolved.keyTo = idsOf(relation.model);
  } else {
    resolved.keyFrom = primaryKey ?? ownIds();
    resolved.keyTo = foreignKey ?? [`${lowerFirst(modelName)}Id`];
  }
  if (relation.scope) resolved.scope = relation.scope;
  if (relation.description) resolved.description = relation.description;
  return resolved;
}

/** Orders by name in code-unit order: locale-independent, so every machine generates the same SDL. */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Sorts `items` by name (`byName`) in place, unless they already are: relations mostly come in
 * name order (discovery writes them so), and a sort copies the array even when nothing moves.
 */
export function sortByName<T extends { name: string }>(items: T[]): T[] {
  for (let index = 1; index < items.length; index += 1) {
    if (byName(items[index - 1] as T, items[index] as T) > 0) return items.sort(byName);
  }
  return items;
}

/** Id property names of a definition, in id order. */
export function idPropertiesOf(definition: ModelDefinition): string[] {
  const ids: IdProperty[] = [];
  let position = 0;
  for (const name in definition.properties) {
    if (!Object.hasOwn(definition.properties, name)) continue;
    position += 1;
    const idIndex = idIndexOf(definition.properties[name] as PropertyDefinition, position);
    if (idIndex !== undefined) ids.push({ name, idIndex });
  }
  return inIdOrder(ids);
}

/** A property that is part of the id, at its 1-based position in it. */
interface IdProperty {
  name: string;
  idIndex?: number;
}

/** The names of `ids` in id order (a stable sort: equal positions keep definition order). */
function inIdOrder(ids: IdProperty[]): string[] {
  if (ids.length === 1) return [(ids[0] as IdProperty).name];
  return ids.sort((a, b) => (a.idIndex as number) - (b.idIndex as number)).map((entry) => entry.name);
}

/**
 * Builds model sources from LoopBack JSON definitions (relations included). Relations whose
 * target model is not among `defs` are rejected with an UNKNOWN_MODEL error.
 *
 * @example
 * fromModelDefinitions(Object.values(await dataSource.discoverSchemas('track', {associations: true})));
 */
export function fromModelDefinitions(defs: readonly ModelDefinition[]): GraphQLModelSource[] {
  const definitionsByName = new Map(defs.map((definition) => [definition.name, definition]));
  const idsOf = (model: string): string[] => {
    const target = definitionsByName.get(model);
    if (!target) {
      throw new UnknownNameError(
        'UNKNOWN_MODEL',
        `A relation targets model ${model}, which is not among the models given`,
        {
          model,
          known: [...definitionsByName.keys()].sort(),
        },
      );
    }
    return idPropertiesOf(target);
  };
  return defs.map((definition) => {
    const relations = Object.entries(definition.options?.relations ?? {}).map(([name, relation]) =>
      resolveRelation(definition.name, name, relation, idsOf),
    );
    return modelSource(definition, sortByName(relations));
  });
}

/** The description in the table block of a model's settings (`postgresql: {table, description}`), if any. */
function tableDescriptionOf(settings: Record<string, unknown>): string | undefined {
  for (const key in settings) {
    if (!Object.hasOwn(settings, key)) continue;
    const value = settings[key];
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof (value as { table?: unknown }).table === 'string'
    ) {
      const { description } = value as { description?: unknown };
      return typeof description === 'string' ? description : undefined;
    }
  }
  return undefined;
}

/** Builds one model source from a definition and its already-resolved relations. */
export function modelSource(definition: ModelDefinition, relations: ResolvedRelation[]): GraphQLModelSource {
  const settings = definition.options ?? {};
  const description = settings.description ?? tableDescriptionOf(settings);
  // LoopBack also lists hidden properties in `settings.hidden`.
  const hiddenNames =
    Array.isArray(settings.hidden) && settings.hidden.length > 0
      ? new Set((settings.hidden as unknown[]).map(String))
      : undefined;
  const properties: GraphQLPropertySource[] = [];
  // Hidden ids stay ids: the id order is taken from every property.
  const ids: GraphQLPropertySource[] = [];
  let position = 0;
  for (const name in definition.properties) {
    if (!Object.hasOwn(definition.properties, name)) continue;
    position += 1;
    const property = definition.properties[name] as PropertyDefinition;
    const source = propertySource(name, property, position);
    if (source.idIndex !== undefined) ids.push(source);
    if (property.hidden !== true && !hiddenNames?.has(source.name)) properties.push(source);
  }
  const source: GraphQLModelSource = {
    name: definition.name,
    readOnly: settings.readOnly === true,
    properties,
    idProperties: inIdOrder(ids),
    relations,
  };
  if (description) source.description = description;
  if (settings.plural) source.plural = settings.plural;
  return source;
}

/** What `fromDefinedModels` reads of a model class built from a JSON definition. */
export interface DefinedModel {
  readonly modelName: string;
  readonly definition: { toJSON(): ModelDefinition; readonly properties: Record<string, unknown> };
  /** Relations the data layer resolved, by name. */
  readonly relations?: Record<string, ResolvedRelation>;
}

/**
 * Whether the JSON definition a model was built from still describes the class exactly as
 * `toJSON()` would (same properties in the same order, relations only under `options`), so the
 * copy `toJSON()` makes can be skipped.
 */
function describesModel(json: ModelDefinition, model: DefinedModel): boolean {
  if (json.options === undefined || 'relations' in json || 'settings' in json) return false;
  // An outline of a class not built yet (`defineModelsLazily`) holds the definition's own properties.
  if (model.definition.properties === json.properties) return true;
  const own = Object.keys(model.definition.properties);
  let index = 0;
  for (const name in json.properties) {
    if (!Object.hasOwn(json.properties, name)) continue;
    if (own[index] !== name) return false;
    index += 1;
  }
  return index === own.length;
}

/**
 * Model sources of attached model classes (as `fromModelClasses` builds them: relations from the
 * data layer's metadata when present) read from the JSON definitions the classes were built
 * from, without a `toJSON()` copy of every model. A class its definition no longer describes
 * (an injected id, a property added in code) is read through `toJSON()`.
 *
 * @example
 * const models = dataSource.buildModelsFrom(definitions);
 * buildGraphQLSchema(models, { sources: fromDefinedModels(Object.values(models), definitions) });
 */
export function fromDefinedModels(
  models: readonly DefinedModel[],
  definitions: readonly ModelDefinition[],
): GraphQLModelSource[] {
  const given = new Map(definitions.map((definition) => [definition.name, definition]));
  const jsonOf = new Map(
    models.map((model) => {
      const json = given.get(model.modelName);
      return [model.modelName, json && describesModel(json, model) ? json : model.definition.toJSON()];
    }),
  );
  const idsOf = (name: string): string[] => {
    const definition = jsonOf.get(name);
    return definition ? idPropertiesOf(definition) : [];
  };
  return models.map((model) => {
    const definition = jsonOf.get(model.modelName) as ModelDefinition;
    const resolved = model.relations ? Object.values(model.relations) : [];
    const relations =
      resolved.length > 0
        ? resolved.map((relation) => ({ ...relation }))
        : Object.entries(definition.options?.relations ?? {}).map(([name, relation]) =>
            resolveRelation(model.modelName, name, relation, idsOf),
          );
    return modelSource(definition, sortByName(relations));
  });
}
