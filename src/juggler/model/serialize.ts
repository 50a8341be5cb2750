/**
 * `toObject(onlySchema)` and `toJSON()`: an instance as a canonical plain object. Defined
 * properties come first, in definition order; unset (undefined) values are left out. Values keep
 * their juggler representation (Dates stay Dates, GeoPoints stay GeoPoints, Decimals are strings);
 * embedded model instances and included relations are converted recursively.
 */
import type { InstanceInternals } from './instance-data.js';
import type { RuntimeModelDefinition } from './runtime-definition.js';

/** What to include. */
export interface SerializeOptions {
  /** Only the defined properties (unless the model is `strict: false`), no extras, no included relations. */
  onlySchema: boolean;
  /** Leave out `hidden` properties (toJSON). */
  removeHidden: boolean;
}

function toPlain(value: unknown, options: SerializeOptions): unknown {
  if (Array.isArray(value)) return value.map((item) => toPlain(item, options));
  if (value !== null && typeof value === 'object') {
    const nested = value as { toObject?: unknown; toJSON?: unknown; __data?: unknown };
    if (nested.__data !== undefined) {
      if (options.removeHidden && typeof nested.toJSON === 'function') return nested.toJSON();
      if (typeof nested.toObject === 'function')
        return (nested.toObject as (onlySchema: boolean) => unknown)(options.onlySchema);
    }
  }
  return value;
}

/** Serializes an instance (see SerializeOptions). */
export function serializeInstance(
  instance: InstanceInternals,
  options: SerializeOptions,
): Record<string, unknown> {
  const definition = (instance.constructor as unknown as { definition: RuntimeModelDefinition }).definition;
  const hidden = new Set(options.removeHidden ? definition.hiddenProperties() : []);
  const data: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    if (value === undefined || typeof value === 'function' || hidden.has(key) || Object.hasOwn(data, key))
      return;
    data[key] = toPlain(value, options);
  };
  for (const name of Object.keys(definition.properties)) put(name, instance.__data[name]);
  if (!options.onlySchema || instance.__strict === false) {
    for (const [key, value] of Object.entries(instance.__data)) put(key, value);
    for (const key of Object.keys(instance)) put(key, instance[key]);
  }
  if (!options.onlySchema) {
    for (const [name, related] of Object.entries(instance.__cachedRelations)) put(name, related);
  }
  return data;
}
