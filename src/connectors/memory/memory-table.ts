/**
 * One in-memory table: rows keyed by their id tuple, a sequence for generated numeric ids, and
 * value cloning so callers never share mutable state with the store.
 */

import type { ConnectorModel, ConnectorProperty } from '../../juggler/connector/connector-model.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import { DatabaseError } from '../../juggler/errors.js';
import { tupleKey } from '../../juggler/filter/value-key.js';
import { roundDecimal } from '../../juggler/types/decimal.js';

/** Deep-copies a value in the juggler representation (Dates, Buffers, arrays, plain objects). */
export function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(cloneValue);
  if (value instanceof RegExp) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneValue(item);
  return copy;
}

/**
 * A value as the memory connector stores it: a copy, null for undefined, and a Decimal with a
 * declared scale rounded to it, as a `numeric(p, s)` column would.
 */
export function storedValue(property: ConnectorProperty, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  // numeric(p) is numeric(p, 0), as in SQL.
  const scale = property.scale ?? (property.precision ? 0 : undefined);
  if (property.type === 'Decimal' && typeof scale === 'number') return roundDecimal(value, scale) ?? value;
  return cloneValue(value);
}

/** The rows of one model in the memory connector. */
export class MemoryTable {
  readonly rows = new Map<string, Row>();
  private sequence = 0;
  private anonymousKey = 0;

  /** Key of a stored row (its id tuple; rows of id-less models get a private counter). */
  keyOf(model: ConnectorModel, row: Row): string {
    if (model.idProperties.length === 0) return `#${++this.anonymousKey}`;
    return tupleKey(model.idProperties.map((name) => row[name]));
  }

  /** Fills missing ids: numbers from the table's sequence (LoopBack's memory connector does the same). */
  assignIds(model: ConnectorModel, row: Row): void {
    for (const name of model.idProperties) {
      const property = model.propertyByName.get(name);
      if (!property || (row[name] !== null && row[name] !== undefined)) continue;
      const next = ++this.sequence;
      row[name] = property.type === 'Number' ? next : property.type === 'Any' ? next : String(next);
    }
  }

  /** Advances the sequence past explicitly given numeric ids. */
  observeIds(model: ConnectorModel, row: Row): void {
    for (const name of model.idProperties) {
      const value = row[name];
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && /^\d+$/.test(value)
            ? Number(value)
            : Number.NaN;
      if (Number.isSafeInteger(number) && number > this.sequence) this.sequence = number;
    }
  }

  /** Rejects null in a NOT NULL property, as a database would. */
  checkNotNull(model: ConnectorModel, row: Row): void {
    for (const property of model.properties) {
      if (
        !property.nullable &&
        !property.generated &&
        (row[property.name] === null || row[property.name] === undefined)
      ) {
        throw notNullViolation(model, property);
      }
    }
  }

  /** Drops every row and resets the sequence. */
  clear(): void {
    this.rows.clear();
    this.sequence = 0;
  }
}

function notNullViolation(model: ConnectorModel, property: ConnectorProperty): DatabaseError {
  return new DatabaseError(
    'NOT_NULL_VIOLATION',
    `\`${property.name}\` cannot be null in \`${model.table}\``,
    {
      details: { table: model.table, column: property.column, property: property.name },
    },
  );
}

/** The error of a duplicate id, with the details a SQL connector gives for its primary key. */
export function duplicateKey(model: ConnectorModel): DatabaseError {
  const properties = [...model.idProperties];
  const columns = properties.map((name) => model.propertyByName.get(name)?.column ?? name);
  const constraint = `${model.table}_pkey`;
  const what = properties.map((name) => `\`${name}\``).join(', ');
  return new DatabaseError(
    'UNIQUE_VIOLATION',
    `A row with the same ${what} already exists in \`${model.table}\` (constraint ${constraint})`,
    { details: { constraint, table: model.table, columns, properties } },
  );
}
