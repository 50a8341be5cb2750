/**
 * Rows (keyed by property, juggler values) ↔ documents (keyed by field, BSON values).
 */
import type { Document } from 'mongodb';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import { fieldOf } from './mongodb-fields.js';
import { fromBson, toBson } from './mongodb-values.js';

/** The document of a row: the properties `data` gives (undefined ones left out), as BSON. */
export function toDocument(model: ConnectorModel, data: Row): Document {
  const document: Document = {};
  for (const property of model.properties) {
    const value = data[property.name];
    if (value !== undefined) document[fieldOf(model, property)] = toBson(property, value);
  }
  return document;
}

/**
 * The row of a document: every property (a missing field reads as null), or only `fields`.
 */
export function fromDocument(model: ConnectorModel, document: Document, fields?: readonly string[]): Row {
  const row: Row = {};
  const wanted = fields ? new Set([...fields, ...model.idProperties]) : undefined;
  for (const property of model.properties) {
    if (wanted && !wanted.has(property.name)) continue;
    row[property.name] = fromBson(property, document[fieldOf(model, property)]);
  }
  return row;
}

/**
 * An update of a row's given properties: `$set` for values, `$unset` for nulls (a missing field
 * reads as null, as a NULL column does). `_id` is never rewritten (MongoDB refuses it).
 */
export function toUpdate(model: ConnectorModel, data: Row): Document | undefined {
  const set: Document = {};
  const unset: Document = {};
  for (const property of model.properties) {
    const value = data[property.name];
    if (value === undefined) continue;
    const field = fieldOf(model, property);
    if (field === '_id') continue;
    if (value === null) unset[field] = '';
    else set[field] = toBson(property, value);
  }
  const update: Document = {};
  if (Object.keys(set).length > 0) update.$set = set;
  if (Object.keys(unset).length > 0) update.$unset = unset;
  return Object.keys(update).length > 0 ? update : undefined;
}
