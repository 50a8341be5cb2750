/**
 * A sampled field's BSON type (`PropertyRow.dataType`) → its model type. Exact types stay exact:
 * `long` is BigInt and `decimal` Decimal (decimal strings, as int8 and numeric on SQL), an ObjectId
 * or a UUID is a String whose `mongodb.dataType` block tells the connector to store it as BSON
 * again. An embedded document is an Object; a field of mixed types is JSON.
 */
import type { DiscoveredPropertyType } from '../../juggler/connector/connector.js';
import type { ModelTypeName } from '../../juggler/connector/model-type-name.js';
import type { PropertyRow } from '../../juggler/discovery/discovery-types.js';
import { arrayElementDataType } from './mongodb-values.js';

const SCALAR_TYPES: Readonly<Record<string, ModelTypeName>> = {
  objectId: 'String',
  uuid: 'String',
  string: 'String',
  int: 'Number',
  double: 'Number',
  long: 'BigInt',
  decimal: 'Decimal',
  bool: 'Boolean',
  date: 'Date',
  binData: 'Buffer',
  object: 'Object',
  mixed: 'JSON',
  null: 'JSON',
};

/**
 * The model type of a sampled field.
 *
 * @example
 * mapMongoPropertyType({dataType: 'objectId[]', ...}) // {type: 'Array', itemType: 'String'}
 * mapMongoPropertyType({dataType: 'int', ...}) // {type: 'Number', integer: {bits: 32, signed: true}}
 */
export function mapMongoPropertyType(column: PropertyRow): DiscoveredPropertyType {
  const element = arrayElementDataType(column.dataType);
  if (element !== undefined) return { type: 'Array', itemType: SCALAR_TYPES[element] ?? 'JSON' };
  const type = SCALAR_TYPES[column.dataType] ?? 'JSON';
  if (column.dataType === 'int') return { type, integer: { bits: 32, signed: true } };
  return { type };
}
