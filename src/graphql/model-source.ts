/**
 * The neutral input of schema generation: what the GraphQL layer needs to know about a model,
 * built from LoopBack JSON definitions (what discovery produces and `schema-cache/` stores) or from
 * model classes. Nothing here knows GraphQL names: the inflection makes those. What a property
 * is (id, nullable, generated, read-only, required on create, a 32-bit integer) and how relations
 * resolve are the juggler's model facts (juggler/model/), read here, never derived again.
 */
import type { ModelTypeName } from '../juggler/connector/model-type-name.js';
import { UnknownNameError } from '../juggler/errors.js';
import { type EnumTypeFact, enumTypeOf } from '../juggler/model/enum-type.js';
import { holdsInt32, holdsWideInteger } from '../juggler/model/integer-width.js';
import {
  idNamesOf,
  isMaterializedView,
  isReadOnlyModel,
  isView,
  propertyFacts,
  tableBlockOf,
} from '../juggler/model/model-facts.js';
import { type IdNamesByModel, resolveRelationKeys } from '../juggler/model/relation-keys.js';
import type { ModelDefinition, PropertyDefinition, PropertyType } from '../juggler/model-definition.js';
import type { ResolvedRelation } from '../juggler/model-types.js';
import { typeNameOf } from '../juggler/types/type-registry.js';

/** How a property appears in GraphQL, decided once from its definition. */
export interface GraphQLPropertySource {
  name: string;
  typeName: ModelTypeName;
  /** Element type for `Array`. */
  itemTypeName?: ModelTypeName;
  /** A `Number` whose values fit a 32-bit integer (the recorded integer width): GraphQL `Int` rather than `Float`. */
  integer: boolean;
  /**
   * A `Number` recorded as a whole number wider than GraphQL's `Int` (MySQL `int unsigned`,
   * PostgreSQL `oid`, up to 4,294,967,295): GraphQL `BigInt`, exact, rather than `Float`.
   */
  wideInteger: boolean;
  /** Values of a database enum. */
  enumValues?: string[];
  /** The named database enum type of `enumValues` (PostgreSQL), shared by every property of that type. */
  enumType?: EnumTypeFact;
  description?: string;
  /** 1-based position in the id (in id order), or undefined. */
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
  /**
   * The properties of the embedded documents it holds (an embedded model type: document stores),
   * in definition order: the property gets an object type of its own (a list of it for an array)
   * and a where input filtering by dotted path.
   */
  embedded?: GraphQLPropertySource[];
  /** The belongsTo relations of its embedded documents (`lines[].trackId` → Track), in name order. */
  embeddedRelations?: ResolvedRelation[];
}

/** The mutations a model may get; a switch left out (or the whole object) means allowed. */
export interface ModelOperationSwitches {
  create?: boolean;
  update?: boolean;
  delete?: boolean;
}

/** A model as the GraphQL layer sees it. */
export interface GraphQLModelSource {
  name: string;
  description?: string;
  /** Plural from `settings.plural`, when given. */
  plural?: string;
  /** Views: query-only. */
  readOnly: boolean;
  /** A materialized view, which may have no data yet (`WITH NO DATA`): its root fields are nullable. */
  mayBeUnpopulated?: boolean;
  /** Discovered from a view (or materialized view): its columns come from other tables' columns. */
  view?: boolean;
  /** Visible properties in definition order (hidden ones left out). */
  properties: GraphQLPropertySource[];
  /** Id property names in id order. */
  idProperties: string[];
  /** Relations resolved to keys on both sides, in name order. */
  relations: ResolvedRelation[];
  /**
   * Mutations switched off (by configuration or a role): those are absent from the schema; upsert
   * needs create and update. Undefined: every mutation the model's shape allows.
   */
  operations?: ModelOperationSwitches;
}

