/**
 * Values that can be cache keys by identity: plain data (primitives, plain objects, arrays) frozen
 * all the way down, so nothing can change them after a cache saw them. The GraphQL layer freezes
 * the filters and join specs it reuses across requests; the DAO and the SQL connectors then
 * normalize and compile each of them once instead of once per call.
 */
import { deepFreeze } from '../deep-freeze.js';

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Whether a value is made only of primitives and frozen plain objects and arrays (nothing can change it). */
export function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (!Object.isFrozen(value) || !isPlainContainer(value)) return false;
  return Object.values(value).every(isDeepFrozen);
}

function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  return isPlainContainer(value) && Object.values(value).every(isPlainData);
}

/**
 * Deep-freezes `value` when it is plain data (a Date, Buffer or class instance inside leaves it
 * untouched: freezing those would change how they behave); returns whether it is now deeply frozen.
 */
export function freezePlainData(value: unknown): boolean {
  if (!isPlainData(value)) return false;
  deepFreeze(value);
  return true;
}
