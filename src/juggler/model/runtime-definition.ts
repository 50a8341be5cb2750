/**
 * The runtime form of a model definition (`ModelClass.definition`): properties with resolved
 * types, settings, raw relations, id names, and the way back to LoopBack JSON.
 */
import type { ModelTypeName } from '../connector/model-type-name.js';
import { InvalidArgumentError } from '../errors.js';
import { didYouMean } from '../filter/suggest.js';
import type {
  ModelDefinition,
  ModelSettings,
  PropertyDefinition,
  PropertyType,
  RelationDefinition,
} from '../model-definition.js';
import type { ModelRuntimeDefinition, ResolvedProperty } from '../model-types.js';
import { copyToNameTable } from '../name-table.js';
import { MODEL_TYPE_NAMES, type ResolvedType, typeNameOf } from '../types/type-registry.js';
import { idNamesOf } from './model-facts.js';

/** A property as `define` accepts it: a type (`String`, `'string'`, `[String]`) or the long form. */
export type PropertyInput = PropertyType | PropertyDefinition;

/** Resolves a type reference (built-in type, model name or model class) or returns undefined. */
export type TypeResolver = (type: PropertyType) => ResolvedType | undefined;

/** Keys of the long form: an object without `type` that uses them is a mistake, not a nested model. */
const PROPERTY_OPTION_KEYS = [
  'required',
  'id',
  'default',
  'generated',
  'length',
  'index',
  'limit',
  'itemType',
];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Turns the short form into the long form (`String` → `{type: String}`); nested property maps become Object. */
export function normalizePropertyInput(model: string, name: string, input: unknown): PropertyDefinition {
  if (typeof input === 'function' || typeof input === 'string' || Array.isArray(input)) {
    return { type: input as PropertyType };
  }
  if (isPlainObject(input)) {
    if (input.type !== undefined && input.type !== null) return { ...input } as PropertyDefinition;
    const misused = PROPERTY_OPTION_KEYS.filter((key) => key in input);
    if (misused.length > 0 || Object.keys(input).length === 0) {
      throw new InvalidArgumentError(
        `Property \`${name}\` of model \`${model}\` has no \`type\`; write e.g. {type: 'String', ${misused[0] ?? 'required'}: ...}`,
        { model, property: name },
      );
    }
    // LoopBack's anonymous nested model ({address: {street: String}}): kept as a free-form Object.
    return { type: 'Object' };
  }
  throw new InvalidArgumentError(`Property \`${name}\` of model \`${model}\` has no usable type definition`, {
    model,
    property: name,
    received: String(input),
  });
}

function typeLabel(type: unknown): string {
  if (typeof type === 'function') return type.name || 'anonymous function';
  try {
    return JSON.stringify(type) ?? String(type);
  } catch {
    return String(type);
  }
}

/** Resolves one property's type, or throws InvalidArgumentError naming the closest type. */
export function resolveProperty(
  model: string,
  name: string,
  definition: PropertyDefinition,
  resolve: TypeResolver,
): ResolvedProperty {
  const fail = (type: unknown): never => {
    const text = typeof type === 'string' ? type : typeLabel(type);
    throw new InvalidArgumentError(
      `Unknown type ${text} for property \`${name}\` of model \`${model}\`${typeof type === 'string' ? didYouMean(type, MODEL_TYPE_NAMES) : ''}`,
      { model, property: name, type: text, expected: MODEL_TYPE_NAMES.join(', ') },
    );
  };
  const resolved = resolve(definition.type) ?? fail(definition.type);
  const property: ResolvedProperty = { name, typeName: resolved.typeName, type: resolved.type, definition };
  if (resolved.typeName === 'Array') {
    let itemTypeName: ModelTypeName = resolved.itemTypeName ?? 'Any';
    if (definition.itemType !== undefined)
      itemTypeName = (resolve(definition.itemType) ?? fail(definition.itemType)).typeName;
    property.itemTypeName = itemTypeName;
  }
  return property;
}

function typeToJSON(type: unknown): unknown {
  if (Array.isArray(type)) return type.map(typeToJSON);
  if (typeof type === 'function') {
    const modelName = (type as { modelName?: unknown }).modelName;
    return typeNameOf(type) ?? (typeof modelName === 'string' ? modelName : type.name);
  }
  return type;
}

/**
 * A JSON-safe copy of a definition value: RegExps become their source, functions their model
 * name (or are dropped), plain objects and arrays are copied, undefined members dropped. Written
 * with plain loops: `toJSON` runs it over every property of every model at startup.
 */