/** Canonical type name of a property type (`'number'`, `Number`, `'GeoPoint'`, `[String]`...), as the juggler's type registry resolves it; `Any` for a type it does not know. */
export function canonicalTypeName(type: PropertyType | undefined): ModelTypeName {
  if (Array.isArray(type)) return 'Array';
  if (typeof type !== 'function' && typeof type !== 'string') return 'Any';
  return typeNameOf(type) ?? 'Any';
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

/**
 * Builds the GraphQL view of one property definition; `idIndex` is its 1-based position in the
 * model's id (`idNamesOf`), when it is part of it.
 */
export function propertySource(
  name: string,
  definition: PropertyDefinition,
  idIndex?: number,
  embeddedOwner?: { path: string; idsOf: IdNamesByModel },
): GraphQLPropertySource {
  const typeName = canonicalTypeName(definition.type);
  const facts = propertyFacts(definition);
  const graphqlType =
    definition.graphql && typeof definition.graphql === 'object'
      ? (definition.graphql as { type?: unknown }).type
      : undefined;
  const itemNumber = typeName === 'Array' && itemTypeOf(definition, typeName) === 'Number';
  // For a list, the recorded integer width is its elements' (discovery of `integer[]`).
  const integer =
    (typeName === 'Number' || itemNumber) &&
    (graphqlType === 'Int' || (graphqlType !== 'Float' && holdsInt32(definition)));
  const wideInteger =
    !integer &&
    (typeName === 'Number' || itemNumber) &&
    graphqlType === undefined &&
    holdsWideInteger(definition);
  const source: GraphQLPropertySource = {
    name,
    typeName,
    integer,
    wideInteger,
    generated: facts.generated,
    readOnly: facts.readOnly,
    required: facts.requiredOnCreate,
    nullable: facts.nullable,
  };
  const itemTypeName = itemTypeOf(definition, typeName);
  if (itemTypeName) source.itemTypeName = itemTypeName;
  if (definition.enum && definition.enum.length > 0) {
    source.enumValues = [...definition.enum];
    const enumType = enumTypeOf(definition);
    if (enumType) source.enumType = enumType;
  }
  if (definition.description) source.description = definition.description;
  if (idIndex !== undefined) source.idIndex = idIndex;
  if (typeof graphqlType === 'string' && graphqlType !== 'Int' && graphqlType !== 'Float') {
    source.graphqlType = graphqlType;
  }
  const embedded = definition.embedded?.properties;
  const holdsDocuments = typeName === 'Object' || (typeName === 'Array' && itemTypeName === 'Object');
  if (embedded && holdsDocuments && source.graphqlType === undefined) {
    const path = embeddedOwner ? `${embeddedOwner.path}.${name}` : name;
    const inside = embeddedOwner && { path, idsOf: embeddedOwner.idsOf };
    const properties = Object.entries(embedded).map(([inner, innerDefinition]) =>
      propertySource(inner, innerDefinition, undefined, inside),
    );
    if (properties.length > 0) source.embedded = properties;
    const relations = definition.embedded?.relations;
    if (properties.length > 0 && relations && embeddedOwner) {
      // A target left out of the schema (model selection) leaves its relation out.
      const idsOf = (model: string): string[] => {
        try {
          return embeddedOwner.idsOf(model);
        } catch {
          return [];
        }
      };
      const resolved = Object.entries(relations)
        .filter(([, relation]) => relation.type === 'belongsTo')
        .map(([relationName, relation]) => resolveRelationKeys(path, relationName, relation, idsOf))
        .filter((relation) => relation.keyTo.length === 1);
      if (resolved.length > 0) source.embeddedRelations = sortByName(resolved);
    }
  }
  return source;
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
    return idNamesOf(target.properties);
  };
  return defs.map((definition) => {
    const relations = Object.entries(definition.options?.relations ?? {}).map(([name, relation]) =>
      resolveRelationKeys(definition.name, name, relation, idsOf),
    );
    return modelSource(definition, sortByName(relations), idsOf);
  });
}

/**
 * Builds one model source from a definition and its already-resolved relations; `idsOf` resolves
 * the relations of its embedded types (none without it).
 */
export function modelSource(
  definition: ModelDefinition,
  relations: ResolvedRelation[],
  idsOf?: IdNamesByModel,
): GraphQLModelSource {
  const settings = definition.options ?? {};
  const description = settings.description ?? tableDescriptionOf(settings);
  // LoopBack also lists hidden properties in `settings.hidden`.
  const hiddenNames =
    Array.isArray(settings.hidden) && settings.hidden.length > 0
      ? new Set((settings.hidden as unknown[]).map(String))
      : undefined;
  // Hidden ids stay ids: the id order is taken from every property.
  const idProperties = idNamesOf(definition.properties);
  const properties: GraphQLPropertySource[] = [];
  for (const name in definition.properties) {
    if (!Object.hasOwn(definition.properties, name)) continue;
    const property = definition.properties[name] as PropertyDefinition;
    if (property.hidden === true || hiddenNames?.has(name)) continue;
    const idPosition = property.id ? idProperties.indexOf(name) : -1;
    properties.push(
      propertySource(
        name,
        property,
        idPosition >= 0 ? idPosition + 1 : undefined,
        idsOf && property.embedded ? { path: definition.name, idsOf } : undefined,
      ),
    );
  }
  const source: GraphQLModelSource = {
    name: definition.name,
    readOnly: isReadOnlyModel(settings),
    properties,
    idProperties,
    relations,
  };
  if (description) source.description = description;
  if (settings.plural) source.plural = settings.plural;
  if (isMaterializedView(settings)) source.mayBeUnpopulated = true;
  if (isView(settings)) source.view = true;
  return source;
}

/** The description in the table block of a model's settings (`postgresql: {table, description}`), if any. */
function tableDescriptionOf(settings: ModelDefinition['options'] & object): string | undefined {
  const description = tableBlockOf(settings)?.description;
  return typeof description === 'string' ? description : undefined;
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
    return definition ? idNamesOf(definition.properties) : [];
  };
  return models.map((model) => {
    const definition = jsonOf.get(model.modelName) as ModelDefinition;
    const resolved = model.relations ? Object.values(model.relations) : [];
    const relations =
      resolved.length > 0
        ? resolved.map((relation) => ({ ...relation }))
        : Object.entries(definition.options?.relations ?? {}).map(([name, relation]) =>
            resolveRelationKeys(model.modelName, name, relation, idsOf),
          );
    return modelSource(definition, sortByName(relations), idsOf);
  });
}
