/**
 * Foreign keys → LoopBack relations between the models of one build. A belongsTo records the
 * constraint that enforces it (`discograph: {constraint}`, which LoopBack ignores), unless the
 * catalog says it may not (`ForeignKeyRow.enforced: false`). Naming rules (each name is
 * then made unique among the model's properties and earlier relations, in this order: belongsTo,
 * hasMany, hasManyThrough; the fallback is a numeric suffix):
 *
 * - belongsTo, one per foreign key: the key property without its `Id`/`_id` suffix
 *   (`trackId` → `track`, `supportRepId` → `supportRep`). When that leaves the property's own
 *   name (`reportsTo`) or is taken, the target model is appended (`reportsToEmployee`).
 *   Composite keys are named after the target model (`warehouse`), with `By<Key>And<Key>` when
 *   the table has several keys to it.
 * - hasMany, one per foreign key pointing at the model: the plural of the referencing model
 *   (`albums`, `customers`, and `employees` for a self-reference). When the referencing table
 *   has several keys to this one, each is told apart by its key: `flightsByDepartureAirportId`,
 *   `flightsByArrivalAirportId`.
 * - hasOne instead, for a unique foreign key (its columns are the referencing table's primary key
 *   or a unique constraint: one-to-one): the singular of the referencing model (`artistDetail`),
 *   told apart by key in the same way.
 * - referencesMany, one per key held in an array (a document store's `playlist.trackIds`): the
 *   property without its `Ids`/`_ids` suffix, pluralized (`tracks`), else the property followed by
 *   the target model; its inverse is a hasMany named as above (`track.playlists`) whose foreign key
 *   is the array.
 * - hasMany from inside embedded documents, the inverse of a key an embedded document holds (a
 *   document store's `invoice.lines[].trackId`, a dotted key `lines.trackId`): named as any hasMany
 *   (`track.invoices`, the invoices whose lines hold the track), told apart by its whole dotted key
 *   when the referencing model has several keys to this one (`invoicesByLinesTrackId`). Its
 *   belongsTo is the embedded type's (build-embedded-relations.ts), not the model's.
 * - hasManyThrough, for pure join tables (two foreign keys whose columns are exactly the
 *   composite primary key, plus optional timestamp columns): the plural of the model at the other
 *   end (`playlist.tracks` and `track.playlists` through `PlaylistTrack`); a join table between a
 *   table and itself names both directions by their key (`usersByFolloweeId`); a name already
 *   taken gets `Through<JoinModel>`.
 */
import pluralize from 'pluralize';
import type { RelationDefinition } from '../model-definition.js';
import type { MapPropertyType } from './build-properties.js';
import { compareText, tableKey } from './catalog-assembly.js';
import type { CatalogTable } from './discovery-types.js';
import {
  lowerFirst,
  NameRegistry,
  pluralRelationName,
  singularRelationName,
  upperFirst,
  withoutIdSuffix,
} from './naming.js';

/** Which relations to build: belongsTo only (`relations`), or every kind (`associations`). */
export type RelationMode = 'belongsTo' | 'all';

/** A model of the build, as the relation builder sees it. */
export interface RelationModel {
  table: CatalogTable;
  name: string;
  /** Column name → property name. */
  propertyNames: ReadonlyMap<string, string>;
}

interface ForeignKey {
  name: string;
  from: RelationModel;
  to: RelationModel;
  fromColumns: string[];
  toColumns: string[];
  /** The constraint guarantees a readable referenced row (see `ForeignKeyRow.enforced`). */
  enforced: boolean;
  /** A key inside embedded documents (a dotted column, `lines.trackId`): only its inverse is the model's. */
  embedded: boolean;
}

