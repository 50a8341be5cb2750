/**
 * LoopBack's ModelBuilder: defines model classes from property maps or JSON definitions. Models
 * it creates are plain (no data access); `DataSource.define` adds the DAO on top.
 */
import { InvalidArgumentError, UnknownNameError } from './errors.js';
import { didYouMean } from './filter/suggest.js';
import { introspectInstances, introspectJson } from './introspection/introspect.js';
import { createModelClass } from './model/create-model-class.js';
import { orderByPropertyTypes } from './model/order-schemas.js';
import { isModelClass } from './model/property-values.js';
import { type PropertyInput, RuntimeModelDefinition } from './model/runtime-definition.js';
import { ModelBaseClass, type ModelClass } from './model.js';
import type { ModelDefinition, ModelSettings, PropertyType, RelationDefinition } from './model-definition.js';
import { nameTable } from './name-table.js';
import type { ResolvedType } from './types/type-registry.js';
import { resolveType as resolveBuiltInType, resolveTypeReference } from './types/type-registry.js';
import {
  ownValidations,
  registerColumnValidations,
  registerDeclaredValidations,
  registerRequiredValidations,
  removeImpliedValidations,
} from './validation/configure.js';

export type { ModelClass } from './model.js';

/** Properties as `define` accepts them: `{name: String}` or `{name: {type: String, required: true}}`. */
export type PropertiesInput = Record<string, PropertyInput | Record<string, unknown>>;

/** Settings of `define`: model settings, plus `base` (a model class or the name of a defined model). */
export type DefineSettings = ModelSettings & { base?: string | ModelClass };

/** A schema as `buildModels` accepts it (LoopBack JSON; `settings` is accepted for `options`). */
export interface SchemaInput {
  name?: string;
  base?: string;
  properties: PropertiesInput;
  options?: ModelSettings;
  settings?: ModelSettings;
  relations?: Record<string, RelationDefinition>;
}

/** Creates one model from a schema; `buildModels` uses `define` unless given another (DataSource.define). */
export type CreateModel = (name: string, properties: PropertiesInput, settings: ModelSettings) => ModelClass;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The settings `buildModels` defines a schema's model with: its `options` (or `settings`), with
 * top-level `relations` merged in and a top-level `base` when the settings name none.
 */
export function settingsOfSchema(schema: SchemaInput): ModelSettings {
  const settings: ModelSettings = { ...(schema.options ?? schema.settings ?? {}) };
  if (schema.relations) settings.relations = { ...(settings.relations ?? {}), ...schema.relations };
  if (schema.base && settings.base === undefined) settings.base = schema.base;
  return settings;
}

function mergeSettings(parent: ModelSettings, child: ModelSettings): ModelSettings {
  const merged: ModelSettings = { ...parent, ...child };
  merged.relations = { ...(parent.relations ?? {}), ...(child.relations ?? {}) };
  merged.validations = [...(parent.validations ?? []), ...(child.validations ?? [])];
  const hidden = [parent.hidden, child.hidden].flatMap((list) =>
    Array.isArray(list) ? (list as string[]) : [],
  );
  if (hidden.length > 0) merged.hidden = [...new Set(hidden)];
  return merged;
}

/**
 * Defines and keeps model classes.
 *
 * @example
 * const builder = new ModelBuilder();
 * const User = builder.define('User', {
 *   email: {type: String, limit: 150, index: true},
 *   registrationDate: {type: Date, default: function () { return new Date(); }},
 *   activated: {type: Boolean, default: false},
 * });
 */
export class ModelBuilder {
  /** Model constructors keyed by model name. */
  readonly models: Record<string, ModelClass> = nameTable();
  /** Runtime definitions keyed by model name (`definitions.User.toJSON()` gives the LoopBack JSON). */
  readonly definitions: Record<string, RuntimeModelDefinition> = nameTable();
  private nextSchemaId = 0;

  /**
   * Defines a model class. `settings.base` (a model class or a defined model's name) or `parent`
   * makes it inherit properties, settings, validations and hooks; with `idInjection` (default
   * true) a model without an id gets `id: {type: Number, id: true, generated: true}`.
   */
  define(
    className: string,
    properties: PropertiesInput = {},
    settings: DefineSettings = {},
    parent?: ModelClass,
  ): ModelClass {
    return this.defineFrom(ModelBaseClass, className, properties, settings, parent);
  }

