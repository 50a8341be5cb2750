/**
 * `dataSource.defineModelsLazily(definitions)`: what `buildModelsFrom` does, except that the class
 * of a model is built when first read rather than at once. A start from a 1,000-table schema
 * cache then builds the few classes its queries use instead of all of them (each with its
 * property accessors, validations and relation accessors).
 *
 * Only what the result would not show is deferred: a definition whose build could fail, or could
 * depend on other models (a `base`, a property typed by a model name, a bad declared validation,
 * an injected id, a relation named like a property...), is built at once, in order, as
 * `buildModelsFrom` builds it, so that it fails with the same error at the same point. Every
 * relation is resolved at once (against the definitions, without building their classes), so a
 * relation to an unknown model or over an unknown key fails here too.
 */
import type { ModelClass } from '../dao/model-class.js';
import { idNamesOf } from '../model/model-facts.js';
import { type ModelBuilder, type SchemaInput, settingsOfSchema } from '../model-builder.js';
import type {
  ModelDefinition,
  ModelSettings,
  PropertyDefinition,
  PropertyType,
  RelationDefinition,
  ValidationDeclaration,
} from '../model-definition.js';
import type { ModelRuntimeDefinition, ResolvedRelation } from '../model-types.js';
import { nameTable } from '../name-table.js';
import { type ModelLookup, resolveRelation } from '../relations/resolve-relation.js';
import { resolveTypeReference } from '../types/type-registry.js';
import { checkDeclaredValidations } from '../validation/configure.js';

/** What a model is, read from its definition without building its class. */
export interface ModelOutline {
  readonly modelName: string;
  /** The definition as `Model.definition` would show it: its properties and its LoopBack JSON. */
  readonly definition: {
    readonly properties: Record<string, unknown>;
    toJSON(): ModelDefinition;
  };
  /** Every declared relation, resolved to keys on both sides (as `Model.relations` resolves them). */
  readonly relations: Record<string, ResolvedRelation>;
}

/** The result of `defineModelsLazily`. */
export interface LazyModelsResult {
  /**
   * The model classes keyed by model name, in definition order: enumerable accessors that build a
   * class when first read (so do those of `dataSource.models` and `modelBuilder.models`), then
   * plain values. `Object.keys` builds nothing; `Object.values` builds every class.
   */
  models: Record<string, ModelClass>;
  /** One outline per model, in definition order, its relations already resolved. */
  outlines: ModelOutline[];
}

/** What `defineModelsLazily` needs of the data source. */
export interface LazyModelHost {
  readonly models: Record<string, ModelClass>;
  readonly definitions: Record<string, ModelRuntimeDefinition>;
  readonly modelBuilder: ModelBuilder;
  define(name: string, properties: SchemaInput['properties'], settings: ModelSettings): ModelClass;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Built-in property types by type name: whether `define` resolves them without looking up a model. */
const builtInTypes = new Map<string, boolean>();

function isBuiltInType(type: unknown): boolean {
  if (typeof type !== 'string') {
    return type !== undefined && resolveTypeReference(type as PropertyType) !== undefined;
  }
  let known = builtInTypes.get(type);
  if (known === undefined) {
    known = resolveTypeReference(type) !== undefined;
    builtInTypes.set(type, known);
  }
  return known;
}

/**
 * Whether building the class of `schema` can neither fail nor depend on another model, and gives
 * a class whose `definition.toJSON()` has the properties of `schema`, in its order: a named
 * schema with `options`, no `base`, no top-level `relations`/`settings`, declared validations
 * that register without error, an id property or `idInjection: false`, every property in the
 * long form with a built-in type, and no relation named like a property. The rest is built at once.
 */
function canDefer(schema: SchemaInput, taken: { has(name: string): boolean }, host: LazyModelHost): boolean {
  const { name, options } = schema as SchemaInput & { name?: unknown };
  if (typeof name !== 'string' || name.trim() === '' || taken.has(name)) return false;
  if (Object.hasOwn(host.models, name) || Object.hasOwn(host.modelBuilder.models, name)) return false;
  if (!isPlainRecord(options) || 'relations' in schema || 'settings' in schema || 'base' in schema) {
    return false;
  }
  if (options.base !== undefined || !validationsCanRegister(options.validations)) return false;
  const properties = schema.properties;
  if (!isPlainRecord(properties)) return false;
  let hasId = false;
  for (const key in properties) {
    if (!Object.hasOwn(properties, key)) continue;
    if (key === '__proto__') return false;
    const property = properties[key];
    if (!isPlainRecord(property) || !isBuiltInType(property.type)) return false;
    if (property.itemType !== undefined && !isBuiltInType(property.itemType)) return false;
    if (property.id) hasId = true;
  }
  if (!hasId && options.idInjection !== false) return false;
  const relations = options.relations;
  if (relations === undefined) return true;
  if (!isPlainRecord(relations)) return false;
  for (const relation in relations) if (relation in properties || relation === '__proto__') return false;
  return true;
}

/**
 * Whether the validations declared in a definition register without error, checked by the code
 * that registers them (`checkDeclaredValidations`: the same checks, nothing registered).
 */
function validationsCanRegister(declarations: unknown): boolean {
  if (declarations === undefined) return true;
  if (!Array.isArray(declarations)) return false;
  try {
    checkDeclaredValidations(declarations as ValidationDeclaration[]);
    return true;
  } catch {
    // Built at once instead, the definition fails with this error where `buildModelsFrom` fails.
    return false;
  }
}

/**
 * The part of a model class `resolveRelation` reads (`modelName`, `definition.properties`,
 * `definition.idNames()`), taken from a deferred definition: relations resolve against it with
 * the same results and errors as against the class it will become.
 */
function shapeOf(name: string, properties: Record<string, unknown>): ModelClass {
  let ids: string[] | undefined;
  const shape = {
    modelName: name,
    definition: {
      properties,
      idNames(): string[] {
        ids ??= idNamesOf(properties as Record<string, PropertyDefinition>);
        return [...ids];
      },
    },
  };
  // resolveRelation reads only the members above.
  return shape as unknown as ModelClass;
}

/** Declared relations as `wireDeclaredRelations` registers them (hasMany with `through` is hasManyThrough). */
function resolveDeclared(
  Model: ModelClass,
  declared: Record<string, RelationDefinition> | undefined,
  lookup: ModelLookup,
): Record<string, ResolvedRelation> {
  const resolved = nameTable<ResolvedRelation>();
  for (const name in declared) {
    if (!Object.hasOwn(declared, name)) continue;
    const declaration = declared[name] as RelationDefinition;
    const normalized: RelationDefinition =
      declaration.type === 'hasMany' && declaration.through
        ? { ...declaration, type: 'hasManyThrough' }
        : declaration;
    resolved[name] = resolveRelation(Model, name, normalized, lookup);
  }
  return resolved;
}

/** The maps that hold a deferred model: those of its class, and those of its runtime definition. */
interface ModelMaps {
  classes: readonly Record<string, unknown>[];
  definitions: readonly Record<string, unknown>[];
}

/** A deferred model: its class is built by the first read of any of its entries. */
class DeferredModel {
  private built: ModelClass | undefined;

