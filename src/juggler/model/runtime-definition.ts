/**
 * The runtime form of a model definition (`ModelClass.definition`): properties with resolved
 * types, settings, raw relations, id names, and the way back to LoopBack JSON.
 */
import type { ModelTypeName } from '../../connectors/connector.js';
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
import { MODEL_TYPE_NAMES, type ResolvedType, typeNameOf } from '../types/type-registry.js';

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

function jsonSafe(value: unknown): unknown {
  if (value instanceof RegExp) return value.source;
  if (typeof value === 'function') {
    const modelName = (value as { modelName?: unknown }).modelName;
    return typeof modelName === 'string' ? modelName : undefined;
  }
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safe = jsonSafe(item);
      if (safe !== undefined) out[key] = safe;
    }
    return out;
  }
  return value;
}

/** `ModelClass.definition`: see ModelRuntimeDefinition in model-types.ts. */
export class RuntimeModelDefinition implements ModelRuntimeDefinition {
  readonly name: string;
  settings: ModelSettings;
  properties: Record<string, ResolvedProperty> = {};
  relations: Record<string, RelationDefinition>;
  private readonly resolve: TypeResolver;

  constructor(
    name: string,
    settings: ModelSettings,
    properties: Record<string, unknown>,
    resolve: TypeResolver,
  ) {
    this.name = name;
    this.resolve = resolve;
    this.relations = { ...(settings.relations ?? {}) };
    this.settings = { ...settings, relations: this.relations };
    const normalized = Object.entries(properties).map(
      ([key, input]) => [key, normalizePropertyInput(name, key, input)] as const,
    );
    const hasId = normalized.some(([, definition]) => Boolean(definition.id));
    if (this.settings.idInjection !== false && !hasId) {
      const existing = normalized.find(([key]) => key === 'id');
      if (existing) existing[1].id = true;
      else this.defineProperty('id', { type: 'Number', id: true, generated: true });
    }
    for (const [key, definition] of normalized) this.defineProperty(key, definition);
  }

  /** Adds or replaces a property; returns its resolved form. */
  defineProperty(name: string, input: unknown): ResolvedProperty {
    const definition = normalizePropertyInput(this.name, name, input);
    const resolved = resolveProperty(this.name, name, definition, this.resolve);
    this.properties[name] = resolved;
    return resolved;
  }

  idNames(): string[] {
    return Object.values(this.properties)
      .filter((property) => Boolean(property.definition.id))
      .map((property) => ({
        name: property.name,
        position: typeof property.definition.id === 'number' ? property.definition.id : 1,
      }))
      .sort((left, right) => left.position - right.position)
      .map((entry) => entry.name);
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
      const definition = jsonSafe({ ...property.definition, default: undefined }) as PropertyDefinition;
      definition.type = typeToJSON(property.definition.type) as PropertyType;
      if (property.definition.itemType !== undefined) {
        definition.itemType = typeToJSON(property.definition.itemType) as PropertyType;
      }
      const fallback = property.definition.default;
      if (fallback !== undefined && typeof fallback !== 'function') definition.default = jsonSafe(fallback);
      properties[key] = definition;
    }
    const options = jsonSafe({ ...this.settings, base: undefined }) as ModelSettings;
    if (Object.keys(this.relations).length === 0) delete options.relations;
    const json: ModelDefinition = { name: this.name, options, properties };
    const base = jsonSafe(this.settings.base);
    if (typeof base === 'string') json.base = base;
    return json;
  }
}
