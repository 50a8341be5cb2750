/**
 * Values between the juggler's representation (see `Row` in juggler/connector/model-type-name.ts)
 * and BSON. Which BSON type a property holds comes from its `dataType` (the `mongodb` block that
 * discovery writes: `objectId`, `long`, `decimal`, `uuid`, `objectId[]` ...), else from its model
 * type: BigInt → Long and Decimal → Decimal128 (exact, never a double), Buffer → Binary, Date → Date.
 * Reading turns every BSON value back: ObjectId and UUID → their string, Long and Decimal128 →
 * exact decimal strings, Binary → Buffer; inside Object/JSON values, to plain JSON.
 */
import { Binary, Decimal128, Long, ObjectId, UUID } from 'mongodb';
import type { ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { ModelTypeName } from '../../juggler/connector/model-type-name.js';
import { isJsonNumber } from '../../juggler/types/json-number.js';

/** The BSON type names of the `mongodb` column block (`dataType`), as discovery writes them. */
export type MongoDataType =
  | 'objectId'
  | 'string'
  | 'int'
  | 'double'
  | 'long'
  | 'decimal'
  | 'bool'
  | 'date'
  | 'binData'
  | 'uuid'
  | 'object'
  | 'array'
  | 'null'
  | 'mixed';

/** The element data type of an array data type (`objectId[]` → `objectId`), or undefined. */
export function arrayElementDataType(dataType: string | undefined): string | undefined {
  return dataType?.endsWith('[]') ? dataType.slice(0, -2) : undefined;
}

/** What a property's value converts by: its data type (or its array elements'), and its model type. */
interface ValueKind {
  type: ModelTypeName | undefined;
  dataType: string | undefined;
  /** A Decimal's declared scale: shorter fractions are written with it, as `numeric(p, s)` stores them. */
  scale?: number | null | undefined;
}

/**
 * A decimal text with at least `scale` fraction digits (`'2'` → `'2.00'` at scale 2); longer ones
 * are kept, never rounded.
 */
function withScale(text: string, scale: number | null | undefined): string {
  if (!scale || !/^-?\d+(\.\d*)?$/.test(text)) return text;
  const [whole, fraction = ''] = text.split('.');
  return fraction.length >= scale ? text : `${whole}.${fraction.padEnd(scale, '0')}`;
}

/**
 * A Decimal128's text in plain notation, as SQL's numeric is read: the driver writes very small and
 * very large values in scientific notation (`-1E-9`, `1.2E+3`).
 *
 * @example
 * plainDecimal('-1E-9') // '-0.000000001'
 */
export function plainDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?E([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  let plain: string;
  if (point <= 0) plain = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) plain = digits + '0'.repeat(point - digits.length);
  else plain = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + plain.replace(/^0+(?=\d)/, '');
}

function scalarToBson(value: unknown, kind: ValueKind): unknown {
  if (value === null || value === undefined) return value;
  switch (kind.dataType) {
    case 'objectId':
      return typeof value === 'string' && ObjectId.isValid(value) && value.length === 24
        ? new ObjectId(value)
        : value;
    case 'uuid':
      return typeof value === 'string' && UUID.isValid(value) ? new UUID(value) : value;
    default:
      break;
  }
  switch (kind.type) {
    case 'BigInt':
      return typeof value === 'string' || typeof value === 'bigint' || typeof value === 'number'
        ? Long.fromString(String(value))
        : value;
    case 'Decimal':
      return typeof value === 'string' || typeof value === 'number'
        ? Decimal128.fromString(withScale(String(value), kind.scale))
        : value;
    case 'Buffer':
      return Buffer.isBuffer(value) ? new Binary(value) : value;
    case 'JSON':
    case 'Object':
    case 'Any':
      return exactNumbersToBson(value);
    default:
      return value;
  }
}

/**
 * A JSON value with its exact numbers (juggler/types/json-number.ts: integers past 2^53, long
 * decimals) as BSON numbers that hold them: Long when it fits 64 bits, Decimal128 otherwise.
 */
function exactNumbersToBson(value: unknown): unknown {
  if (isJsonNumber(value)) {
    const text = value.value;
    if (/^-?\d+$/.test(text) && BigInt.asIntN(64, BigInt(text)) === BigInt(text))
      return Long.fromString(text);
    try {
      return Decimal128.fromString(text);
    } catch {
      // More than Decimal128's 34 digits: the nearest double, as before exact numbers were kept.
      return Number(text);
    }
  }
  if (Array.isArray(value)) return value.map(exactNumbersToBson);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, exactNumbersToBson(item)]));
}

/**
 * A juggler value of `property` as BSON, for documents and query values.
 *
 * @example
 * toBson({type: 'String', dataType: 'objectId', ...}, '65f0c0ffee00000000000001') // ObjectId('65f0…')
 * toBson({type: 'Decimal', ...}, '0.99') // Decimal128('0.99')
 */
