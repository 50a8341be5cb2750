/**
 * The integer width of a numeric property: a fact discovery records in the model definition, so
 * that no layer has to guess it from SQL type names (whether a `Number` is a GraphQL `Int` or a
 * `Float` is decided from it alone).
 *
 * It is kept in Discograph's own block of the property, which LoopBack and its connectors ignore:
 *
 *     "trackId": {"type": "Number", ..., "discograph": {"integer": {"bits": 32, "signed": true}}}
 *
 * meaning: every value is a whole number that fits a `signed` (or unsigned) integer of `bits`
 * bits, the narrowest standard width holding every value of the column (`smallint` 16, `integer`
 * 32, MySQL's `mediumint unsigned` 24 unsigned, `year` 16 unsigned). LoopBack's own column fields
 * cannot say it: `dataPrecision` counts bits for PostgreSQL's integers but decimal digits for
 * MySQL's, and neither records whether a MySQL column is unsigned.
 *
 * Without the fact (a hand-written definition, a schema cache written before discovery recorded
 * it), LoopBack's own `precision` and `scale` decide, where they are exact: `scale: 0` with at
 * most 9 digits fits a 32-bit integer. Otherwise a `Number` is not known to be an integer (GraphQL
 * `Float`): run `discograph discover` again to record the widths.
 */
import type { DiscographPropertyFacts, IntegerWidth, PropertyDefinition } from '../model-definition.js';

/** Largest number of decimal digits whose every value fits a signed 32-bit integer (999,999,999). */
const INT32_DIGITS = 9;

function isIntegerWidth(value: unknown): value is IntegerWidth {
  if (value === null || typeof value !== 'object') return false;
  const { bits, signed } = value as Partial<IntegerWidth>;
  return Number.isInteger(bits) && (bits as number) > 0 && typeof signed === 'boolean';
}

/**
 * The integer width discovery recorded on a property, or undefined (none recorded, or a block that
 * is not of the documented shape).
 *
 * @example
 * integerWidthOf({type: 'Number', discograph: {integer: {bits: 16, signed: true}}}) // {bits: 16, signed: true}
 */
export function integerWidthOf(definition: PropertyDefinition): IntegerWidth | undefined {
  const block: unknown = definition.discograph;
  if (block === null || typeof block !== 'object') return undefined;
  const integer = (block as DiscographPropertyFacts).integer;
  return isIntegerWidth(integer) ? integer : undefined;
}

/**
 * Discograph's block recording an integer width, as discovery writes it into a property
 * definition (a new object, keys in a fixed order).
 *
 * @example
 * integerWidthBlock({bits: 32, signed: false}) // {integer: {bits: 32, signed: false}}
 */
export function integerWidthBlock(width: IntegerWidth): DiscographPropertyFacts {
  return { integer: { bits: width.bits, signed: width.signed } };
}

/**
 * Whether every value of the property fits a signed 32-bit integer (GraphQL's `Int`): from the
 * recorded integer width, else from LoopBack's `precision`/`scale` (see the file comment).
 *
 * @example
 * holdsInt32({type: 'Number', discograph: {integer: {bits: 32, signed: true}}}) // true
 * holdsInt32({type: 'Number', discograph: {integer: {bits: 32, signed: false}}}) // false: up to 4,294,967,295
 * holdsInt32({type: 'Number', precision: 9, scale: 0}) // true
 * holdsInt32({type: 'Number', postgresql: {columnName: 'n', dataType: 'integer'}}) // false: no recorded width
 */
export function holdsInt32(definition: PropertyDefinition): boolean {
  const width = integerWidthOf(definition);
  if (width !== undefined) return width.signed ? width.bits <= 32 : width.bits < 32;
  const { precision, scale } = definition;
  return scale === 0 && typeof precision === 'number' && precision <= INT32_DIGITS;
}

/**
 * Whether the property is a whole number known to be wider than a signed 32-bit integer yet exact
 * as a JS number (MySQL's `int unsigned`, PostgreSQL's `oid`: up to 4,294,967,295): GraphQL
 * serves it as `BigInt`, since `Int` stops at 2,147,483,647 and `Float` would not say it is whole.
 *
 * @example
 * holdsWideInteger({type: 'Number', discograph: {integer: {bits: 32, signed: false}}}) // true
 * holdsWideInteger({type: 'Number', discograph: {integer: {bits: 16, signed: false}}}) // false: Int
 */
export function holdsWideInteger(definition: PropertyDefinition): boolean {
  const width = integerWidthOf(definition);
  return width !== undefined && !holdsInt32(definition) && width.bits <= 53;
}