  /**
   * `define`, with `root` in place of ModelBaseClass for a model without a base: a subclass of
   * ModelBaseClass whose statics and prototype methods every such model then inherits (the
   * DataSource passes one carrying the data access methods, so that 1,000 models share them
   * instead of each getting a copy).
   */
  defineFrom(
    root: ModelClass,
    className: string,
    properties: PropertiesInput = {},
    settings: DefineSettings = {},
    parent?: ModelClass,
  ): ModelClass {
    if (typeof className !== 'string' || className.trim() === '') {
      throw new InvalidArgumentError('A model needs a name: define(className, properties, settings)', {
        received: String(className),
      });
    }
    const { base, ...ownSettings } = settings;
    const Parent = parent ?? this.baseClass(base, root);
    // RuntimeModelDefinition copies what it keeps, so `properties` is read, never copied here.
    let allProperties: Record<string, unknown> = properties;
    let allSettings: ModelSettings = ownSettings;
    if (Parent !== root && Parent !== ModelBaseClass) {
      allProperties = { ...Parent.definition.rawProperties(), ...properties };
      allSettings = mergeSettings(Parent.definition.settings, ownSettings);
      allSettings.base = Parent.modelName;
    } else if (typeof base === 'string') {
      allSettings.base = base;
    }
    const definition = new RuntimeModelDefinition(className, allSettings, allProperties, (type) =>
      this.resolvePropertyType(type),
    );
    const ModelClass = createModelClass(className, Parent, definition, this);
    for (const name of Object.keys(definition.properties)) ModelClass.registerProperty(name);
    this.registerValidations(ModelClass);
    this.models[className] = ModelClass;
    this.definitions[className] = definition;
    return ModelClass;
  }

  /** Defines one property on a defined model (by name or class). */
  defineProperty(model: string | ModelClass, propertyName: string, propertyDefinition: unknown): void {
    this.modelClassOf(model).defineProperty(propertyName, propertyDefinition);
  }

  /**
   * Extends a defined model with several properties.
   *
   * @example
   * builder.extendModel('Content', {competitionType: String, expiryDate: {type: Date, index: true}});
   */
  extendModel(model: string | ModelClass, properties: PropertiesInput): void {
    const ModelClass = this.modelClassOf(model);
    for (const [name, definition] of Object.entries(properties)) ModelClass.defineProperty(name, definition);
  }

  /** The name given, or a generated one ('AnonymousModel_0', 'AnonymousModel_1'...) for anonymous schemas. */
  getSchemaName(name?: string): string {
    if (name) return name;
    return `AnonymousModel_${this.nextSchemaId++}`;
  }

  /**
   * Resolves a type name (case-insensitive) or reference to its constructor: 'number' → Number,
   * 'text' → Types.Text, ['string'] → [String], a defined model's name → its class.
   */
  resolveType(type: PropertyType): Function | Function[] | undefined {
    const builtIn = resolveBuiltInType(type);
    if (builtIn !== undefined) return builtIn;
    if (typeof type === 'string') return this.models[type];
    return isModelClass(type) ? type : undefined;
  }

  /**
   * Builds models from schemas: an array of named schemas, one schema (`{name, properties,
   * options}`), or an anonymous property map. A schema whose property type names another schema
   * of the array is built after it, so the order of the array does not matter. Relations in
   * `options.relations` stay on the definitions (the data layer wires them).
   */
  buildModels(
    schemas: SchemaInput | SchemaInput[] | ModelDefinition[] | PropertiesInput,
    createModel?: CreateModel,
  ): Record<string, ModelClass> {
    const create: CreateModel =
      createModel ?? ((name, properties, settings) => this.define(name, properties, settings));
    const named = this.listSchemas(schemas).map((schema) => ({
      name: this.getSchemaName(schema.name),
      schema,
    }));
    const built = new Map<string, ModelClass>();
    for (const { name, schema } of orderByPropertyTypes(named)) {
      built.set(name, create(name, schema.properties, settingsOfSchema(schema)));
    }
    const models: Record<string, ModelClass> = {};
    for (const { name } of named) models[name] = built.get(name) as ModelClass;
    return models;
  }

