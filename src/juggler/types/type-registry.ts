/**
 * The type registry: every way a definition can name a type (`String`, `'string'`, `'Text'`,
 * `Types.JSON`, `[String]`...) resolved to one canonical `ModelTypeName` and its constructor.
 * Names are case-insensitive, as in LoopBack's `ModelBuilder.schemaTypes`.
 */
import type { ModelTypeName } from '../connector/model-type-name.js';
import type { PropertyType } from '../model-definition.js';
import { DateString } from './date-string.js';
import { DateTime, LocalDateTime } from './date-time.js';
import { BigIntType, Decimal } from './decimal.js';
import { GeoPoint } from './geo-point.js';
import { AnyType, JsonType, Text } from './marker-types.js';

/** Every canonical type name, in the order of connector/model-type-name.ts. */
export const MODEL_TYPE_NAMES: readonly ModelTypeName[] = [
  'String',
  'Text',
  'Number',
  'BigInt',
  'Decimal',
  'Boolean',
  'Date',
  'DateTime',
  'LocalDateTime',
  'DateString',
  'Buffer',
  'Array',
  'Object',
  'JSON',
  'Any',
  'GeoPoint',
];

/** A type reference resolved to its canonical name and constructor. */
export interface ResolvedType {
  typeName: ModelTypeName;
  /** The constructor that names the type (`String`, `Decimal`, `GeoPoint`, `Array` for arrays...). */
  type: Function;
  /** For arrays: the element type. */
  itemTypeName?: ModelTypeName;
  /** For arrays: the element constructor. */
  itemType?: Function;
}

const constructorsByName = new Map<ModelTypeName, Function>();
const namesByLowerCase = new Map<string, ModelTypeName>();
const namesByConstructor = new Map<Function, ModelTypeName>();

/**
 * Registers a constructor (and extra case-insensitive aliases) for a canonical type. The first
 * constructor registered for a name is the one `resolveType` returns.
 */
export function registerType(typeName: ModelTypeName, type: Function, aliases: readonly string[] = []): void {
  if (!constructorsByName.has(typeName)) constructorsByName.set(typeName, type);
  namesByConstructor.set(type, typeName);
  for (const alias of [typeName, ...aliases]) namesByLowerCase.set(alias.toLowerCase(), typeName);
}

registerType('String', String);
registerType('Text', Text);
registerType('Number', Number);
registerType('BigInt', BigIntType);
registerType('BigInt', BigInt);
registerType('Decimal', Decimal);
registerType('Boolean', Boolean);
registerType('Date', Date);
registerType('DateTime', DateTime);
registerType('LocalDateTime', LocalDateTime);
registerType('DateString', DateString);
registerType('Buffer', Buffer);
registerType('Array', Array);
registerType('Object', Object);
registerType('JSON', JsonType);
registerType('Any', AnyType);
registerType('GeoPoint', GeoPoint);

/** The constructor of a canonical type name. */
export function typeConstructor(typeName: ModelTypeName): Function {
  const type = constructorsByName.get(typeName);
  if (!type) throw new Error(`No constructor registered for type ${typeName}`);
  return type;
}

/** The canonical name of a registered constructor or a case-insensitive type name, or undefined. */
export function typeNameOf(type: Function | string): ModelTypeName | undefined {
  return typeof type === 'string'
    ? namesByLowerCase.get(type.trim().toLowerCase())
    : namesByConstructor.get(type);
}

/**
 * Resolves a built-in type reference to its canonical name and constructor; undefined when the
 * reference names no built-in type (a model name, say). `[]` is an array of Any.
 *
 * @example
 * resolveTypeReference('number') // {typeName: 'Number', type: Number}
 * resolveTypeReference(['string']) // {typeName: 'Array', type: Array, itemTypeName: 'String', itemType: String}
 */
export function resolveTypeReference(type: PropertyType | undefined): ResolvedType | undefined {
  if (type === undefined || type === null) return undefined;
  if (Array.isArray(type)) {
    const [item] = type;
    const itemResolved = item === undefined ? resolveTypeReference('Any') : resolveTypeReference(item);
    if (!itemResolved) return undefined;
    return {
      typeName: 'Array',
      type: Array,
      itemTypeName: itemResolved.typeName,
      itemType: itemResolved.type,
    };
  }
  if (typeof type !== 'string' && typeof type !== 'function') return undefined;
  const typeName = typeNameOf(type);
  if (typeName === undefined) return undefined;
  const resolved: ResolvedType = { typeName, type: typeConstructor(typeName) };
  if (typeName === 'Array') {
    resolved.itemTypeName = 'Any';
    resolved.itemType = typeConstructor('Any');
  }
  return resolved;
}

/**
 * LoopBack's `resolveType`: the constructor a type name or reference stands for, `[T]` for
 * arrays, undefined when it names no built-in type.
 *
 * @example
 * resolveType('NUMBER') === Number; resolveType('text') === Types.Text; resolveType(['string']) // [String]
 */
export function resolveType(type: PropertyType | undefined): Function | Function[] | undefined {
  if (Array.isArray(type) && type.length > 0) {
    const item = resolveType(type[0]);
    return typeof item === 'function' ? [item] : undefined;
  }
  return resolveTypeReference(type)?.type;
}
