/**
 * Where a property lives in a document: the single id property is `_id` (as LoopBack's MongoDB
 * connector stores it, whatever the property is called), every other property its field name
 * (`mongodb: {fieldName}`, else the property name). A dotted path (`address.city`) names a field of
 * an embedded document: its first segment is a property, the rest is kept as written.
 */
import type { ConnectorModel, ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { ConnectorNaming } from '../../juggler/connector/connector-naming.js';
import { UnknownNameError } from '../../juggler/errors.js';

/**
 * The MongoDB connector's naming: `mongodb: {collection}` (or `{table}`, as discovery writes SQL-shaped
 * blocks) and `{fieldName}` (or `{columnName}`); without a block, the model and property names.
 */
export const MONGODB_NAMING: ConnectorNaming = Object.freeze({
  tableFields: Object.freeze(['collection', 'table']),
  columnFields: Object.freeze(['fieldName', 'columnName']),
  defaultTableName: (modelName: string) => modelName,
  defaultColumnName: (propertyName: string) => propertyName,
});

/** Whether the model keeps `property` in `_id` (its only id property). */
export function isDocumentId(model: ConnectorModel, property: ConnectorProperty): boolean {
  return model.idProperties.length === 1 && property.idIndex === 1;
}

/** The document field of a property. */
export function fieldOf(model: ConnectorModel, property: ConnectorProperty): string {
  return isDocumentId(model, property) ? '_id' : property.column;
}

/**
 * The property a (possibly dotted) property path names and its field path. Through an embedded
 * model type (`lines.unitPrice`) the path resolves to the embedded property (`nested` false: values
 * convert by its type, a Decimal to Decimal128); past what the model describes, to the property
 * it starts with (`nested` true: values are compared as plain JSON).
 */
export function resolvePath(
  model: ConnectorModel,
  path: string,
): { property: ConnectorProperty; field: string; nested: boolean } {
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  const property = model.propertyByName.get(head);
  if (!property) {
    throw new UnknownNameError('UNKNOWN_PROPERTY', `Model ${model.name} has no property "${head}"`, {
      model: model.name,
      property: head,
    });
  }
  const field = fieldOf(model, property);
  if (dot < 0) return { property, field, nested: false };
  let leaf: ConnectorProperty | undefined = property;
  const fields = [field];
  for (const segment of path.slice(dot + 1).split('.')) {
    leaf = leaf?.embedded?.get(segment);
    fields.push(leaf ? leaf.column : segment);
  }
  return leaf
    ? { property: leaf, field: fields.join('.'), nested: false }
    : { property, field: `${field}${path.slice(dot)}`, nested: true };
}