  /**
   * The schemas `buildModels` would build, in order: an array of named schemas as it is, one
   * schema, or an anonymous property map as one schema. Throws InvalidArgumentError (naming the
   * schema's index) for a schema without `properties`, before anything is built.
   */
  listSchemas(schemas: unknown): SchemaInput[] {
    if (Array.isArray(schemas)) {
      return schemas.map((schema, index) => {
        if (!isPlainObject(schema) || !isPlainObject(schema.properties)) {
          throw new InvalidArgumentError(`buildModels: schema #${index} needs \`properties\``, { index });
        }
        return schema as unknown as SchemaInput;
      });
    }
    if (!isPlainObject(schemas)) {
      throw new InvalidArgumentError('buildModels needs schemas: an array, one schema, or a property map');
    }
    const looksLikeSchema =
      isPlainObject(schemas.properties) &&
      (typeof schemas.name === 'string' || isPlainObject(schemas.options) || isPlainObject(schemas.settings));
    if (looksLikeSchema) return [schemas as unknown as SchemaInput];
    return [{ properties: schemas as PropertiesInput, options: { anonymous: true } }];
  }

  /**
   * Defines a model whose properties are inferred from a sample document, or merged over several
   * (a field of differing types becomes JSON; see introspection/).
   *
   * @example
   * builder.buildModelFromInstance('User', {name: 'Joe', age: 30, joined: '2024-01-31T10:00:00Z'}, {idInjection: true})
   * builder.buildModelFromInstance('User', [{name: 'Joe'}, {name: 'Ann', age: 30}])
   */
  buildModelFromInstance(
    name: string,
    json: Record<string, unknown> | readonly Record<string, unknown>[],
    options: DefineSettings = {},
  ): ModelClass {
    const instances = Array.isArray(json) ? json : [json];
    if (instances.length === 0 || !instances.every((instance) => isPlainObject(instance))) {
      throw new InvalidArgumentError(
        'buildModelFromInstance needs a JSON object, or a non-empty array of them, to introspect',
        { model: name },
      );
    }
    const properties = Array.isArray(json)
      ? introspectInstances(instances)
      : introspectJson(json as Record<string, unknown>);
    return this.define(name, properties, options);
  }

  /** A defined model; throws UnknownNameError (with a suggestion) otherwise. */
  getModel(name: string): ModelClass {
    const model = this.models[name];
    if (!model) {
      throw new UnknownNameError(
        'UNKNOWN_MODEL',
        `Unknown model \`${name}\`${didYouMean(name, Object.keys(this.models))}`,
        {
          model: name,
        },
      );
    }
    return model;
  }

  /** The runtime definition of a defined model, or undefined. */
  getModelDefinition(name: string): RuntimeModelDefinition | undefined {
    return this.definitions[name];
  }

  /**
   * Copies the statics and prototype methods of mixins onto a model class (LoopBack's
   * `modelBuilder.mixin`), e.g. the data access methods.
   */
  mixin<Added extends object = Record<never, never>>(
    ModelClass: ModelClass,
    ...mixins: Array<Function | Record<string, unknown>>
  ): ModelClass & Added {
    for (const mixin of mixins) {
      const statics = Object.getOwnPropertyDescriptors(mixin);
      for (const key of ['length', 'name', 'prototype']) delete statics[key];
      Object.defineProperties(ModelClass, statics);
      if (typeof mixin === 'function' && mixin.prototype) {
        const { constructor: _constructor, ...methods } = Object.getOwnPropertyDescriptors(mixin.prototype);
        Object.defineProperties(ModelClass.prototype, methods);
      }
    }
    return ModelClass as ModelClass & Added;
  }

  /**
   * Rules implied by the definition (settings.validations, then `required`) come first; rules
   * inherited from a parent that were added in code follow.
   */
  private registerValidations(ModelClass: ModelClass): void {
    const inherited = ownValidations(ModelClass);
    removeImpliedValidations(ModelClass);
    const codeRules = Object.entries(inherited);
    ModelClass.validations = {};
    registerDeclaredValidations(ModelClass, ModelClass.definition.settings.validations ?? []);
    registerRequiredValidations(ModelClass);
    registerColumnValidations(ModelClass);
    const rules = ownValidations(ModelClass);
    for (const [property, list] of codeRules) rules[property] = [...(rules[property] ?? []), ...list];
  }

  private baseClass(base: DefineSettings['base'], root: ModelClass): ModelClass {
    if (isModelClass(base)) return base as ModelClass;
    if (typeof base === 'string' && this.models[base]) return this.models[base];
    return root;
  }

  private modelClassOf(model: string | ModelClass): ModelClass {
    return typeof model === 'string' ? this.getModel(model) : model;
  }

  private resolvePropertyType(type: PropertyType): ResolvedType | undefined {
    const builtIn = resolveTypeReference(type);
    if (builtIn) return builtIn;
    const model = typeof type === 'string' ? this.models[type] : isModelClass(type) ? type : undefined;
    return model ? { typeName: 'Object', type: model } : undefined;
  }
}