function jsonSafe(value: unknown): unknown {
  if (typeof value === 'function') {
    const modelName = (value as { modelName?: unknown }).modelName;
    return typeof modelName === 'string' ? modelName : undefined;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index += 1) out[index] = jsonSafe(value[index]);
    return out;
  }
  if (value instanceof RegExp) return value.source;
  if (!isPlainObject(value)) return value;
  return copyMembers(value, NO_KEYS);
}

const NO_KEYS: ReadonlySet<string> = new Set();
const PROPERTY_KEYS_SET_APART: ReadonlySet<string> = new Set(['default']);
const BASE_KEY: ReadonlySet<string> = new Set(['base']);

/** `jsonSafe` of each member of `object`, members in `skip` left out. */
function copyMembers(object: Record<string, unknown>, skip: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (skip.has(key)) continue;
    const safe = jsonSafe(object[key]);
    if (safe !== undefined) out[key] = safe;
  }
  return out;
}

/** `ModelClass.definition`: see ModelRuntimeDefinition in model-types.ts. */
export class RuntimeModelDefinition implements ModelRuntimeDefinition {
  readonly name: string;
  settings: ModelSettings;
  properties: Record<string, ResolvedProperty> = {};
  relations: Record<string, RelationDefinition>;
  private readonly resolve: TypeResolver;
  private ids: string[] | undefined;

  constructor(
    name: string,
    settings: ModelSettings,
    properties: Record<string, unknown>,
    resolve: TypeResolver,
  ) {
    this.name = name;
    this.resolve = resolve;
    this.relations = copyToNameTable(settings.relations);
    this.settings = { ...settings, relations: this.relations };
    const keys = Object.keys(properties);
    const definitions: PropertyDefinition[] = new Array(keys.length);
    let hasId = false;
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      const definition = normalizePropertyInput(name, key, properties[key]);
      if (definition.id) hasId = true;
      definitions[index] = definition;
    }
    if (this.settings.idInjection !== false && !hasId) {
      const existing = definitions[keys.indexOf('id')];
      if (existing) existing.id = true;
      else this.defineProperty('id', { type: 'Number', id: true, generated: true });
    }
    for (let index = 0; index < keys.length; index += 1) {
      this.addProperty(keys[index] as string, definitions[index] as PropertyDefinition);
    }
  }

  /** Adds or replaces a property; returns its resolved form. */
  defineProperty(name: string, input: unknown): ResolvedProperty {
    return this.addProperty(name, normalizePropertyInput(this.name, name, input));
  }

  /** Adds or replaces a property already in the long form (a copy this definition owns). */
  private addProperty(name: string, definition: PropertyDefinition): ResolvedProperty {
    const resolved = resolveProperty(this.name, name, definition, this.resolve);
    this.properties[name] = resolved;
    this.ids = undefined;
    return resolved;
  }

  /** Id property names in id order (model-facts.ts; computed once per set of properties, callers get a copy). */
  idNames(): string[] {
    this.ids ??= idNamesOf(this.properties, (property) => property.definition);
    return [...this.ids];
  }

  /** The first id property name (LoopBack's `idName()`). */
  idName(): string | undefined {
    return this.idNames()[0];
  }

  /** Names hidden from `toJSON()`: `settings.hidden` plus properties declared `hidden: true`. */
  hiddenProperties(): string[] {
    const hidden = new Set(Array.isArray(this.settings.hidden) ? (this.settings.hidden as string[]) : []);
    for (const property of Object.values(this.properties))
      if (property.definition.hidden) hidden.add(property.name);
    return [...hidden];
  }

  /** The raw (long-form) property definitions, in order. */
  rawProperties(): Record<string, PropertyDefinition> {
    return Object.fromEntries(
      Object.entries(this.properties).map(([key, value]) => [key, { ...value.definition }]),
    );
  }

  toJSON(): ModelDefinition {
    const properties: Record<string, PropertyDefinition> = {};
    for (const [key, property] of Object.entries(this.properties)) {
      const definition = copyMembers(
        property.definition as Record<string, unknown>,
        PROPERTY_KEYS_SET_APART,
      ) as unknown as PropertyDefinition;
      definition.type = typeToJSON(property.definition.type) as PropertyType;
      if (property.definition.itemType !== undefined) {
        definition.itemType = typeToJSON(property.definition.itemType) as PropertyType;
      }
      const fallback = property.definition.default;
      if (fallback !== undefined && typeof fallback !== 'function') definition.default = jsonSafe(fallback);
      properties[key] = definition;
    }
    const options = copyMembers(this.settings, BASE_KEY) as ModelSettings;
    if (Object.keys(this.relations).length === 0) delete options.relations;
    const json: ModelDefinition = { name: this.name, options, properties };
    const base = jsonSafe(this.settings.base);
    if (typeof base === 'string') json.base = base;
    return json;
  }
}
