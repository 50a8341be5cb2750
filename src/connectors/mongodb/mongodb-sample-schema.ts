/**
 * Merges a sample of documents into one schema per collection, with `buildModelFromInstance`'s
 * reading of one document applied to all of them: each top-level field's BSON type or types, how
 * often it is present and non-null, the element type of arrays, and (for reference inference) the
 * distinct ObjectId values it holds. A field is required only when it is present and non-null in
 * every sampled document. Integers and doubles merge to `double`, int and long to `long`; any other
 * mix is `mixed` (a JSON property), and the field's `reason` says which types were seen.
 */
import type { Document } from 'mongodb';
import type { MongoDataType } from './mongodb-values.js';

/** What the sample says about one field. */
export interface SampledField {
  name: string;
  /** Position of the field's first appearance (1-based, `_id` first). */
  position: number;
  /** Documents holding the field with a non-null value. */
  present: number;
  /** Documents holding the field as null. */
  nulls: number;
  /** BSON type names seen, with their counts (nulls not counted). */
  types: Map<MongoDataType, number>;
  /** For arrays: element types seen. */
  elementTypes: Map<MongoDataType, number>;
  /** Distinct ObjectId values (hex), single or in arrays, up to the reference sample size. */
  objectIds: Set<string>;
  /**
   * The merged fields of the embedded documents the field holds (its own value, or the elements of
   * its array), and how many such documents were seen; undefined when it holds none.
   */
  embedded?: SampledCollection;
}

/** A collection's merged sample (or the merged embedded documents of one field). */
export interface SampledCollection {
  documents: number;
  fields: SampledField[];
}

/** How deep embedded documents are described; deeper ones stay JSON. */
export const MAX_EMBEDDED_DEPTH = 4;

/** The BSON type name of one value, as `$type` names it (`objectId`, `long`, `decimal` ...). */
export function bsonTypeName(value: unknown): MongoDataType {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) && Math.abs(value) <= 2_147_483_647 ? 'int' : 'double';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'long';
    default:
      break;
  }
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) return 'array';
  if (Buffer.isBuffer(value)) return 'binData';
  switch ((value as { _bsontype?: string })._bsontype) {
    case 'ObjectId':
    case 'ObjectID':
      return 'objectId';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Binary':
      return (value as { sub_type?: number }).sub_type === 4 ? 'uuid' : 'binData';
    default:
      return 'object';
  }
}

/** The one type a set of seen types merges to, or `mixed`. */
export function mergedType(types: ReadonlyMap<MongoDataType, number>): MongoDataType {
  const seen = [...types.keys()].filter((type) => type !== 'null');
  if (seen.length === 0) return 'null';
  if (seen.length === 1) return seen[0] as MongoDataType;
  const numeric = new Set<MongoDataType>(['int', 'double', 'long', 'decimal']);
  if (seen.every((type) => numeric.has(type))) {
    if (seen.includes('decimal')) return 'decimal';
    if (seen.includes('double')) return seen.includes('long') ? 'mixed' : 'double';
    return 'long';
  }
  return 'mixed';
}

function count<T>(map: Map<T, number>, key: T): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Field statistics of documents being merged. */
class FieldMerger {
  readonly fields = new Map<string, SampledField>();
  /** Embedded documents of each field, merged one level down. */
  private readonly children = new Map<string, FieldMerger>();
  documents = 0;

  constructor(
    private readonly referenceLimit: number,
    private readonly depth: number,
  ) {}

  add(document: Document): void {
    this.documents++;
    for (const [name, value] of Object.entries(document)) {
      let field = this.fields.get(name);
      if (!field) {
        field = {
          name,
          position: 0,
          present: 0,
          nulls: 0,
          types: new Map(),
          elementTypes: new Map(),
          objectIds: new Set(),
        };
        this.fields.set(name, field);
      }
      const type = bsonTypeName(value);
      if (type === 'null') {
        field.nulls++;
        continue;
      }
      field.present++;
      count(field.types, type);
      if (type === 'objectId' && field.objectIds.size < this.referenceLimit)
        field.objectIds.add(String(value));
      if (type === 'object') this.child(name)?.add(value as Document);
      if (type === 'array') {
        for (const item of value as unknown[]) {
          const itemType = bsonTypeName(item);
          if (itemType === 'null') continue;
          count(field.elementTypes, itemType);
          if (itemType === 'objectId' && field.objectIds.size < this.referenceLimit)
            field.objectIds.add(String(item));
          if (itemType === 'object') this.child(name)?.add(item as Document);
        }
      }
    }
  }

  private child(name: string): FieldMerger | undefined {
    if (this.depth >= MAX_EMBEDDED_DEPTH) return undefined;
    let child = this.children.get(name);
    if (!child) {
      child = new FieldMerger(this.referenceLimit, this.depth + 1);
      this.children.set(name, child);
    }
    return child;
  }

  result(): SampledCollection {
    const ordered = [...this.fields.values()].sort((a, b) =>
      a.name === '_id' ? -1 : b.name === '_id' ? 1 : 0,
    );
    ordered.forEach((field, index) => {
      field.position = index + 1;
      const child = this.children.get(field.name);
      if (child) field.embedded = child.result();
    });
    return { documents: this.documents, fields: ordered };
  }
}

/**
 * Merges documents (each counted once, by `_id`) into per-field statistics; embedded documents
 * (a field's object, or the objects of its array) are merged the same way, per field, up to
 * `MAX_EMBEDDED_DEPTH` levels.
 *
 * @example
 * sampleSchema([{_id, name: 'A'}, {_id, name: 'B', tags: ['x'], lines: [{qty: 1}]}], 100)
 * // fields: _id (objectId, 2/2), name (string, 2/2), tags (array of string, 1/2),
 * //   lines (array of object, 1/2; embedded: qty (int, 1/1))
 */
export function sampleSchema(documents: readonly Document[], referenceLimit: number): SampledCollection {
  const merger = new FieldMerger(referenceLimit, 0);
  const seenIds = new Set<string>();
  for (const document of documents) {
    const key = idKey(document._id);
    if (key !== undefined) {
      if (seenIds.has(key)) continue;
      seenIds.add(key);
    }
    merger.add(document);
  }
  return merger.result();
}

function idKey(id: unknown): string | undefined {
  if (id === undefined) return undefined;
  const type = bsonTypeName(id);
  return `${type}:${type === 'object' ? JSON.stringify(id) : String(id)}`;
}

/** Why a field is mixed, for the discovery report (`string (12), int (3)`). */
export function typeCounts(types: ReadonlyMap<MongoDataType, number>): string {
  return [...types.entries()].map(([type, n]) => `${type} (${n})`).join(', ');
}
