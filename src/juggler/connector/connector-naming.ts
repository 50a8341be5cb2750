/**
 * How a connector names what a model stores. A model definition carries one block per connector,
 * keyed by the connector's name (`settings.postgresql`, `property.postgresql`); which fields of that
 * block name the table and the column is the connector's own vocabulary, declared here and read by
 * `resolveConnectorModel`.
 */

/**
 * A connector's naming: the fields of its own blocks that name the table (or collection), the
 * schema and the column (or document field), and the names used when a block names none.
 *
 * @example
 * // A SQL connector reads `postgresql: {schema: 'public', table: 'invoice_line'}` and
 * // `unitPrice: {postgresql: {columnName: 'unit_price'}}`:
 * {tableFields: ['table'], schemaField: 'schema', columnFields: ['columnName'], defaultTableName, defaultColumnName}
 * // A document store reads `mongodb: {collection: 'people'}` and `fullName: {mongodb: {fieldName: 'full_name'}}`:
 * {tableFields: ['collection'], columnFields: ['fieldName'], defaultTableName, defaultColumnName}
 */
export interface ConnectorNaming {
  /** Fields of the model block naming the table or collection; the first one holding a string wins. */
  readonly tableFields: readonly string[];
  /** The field of the model block naming the schema (or database); none for a database without schemas. */
  readonly schemaField?: string;
  /** Fields of a property block naming the column or document field; the first one holding a string wins. */
  readonly columnFields: readonly string[];
  /** Table name used when the model block names none (`Track` → `track` for PostgreSQL). */
  defaultTableName(modelName: string): string;
  /** Column name used when the property block names none. */
  defaultColumnName(propertyName: string): string;
}
