/**
 * The naming every SQL connector reads from its blocks of a model definition, as LoopBack's SQL
 * connectors do: `<connector>: {schema, table}` in the model settings, `<connector>: {columnName}`
 * in a property.
 */
import type { ConnectorNaming } from '../../juggler/connector/connector-naming.js';

/**
 * The SQL naming with the dialect's default names for models and properties without a block.
 *
 * @example
 * sqlNaming((name) => name.toLowerCase()).defaultTableName('InvoiceLine'); // 'invoiceline'
 */
export function sqlNaming(defaultName: (name: string) => string): ConnectorNaming {
  return Object.freeze({
    tableFields: Object.freeze(['table']),
    schemaField: 'schema',
    columnFields: Object.freeze(['columnName']),
    defaultTableName: defaultName,
    defaultColumnName: defaultName,
  });
}