export function toBson(
  property: Pick<ConnectorProperty, 'type' | 'itemType' | 'dataType' | 'embedded' | 'scale'>,
  value: unknown,
): unknown {
  if (property.embedded) return embeddedToBson(property.embedded, value);
  if (Array.isArray(value) && property.type === 'Array') {
    const kind = { type: property.itemType, dataType: arrayElementDataType(property.dataType) };
    return value.map((item) => scalarToBson(item, kind));
  }
  return scalarToBson(value, { type: property.type, dataType: property.dataType, scale: property.scale });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Embedded documents (one, or an array of them) as BSON: the fields their embedded model type
 * describes converted by it (an ObjectId text to ObjectId, a decimal to Decimal128), others kept.
 */
function embeddedToBson(embedded: ReadonlyMap<string, ConnectorProperty>, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => embeddedToBson(embedded, item));
  if (!isPlainObject(value)) return value;
  const document: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = embedded.get(key);
    document[property ? property.column : key] = property ? toBson(property, item) : item;
  }
  return document;
}

/** Embedded documents read back: described fields by their types (a missing one as null), others as JSON. */
function embeddedFromBson(embedded: ReadonlyMap<string, ConnectorProperty>, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => embeddedFromBson(embedded, item));
  if (typeof value !== 'object' || bsonTypeOf(value) !== undefined || value instanceof Date)
    return bsonToJson(value);
  const document = value as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  const described = new Set<string>();
  for (const property of embedded.values()) {
    described.add(property.column);
    row[property.name] = fromBson(property, document[property.column]);
  }
  for (const [key, item] of Object.entries(document)) if (!described.has(key)) row[key] = bsonToJson(item);
  return row;
}

/** Whether a value is a BSON object of the given `_bsontype`. */
function bsonTypeOf(value: object): string | undefined {
  const type = (value as { _bsontype?: unknown })._bsontype;
  return typeof type === 'string' ? type : undefined;
}

/** A BSON value as plain JSON (inside Object/JSON properties: embedded documents). */
export function bsonToJson(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(bsonToJson);
  switch (bsonTypeOf(value)) {
    case 'ObjectId':
    case 'ObjectID':
      return (value as ObjectId).toHexString();
    case 'Binary':
      return (value as Binary).sub_type === Binary.SUBTYPE_UUID
        ? (value as Binary).toUUID().toString()
        : Buffer.from((value as Binary).buffer).toString('base64');
    case 'Long':
    case 'Decimal128':
    case 'Int32':
    case 'Double':
      return bsonScalar(value);
    default:
      break;
  }
  const json: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) json[key] = bsonToJson(item);
  return json;
}

/** Long, Decimal128, Int32, Double as the juggler's scalars (exact decimal strings for the first two). */
function bsonScalar(value: object): unknown {
  switch (bsonTypeOf(value)) {
    case 'Long':
      return value.toString();
    case 'Decimal128':
      return plainDecimal(value.toString());
    case 'Int32':
    case 'Double':
      return (value as { valueOf(): number }).valueOf();
    default:
      return value;
  }
}

function scalarFromBson(value: unknown, type: ModelTypeName | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') {
    if (type === 'BigInt' || type === 'Decimal') return String(value);
    return value;
  }
  if (value instanceof Date) return type === 'String' ? value.toISOString() : value;
  switch (bsonTypeOf(value)) {
    case 'ObjectId':
    case 'ObjectID':
      return (value as ObjectId).toHexString();
    case 'Binary':
      if ((value as Binary).sub_type === Binary.SUBTYPE_UUID) return (value as Binary).toUUID().toString();
      return Buffer.from((value as Binary).buffer);
    case 'Long':
    case 'Decimal128': {
      const text = plainDecimal(value.toString());
      return type === 'Number' ? Number(text) : text;
    }
    case 'Int32':
    case 'Double':
      return bsonScalar(value);
    default:
      return bsonToJson(value);
  }
}

/**
 * A stored BSON value of `property` in the juggler's representation.
 *
 * @example
 * fromBson({type: 'BigInt', ...}, Long.fromString('9007199254740993')) // '9007199254740993'
 */
export function fromBson(
  property: Pick<ConnectorProperty, 'type' | 'itemType' | 'embedded'>,
  value: unknown,
): unknown {
  if (property.embedded) return embeddedFromBson(property.embedded, value);
  if (property.type === 'Array' && Array.isArray(value)) {
    return value.map((item) => scalarFromBson(item, property.itemType));
  }
  if (property.type === 'Object' || property.type === 'JSON' || property.type === 'Any') {
    return value === undefined ? null : bsonToJson(value);
  }
  return scalarFromBson(value, property.type);
}
