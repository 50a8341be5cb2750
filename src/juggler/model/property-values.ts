/**
 * Values of model properties: coercion through a property's type (embedded models included),
 * and the copy/compare used by dirty tracking (`propertyChanged`, `reset`).
 */
import type { ResolvedProperty } from '../model-types.js';
import { coerceValue } from '../types/coerce.js';
import { GeoPoint } from '../types/geo-point.js';

/** Whether a function is a model class (has a runtime definition), without importing model.ts. */
export function isModelClass(value: unknown): value is new (data: Record<string, unknown>) => object {
  return typeof value === 'function' && 'definition' in value && 'modelName' in value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Coerces a value assigned to a property (see coerceValue); a plain object for an embedded model becomes an instance. */
export function coerceProperty(property: ResolvedProperty, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const type = property.type;
  if (isModelClass(type)) {
    if (value instanceof type) return value;
    return isPlainObject(value) ? new type(value) : value;
  }
  return coerceValue(value, property.typeName, property.itemTypeName);
}

/** A copy deep enough that later in-place changes (a pushed array item, a setHours) do not reach it. */
export function cloneValue(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof GeoPoint) return new GeoPoint(value);
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneValue(item);
    return copy;
  }
  return value;
}

/** Value equality for dirty tracking: Dates by time, Buffers by bytes, GeoPoints by coordinates, arrays and plain objects deeply. */
export function sameValue(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (left instanceof Date && right instanceof Date) return Object.is(left.getTime(), right.getTime());
  if (Buffer.isBuffer(left) && Buffer.isBuffer(right)) return left.equals(right);
  if (left instanceof GeoPoint && right instanceof GeoPoint)
    return left.lat === right.lat && left.lng === right.lng;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]))
    );
  }
  return false;
}

/** A copy of a `__data` record (see cloneValue). */
export function cloneData(data: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) copy[key] = cloneValue(value);
  return copy;
}