  constructor(
    private readonly host: LazyModelHost,
    private readonly schema: SchemaInput & { name: string },
    private readonly maps: ModelMaps,
  ) {}

  /** Builds the class once, then leaves plain values wherever an entry is still an accessor. */
  build(): ModelClass {
    if (this.built) return this.built;
    const { name, properties } = this.schema;
    // Building assigns the class (and its definition) to the maps: the setter below turns those
    // entries into plain values. No model read during the build is this one (it names no other).
    const Model = this.host.define(name, properties, settingsOfSchema(this.schema));
    this.built = Model;
    for (const target of this.maps.classes) settleAccessor(target, name, Model);
    for (const target of this.maps.definitions) settleAccessor(target, name, Model.definition);
    return Model;
  }

  /** Defines the accessors of this model on its maps (one getter per kind, one setter, for all). */
  install(): void {
    const { name } = this.schema;
    const set = function (this: Record<string, unknown>, value: unknown) {
      settle(this, name, value);
    };
    const ofClass = { enumerable: true, configurable: true, get: () => this.build(), set };
    const ofDefinition = { enumerable: true, configurable: true, get: () => this.build().definition, set };
    for (const target of this.maps.classes) Object.defineProperty(target, name, ofClass);
    for (const target of this.maps.definitions) Object.defineProperty(target, name, ofDefinition);
  }
}

/** `settle`, where the entry is still an accessor. */
function settleAccessor(target: Record<string, unknown>, name: string, value: unknown): void {
  if (Object.getOwnPropertyDescriptor(target, name)?.get !== undefined) settle(target, name, value);
}

/** Replaces an entry (an accessor or not) with a plain, writable value, keeping its place in key order. */
function settle(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}

/** The outline of a model whose class is built (its definition and resolved relations). */
function builtOutline(Model: ModelClass, relations: Record<string, ResolvedRelation>): ModelOutline {
  return { modelName: Model.modelName, definition: Model.definition, relations };
}

/** The outline of a deferred model, read from its JSON definition. */
function deferredOutline(
  definition: ModelDefinition,
  relations: Record<string, ResolvedRelation>,
): ModelOutline {
  return {
    modelName: definition.name,
    definition: { properties: definition.properties, toJSON: () => definition },
    relations,
  };
}

/**
 * Defines the models of `definitions` on `host` (a DataSource), building each class when first
 * read; see the file comment. Definitions are kept, not copied: change none of them afterwards.
 */
export function defineModelsLazily(
  host: LazyModelHost,
  definitions: readonly ModelDefinition[],
): LazyModelsResult {
  const schemas = host.modelBuilder.listSchemas(definitions);
  const models = nameTable<ModelClass>();
  const deferred = new Map<string, ModelDefinition>();
  const shapes = new Map<string, ModelClass>();
  const maps: ModelMaps = {
    classes: [models, host.models, host.modelBuilder.models],
    definitions: [host.definitions, host.modelBuilder.definitions],
  };
  for (const schema of schemas) {
    if (canDefer(schema, deferred, host)) {
      const definition = schema as unknown as ModelDefinition;
      new DeferredModel(host, definition, maps).install();
      deferred.set(definition.name, definition);
      shapes.set(definition.name, shapeOf(definition.name, definition.properties));
    } else {
      const name = host.modelBuilder.getSchemaName(schema.name);
      // A later definition of a deferred model's name replaces it, as it would a built one.
      deferred.delete(name);
      shapes.delete(name);
      models[name] = host.define(name, schema.properties, settingsOfSchema(schema));
    }
  }
  // Relations resolve as `Model.relations` would once every class is built: a deferred model
  // through its shape, any other through the data source's models.
  const lookup: ModelLookup = (name) => shapes.get(name) ?? host.models[name];
  const outlines: ModelOutline[] = [];
  for (const name of Object.keys(models)) {
    const definition = deferred.get(name);
    if (definition) {
      const shape = shapes.get(name) as ModelClass;
      outlines.push(
        deferredOutline(definition, resolveDeclared(shape, definition.options?.relations, lookup)),
      );
    } else {
      const Model = models[name] as ModelClass;
      outlines.push(builtOutline(Model, resolveDeclared(Model, Model.definition.relations, lookup)));
    }
  }
  return { models, outlines };
}
