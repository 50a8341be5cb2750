/**
 * The juggler's schema types: LoopBack's `Types` (Text, JSON, Any), GeoPoint, the exact numeric
 * types (Decimal, BigInt), the exact date types (DateString, DateTime, LocalDateTime), with the registry and the coercion the model uses.
 */
import { DateString } from './date-string.js';
import { DateTime, LocalDateTime } from './date-time.js';
import { BigIntType, Decimal } from './decimal.js';
import { GeoPoint } from './geo-point.js';
import { AnyType, JsonType, Text } from './marker-types.js';

export { checkValue, coerceValue } from './coerce.js';
export { DateString, tryParseDateString } from './date-string.js';
export { DateTime, LocalDateTime } from './date-time.js';
export {
  canonicalDate,
  canonicalInstant,
  canonicalLocalDateTime,
  compareDateTimeTexts,
  type DateTimeKind,
} from './date-time-text.js';
export { BigIntType, Decimal, roundDecimal, tryParseBigInt, tryParseDecimal } from './decimal.js';
export { type DistanceOptions, type DistanceUnit, GeoPoint, type GeoPointInput } from './geo-point.js';
export {
  exactJsonOf,
  isJsonNumber,
  JsonNumber,
  jsonNumberOf,
  jsonNumbersWritten,
  mayHoldInexactNumbers,
  pairExactNumbers,
  parseJsonExactly,
  reviveJsonNumbers,
  stringifyExactly,
  writeJsonNumbers,
} from './json-number.js';
export { AnyType, JsonType, Text } from './marker-types.js';
export {
  MODEL_TYPE_NAMES,
  type ResolvedType,
  registerType,
  resolveType,
  resolveTypeReference,
  typeConstructor,
  typeNameOf,
} from './type-registry.js';

/**
 * LoopBack's `Types` namespace: the constructors usable in definitions besides the JS built-ins.
 *
 * @example
 * builder.define('Post', {body: Types.Text, meta: Types.JSON, price: Types.Decimal});
 */
export const Types = {
  Text,
  JSON: JsonType,
  Any: AnyType,
  GeoPoint,
  Decimal,
  BigInt: BigIntType,
  DateString,
  DateTime,
  LocalDateTime,
} as const;