interface Through {
  join: RelationModel;
  /** The join table's key to the model the relation is on. */
  near: ForeignKey;
  /** The join table's key to the related model. */
  far: ForeignKey;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const single = (names: string[]): string | string[] => (names.length === 1 ? (names[0] ?? '') : names);

/** Property names of columns; a dotted column (`Lines.trackId`) maps its first segment only. */
function propertiesOf(model: RelationModel, columns: readonly string[]): string[] {
  return columns.map((column) => {
    const mapped = model.propertyNames.get(column);
    if (mapped !== undefined) return mapped;
    const dot = column.indexOf('.');
    if (dot < 0) return column;
    const head = column.slice(0, dot);
    return `${model.propertyNames.get(head) ?? head}${column.slice(dot)}`;
  });
}

/** A key property as the words of a relation name: `albumId` → `AlbumId`, `lines.trackId` → `LinesTrackId`. */
function keyWords(property: string): string {
  return property.split('.').map(upperFirst).join('');
}

function referencesPrimaryKey(key: ForeignKey): boolean {
  const pk = key.to.table.primaryKey.map((row) => row.columnName);
  return pk.length === key.toColumns.length && pk.every((column, index) => key.toColumns[index] === column);
}

/**
 * Whether a foreign key's columns are, as a set, the referencing table's primary key or one of its
 * unique constraints (or unique indexes): then at most one row references each target row.
 */
function isUniqueKey(key: ForeignKey): boolean {
  const columns = new Set(key.fromColumns);
  const sameSet = (other: readonly string[]) =>
    other.length === columns.size && other.every((column) => columns.has(column));
  const { primaryKey, uniqueConstraints } = key.from.table;
  return (
    (primaryKey.length > 0 && sameSet(primaryKey.map((row) => row.columnName))) ||
    uniqueConstraints.some((unique) => sameSet(unique.columns))
  );
}

/** The foreign keys of every model whose target is also in the build. */
function collectForeignKeys(models: ReadonlyMap<string, RelationModel>): ForeignKey[] {
  const keys: ForeignKey[] = [];
  for (const from of models.values()) {
    const byName = new Map<
      string,
      { to: string; fromColumns: string[]; toColumns: string[]; enforced: boolean }
    >();
    for (const row of from.table.foreignKeys) {
      const name = row.fkName ?? `${row.pkOwner}.${row.pkTableName}`;
      const entry = byName.get(name) ?? {
        to: tableKey(row.pkOwner, row.pkTableName),
        fromColumns: [],
        toColumns: [],
        enforced: true,
      };
      entry.fromColumns.push(row.fkColumnName);
      entry.toColumns.push(row.pkColumnName);
      if (row.enforced === false) entry.enforced = false;
      byName.set(name, entry);
    }
    for (const [name, entry] of byName) {
      const to = models.get(entry.to);
      if (to) {
        const { fromColumns, toColumns, enforced } = entry;
        // A key inside embedded documents (`lines.trackId`): its belongsTo is the embedded type's.
        const embedded = fromColumns.some((column) => column.includes('.'));
        if (embedded && fromColumns.length !== 1) continue;
        keys.push({ name, from, to, fromColumns, toColumns, enforced, embedded });
      }
    }
  }
  return keys;
}

/** `The Invoice documents whose lines hold this Track.` (the inverse of a key inside embedded documents). */
function embeddedInverseDescription(key: ForeignKey, property: string): string {
  const path = property.split('.');
  const field = path.pop() ?? property;
  return `The ${key.from.name} documents whose ${path.join('.')} hold this ${key.to.name} (by ${field}).`;
}

/** Whether a key is one column holding an array of keys (a referencesMany). */
function holdsKeyArray(key: ForeignKey, mapPropertyType: MapPropertyType): boolean {
  if (key.fromColumns.length !== 1) return false;
  const column = key.from.table.columns.find((candidate) => candidate.columnName === key.fromColumns[0]);
  return column !== undefined && mapPropertyType(column).type === 'Array';
}

/** The model types of timestamp columns a join table may carry besides its keys. */
const TIMESTAMP_TYPES: ReadonlySet<string> = new Set(['Date', 'DateTime', 'LocalDateTime']);

/** Join tables: exactly two foreign keys covering exactly the primary key, other columns timestamps. */
function joinTableKeys(
  model: RelationModel,
  keys: readonly ForeignKey[],
  mapPropertyType: MapPropertyType,
): [ForeignKey, ForeignKey] | null {
  const [a, b, ...more] = keys;
  if (!a || !b || more.length > 0) return null;
  const pk = new Set(model.table.primaryKey.map((row) => row.columnName));
  const fkColumns = [...a.fromColumns, ...b.fromColumns];
  if (new Set(fkColumns).size !== fkColumns.length || fkColumns.length !== pk.size) return null;
  if (!fkColumns.every((column) => pk.has(column))) return null;
  const others = model.table.columns.filter((column) => !pk.has(column.columnName));
  return others.every((column) => TIMESTAMP_TYPES.has(mapPropertyType(column).type)) ? [a, b] : null;
}

function byPosition(key: ForeignKey): number {
  const first = key.fromColumns[0];
  return key.from.table.columns.find((column) => column.columnName === first)?.position ?? 0;
}

/**
 * Builds the relations of every model, keyed by model name then relation name (names sorted).
 * Only keys between models of the build become relations.
 */
export function buildRelations(
  models: ReadonlyMap<string, RelationModel>,
  mode: RelationMode,
  mapPropertyType: MapPropertyType,
): Map<string, Record<string, RelationDefinition>> {
  const keys = collectForeignKeys(models);
  const outgoing = new Map<RelationModel, ForeignKey[]>();
  const incoming = new Map<RelationModel, ForeignKey[]>();
  for (const key of keys) {
    push(outgoing, key.from, key);
    push(incoming, key.to, key);
  }
  const through = new Map<RelationModel, Through[]>();
  if (mode === 'all') {
    for (const [join, [a, b]] of joinTables(models, outgoing, mapPropertyType)) {
      push(through, a.to, { join, near: a, far: b });
      push(through, b.to, { join, near: b, far: a });
    }
  }
  const count = (list: readonly ForeignKey[], key: ForeignKey) => list.filter((k) => k.to === key.to).length;
  const result = new Map<string, Record<string, RelationDefinition>>();

  for (const model of models.values()) {
    const registry = new NameRegistry();
    registry.reserve(...model.propertyNames.values());
    const relations: [string, RelationDefinition][] = [];
    const own = [...(outgoing.get(model) ?? [])].sort(
      (x, y) => byPosition(x) - byPosition(y) || compareText(x.name, y.name),
    );
    for (const key of own) {
      if (key.embedded) continue;
      const foreignKey = propertiesOf(model, key.fromColumns);
      const target = key.to.name;
      if (holdsKeyArray(key, mapPropertyType)) {
        const property = foreignKey[0] ?? '';
        const stripped = property.replace(/_?[Ii]ds$/, '');
        const base = stripped && stripped !== property ? pluralize.plural(stripped) : property;
        relations.push([
          registry.claim(base === property ? [`${base}${target}`] : [base, `${base}${target}`]),
          {
            type: 'referencesMany',
            model: target,
            foreignKey: property,
            ...(referencesPrimaryKey(key) ? {} : { primaryKey: single(propertiesOf(key.to, key.toColumns)) }),
          },
        ]);
        continue;
      }
      let candidates: string[];
      if (foreignKey.length === 1) {
        const property = foreignKey[0] ?? '';
        const base = withoutIdSuffix(property);
        candidates = base === property ? [`${base}${target}`] : [base, `${base}${target}`];
      } else {
        const base = lowerFirst(target);
        const by = `${base}By${foreignKey.map(upperFirst).join('And')}`;
        candidates = count(own, key) > 1 ? [by] : [base, by];
      }
      relations.push([
        registry.claim(candidates),
        {
          type: 'belongsTo',
          model: target,
          foreignKey: single(foreignKey),
          ...(referencesPrimaryKey(key) ? {} : { primaryKey: single(propertiesOf(key.to, key.toColumns)) }),
          ...(key.enforced ? { discograph: { constraint: key.name } } : {}),
        },
      ]);
    }
    if (mode === 'all') {
      const exported = [...(incoming.get(model) ?? [])].sort(
        (x, y) =>
          compareText(x.from.table.owner, y.from.table.owner) ||
          compareText(x.from.table.name, y.from.table.name) ||
          compareText(x.name, y.name),
      );
      for (const key of exported) {
        const foreignKey = propertiesOf(key.from, key.fromColumns);
        // A unique foreign key (its columns are the referencing table's primary key or a unique
        // constraint) is one-to-one: at most one row points at this one.
        const oneToOne = !key.embedded && isUniqueKey(key);
        const base = oneToOne ? singularRelationName(key.from.name) : pluralRelationName(key.from.name);
        const by = `${base}By${foreignKey.map(keyWords).join('And')}`;
        const siblings = (outgoing.get(key.from) ?? []).filter((k) => k.to === model).length;
        relations.push([
          registry.claim(siblings > 1 ? [by] : [base, by]),
          {
            type: oneToOne ? 'hasOne' : 'hasMany',
            model: key.from.name,
            foreignKey: single(foreignKey),
            ...(referencesPrimaryKey(key) ? {} : { primaryKey: single(propertiesOf(model, key.toColumns)) }),
            ...(key.embedded ? { description: embeddedInverseDescription(key, foreignKey[0] ?? '') } : {}),
          },
        ]);
      }
      for (const { join, near, far } of through.get(model) ?? []) {
        const keyThrough = propertiesOf(join, far.fromColumns);
        const base = pluralRelationName(far.to.name);
        const by = `${base}By${keyThrough.map(upperFirst).join('And')}`;
        const candidates =
          near.to === far.to ? [by, `${by}Through${join.name}`] : [base, `${base}Through${join.name}`];
        relations.push([
          registry.claim(candidates),
          {
            type: 'hasManyThrough',
            model: far.to.name,
            through: join.name,
            foreignKey: single(propertiesOf(join, near.fromColumns)),
            keyThrough: single(keyThrough),
            ...(referencesPrimaryKey(near)
              ? {}
              : { primaryKey: single(propertiesOf(model, near.toColumns)) }),
          },
        ]);
      }
    }
    if (relations.length > 0) {
      result.set(model.name, Object.fromEntries(relations.sort(([a], [b]) => compareText(a, b))));
    }
  }
  return result;
}

/** The join tables of the build with their two keys (in column order), in model order. */
function joinTables(
  models: ReadonlyMap<string, RelationModel>,
  outgoing: ReadonlyMap<RelationModel, ForeignKey[]>,
  mapPropertyType: MapPropertyType,
): [RelationModel, readonly [ForeignKey, ForeignKey]][] {
  const joins: [RelationModel, readonly [ForeignKey, ForeignKey]][] = [];
  for (const model of models.values()) {
    const keys = (outgoing.get(model) ?? [])
      .filter((key) => !key.embedded)
      .sort((x, y) => byPosition(x) - byPosition(y));
    const ends = joinTableKeys(model, keys, mapPropertyType);
    if (ends) joins.push([model, ends]);
  }
  return joins;
}
