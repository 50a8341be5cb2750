/**
 * How data enters an instance: construction (coercion, defaults, the `strict` setting) and
 * `setAttributes`. Unknown properties follow `strict`: false keeps them, 'filter' drops them,
 * 'throw' throws, true (and LoopBack's older 'validate') drops them and reports each as an
 * 'unknown-property' validation error, as LoopBack 3 does.
 */
import { UnknownNameError } from '../errors.js';
import { didYouMean } from '../filter/suggest.js';
import type { ModelSettings } from '../model-definition.js';
import type { BuildOptions, ModelInstance, ResolvedProperty } from '../model-types.js';
import { cloneValue, coerceProperty } from './property-values.js';
import type { RuntimeModelDefinition } from './runtime-definition.js';

/** The bookkeeping a ModelBaseClass instance carries (non-enumerable own properties). */
export interface InstanceInternals extends ModelInstance {
  __strict: ModelSettings['strict'];
  __unknownProperties: string[];
  __dataWas: Record<string, unknown>;
  __cachedRelations: Record<string, unknown>;
}

/** Where an assignment comes from: construction, a database row, or `setAttributes`. */
export type AssignMode = 'build' | 'load' | 'set';

interface ModelClassLike {
  modelName: string;
  definition: RuntimeModelDefinition;
  relations?: Record<string, unknown>;
}

function modelOf(instance: ModelInstance): ModelClassLike {
  return instance.constructor as unknown as ModelClassLike;
}

/** A property default: a value (copied per instance), a function's result, `Date`/'$now' for now. */
export function defaultValue(property: ResolvedProperty): unknown {
  const fallback = property.definition.default;
  if (fallback === undefined) return undefined;
  if (typeof fallback === 'function') return fallback === Date ? new Date() : fallback();
  if (property.typeName === 'Date' && fallback === '$now') return new Date();
  return cloneValue(fallback);
}

/** Keeps an unknown property (strict: false): in `__data`, readable and writable on the instance. */
function keepExtra(instance: InstanceInternals, key: string, value: unknown): void {
  instance.__data[key] = value;
  if (Object.hasOwn(instance, key) || key in instance) return;
  Object.defineProperty(instance, key, {
    get: () => instance.__data[key],
    set: (next: unknown) => {
      instance.__data[key] = next;
    },
    enumerable: true,
    configurable: true,
  });
}

function isRelationName(Model: ModelClassLike, key: string): boolean {
  return (
    Object.hasOwn(Model.definition.relations, key) ||
    (Model.relations !== undefined && Object.hasOwn(Model.relations, key))
  );
}

/** Assigns one attribute through the property's coercion, or applies `strict` to an unknown one. */
export function assignAttribute(
  instance: InstanceInternals,
  key: string,
  value: unknown,
  mode: AssignMode,
): void {
  if (key === '__proto__') return;
  const Model = modelOf(instance);
  const property = Model.definition.properties[key];
  if (property) {
    instance.__data[key] = coerceProperty(property, value);
    return;
  }
  if (isRelationName(Model, key)) {
    instance.__cachedRelations[key] = value;
    return;
  }
  const strict = instance.__strict ?? false;
  if (strict === false) {
    keepExtra(instance, key, value);
    return;
  }
  if (mode === 'load' || strict === 'filter') return;
  if (strict === 'throw') {
    throw new UnknownNameError(
      'UNKNOWN_PROPERTY',
      `Unknown property \`${key}\` of model \`${Model.modelName}\`${didYouMean(key, Object.keys(Model.definition.properties))}`,
      { model: Model.modelName, property: key },
    );
  }
  if (!instance.__unknownProperties.includes(key)) instance.__unknownProperties.push(key);
}

/** Fills a new instance from `data` (coerced), then applies defaults unless the data is persisted. */
export function initInstanceData(
  instance: InstanceInternals,
  data: Record<string, unknown>,
  options: BuildOptions,
): void {
  const persisted = options.persisted === true;
  for (const [key, value] of Object.entries(data))
    assignAttribute(instance, key, value, persisted ? 'load' : 'build');
  if (persisted || options.applyDefaultValues === false) return;
  for (const property of Object.values(modelOf(instance).definition.properties)) {
    if (instance.__data[property.name] !== undefined) continue;
    const value = defaultValue(property);
    if (value !== undefined) instance.__data[property.name] = coerceProperty(property, value);
  }
}
