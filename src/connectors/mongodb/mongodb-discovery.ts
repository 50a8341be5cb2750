/**
 * Discovery by instance introspection: collections → the neutral catalog rows the SQL connectors
 * produce, so that the shared discovery code (juggler/discovery/) builds the model definitions, the
 * schema cache stores the snapshot and drift detection compares it, as for SQL.
 *
 * Commands: one `listCollections`; per collection one sample read (a bounded scan of `sampleSize`
 * documents by default, or `$sample` with `sampling: 'random'`, deduplicated by `_id` since some
 * servers sample with replacement) and one `listIndexes`; per ObjectId field one `countDocuments`
 * per candidate target until one holds every sampled value.
 *
 * Rows: `_id` is the primary key; a field's `dataType` is its BSON type (`objectId[]` for arrays of
 * ObjectIds), `nullable` unless present and non-null in every sampled document; a field of mixed
 * types is `mixed` (a JSON property) and its description says which types were seen. Unique indexes
 * become unique constraints. A field holding ObjectIds that are all `_id`s of one collection is a
 * foreign key to it (a name like `artistId` only decides which collection is tried first); an
 * array of them (`trackIds`) too, which discovery makes a referencesMany relation;
 * `relations` in the settings declare or suppress references.
 */
import type { Db, Document } from 'mongodb';
import { ObjectId } from 'mongodb';
import type {
  CatalogSnapshot,
  CatalogTable,
  DiscoveryOptions,
  ForeignKeyRow,
  ModelDefinitionRow,
  PropertyRow,
  UniqueConstraintRow,
} from '../../juggler/discovery/discovery-types.js';
import {
  mergedType,
  type SampledCollection,
  type SampledField,
  sampleSchema,
  typeCounts,
} from './mongodb-sample-schema.js';
import type { ResolvedMongoSettings } from './mongodb-settings.js';

/** A collection as `listCollections` lists it. */
interface CollectionInfo {
  name: string;
  type: 'collection' | 'view' | 'timeseries' | string;
}

/** How a field of a sampled collection refers to another collection. */
interface Reference {
  field: string;
  target: string;
}

function lowerFirstLetters(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Collection names ordered by how well a field's name hints at them (`artistId` → `artist`, `artists`). */
function hintOrder(field: string, candidates: readonly string[]): string[] {
  const stem = lowerFirstLetters(field.replace(/_?ids?$/i, ''));
  const score = (name: string) => {
    const plain = lowerFirstLetters(name);
    if (plain === stem || plain === `${stem}s` || `${plain}s` === stem) return 0;
    if (plain.includes(stem) || stem.includes(plain)) return 1;
    return 2;
  };
  return [...candidates].sort((a, b) => score(a) - score(b) || a.localeCompare(b));
}

/** The catalog row of a sampled field; `nested` for a field of an embedded document (its `_id` is no id). */
function columnOf(
  owner: string,
  table: string,
  field: SampledField,
  documents: number,
  nested = false,
): PropertyRow {
  const isId = field.name === '_id' && !nested;
  const type = mergedType(field.types);
  const elementType = type === 'array' ? mergedType(field.elementTypes) : null;
  const dataType = type === 'array' ? `${elementType === 'null' ? 'mixed' : elementType}[]` : type;
  let description: string | null = null;
  if (type === 'mixed') description = `mixed types in the sample: ${typeCounts(field.types)}`;
  else if (elementType === 'mixed')
    description = `array of mixed types in the sample: ${typeCounts(field.elementTypes)}`;
  const required = field.present === documents && field.name !== '' && documents > 0;
  const row: PropertyRow = {
    owner,
    tableName: table,
    columnName: field.name,
    dataType,
    dataLength: null,
    dataPrecision: null,
    dataScale: null,
    nullable: isId ? false : !required,
    position: field.position,
    columnDefault: null,
    generated: isId && type === 'objectId' ? 'identity' : null,
    description,
    udtName: null,
    enumValues: null,
    arrayElementType: type === 'array' ? elementType : null,
    domainName: null,
    checks: [],
    updatable: true,
  };
  // Only a field that is always an embedded document (or an array of them) gets a type of its own.
  const embedded = field.embedded;
  if (embedded && embedded.fields.length > 0 && (type === 'object' || elementType === 'object')) {
    row.fields = embedded.fields.map((inner) => columnOf(owner, table, inner, embedded.documents, true));
  }
  return row;
}

/** Whether a field holds ObjectIds: each value one, or each value an array of them. */
function holdsObjectIds(field: SampledField): boolean {
  const type = mergedType(field.types);
  return type === 'objectId' || (type === 'array' && mergedType(field.elementTypes) === 'objectId');
}

/** Reads collections, samples and indexes into a catalog snapshot. */
export class MongoDiscovery {
  constructor(
    private readonly database: () => Promise<Db>,
    private readonly settings: ResolvedMongoSettings,
  ) {}

  private async collections(db: Db, views: boolean): Promise<CollectionInfo[]> {
    const listed = (await db.listCollections({}, { nameOnly: false }).toArray()) as CollectionInfo[];
    return listed
      .filter((info) => !info.name.startsWith('system.'))
      .filter((info) => views || info.type !== 'view')
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** `discoverModelDefinitions`: collections as tables, views (with `views`) as read-only views. */
  async modelDefinitions(options: DiscoveryOptions): Promise<ModelDefinitionRow[]> {
    const db = await this.database();
    const owner = this.settings.database;
    const rows = (await this.collections(db, options.views === true)).map(
      (info): ModelDefinitionRow => ({
        type: info.type === 'view' ? 'view' : 'table',
        name: info.name,
        owner,
        kind: info.type === 'view' ? 'view' : 'table',
      }),
    );
    const offset = options.offset ?? 0;
    return rows.slice(offset, options.limit === undefined ? undefined : offset + options.limit);
  }

  private async sample(db: Db, collection: string): Promise<Document[]> {
    const size = this.settings.sampleSize;
    if (this.settings.sampling === 'random') {
      return db
        .collection(collection)
        .aggregate([{ $sample: { size } }])
        .toArray();
    }
    return db.collection(collection).find({}, { limit: size, batchSize: size }).toArray();
  }

  private async uniqueConstraints(db: Db, owner: string, collection: string): Promise<UniqueConstraintRow[]> {
    const indexes = await db.collection(collection).listIndexes().toArray();
    return indexes
      .filter((index) => index.unique === true && index.name !== '_id_')
      .map((index) => ({
        owner,
        tableName: collection,
        name: String(index.name),
        columns: Object.keys(index.key as Document),
      }));
  }

  /** The target whose `_id`s include every sampled ObjectId of the field, in hint order. */
  private async referenceTarget(
    db: Db,
    field: SampledField,
    candidates: readonly string[],
    counter: { statements: number },
  ): Promise<string | undefined> {
    const values = [...field.objectIds].map((hex) => new ObjectId(hex));
    if (values.length === 0) return undefined;
    for (const target of hintOrder(field.name, candidates)) {
      counter.statements++;
      const found = await db.collection(target).countDocuments({ _id: { $in: values } });
      if (found === values.length) return target;
    }
    return undefined;
  }

  /**
   * `discoverCatalog`: every collection (with `views`, every view; `tables` restricts it) sampled,
   * merged and checked for references.
   */
  async catalog(options: DiscoveryOptions & { tables?: string[] }): Promise<CatalogSnapshot> {
    const db = await this.database();
    const owner = this.settings.database;
    const counter = { statements: 1 };
    const all = await this.collections(db, options.views !== false);
    const wanted = options.tables ? new Set(options.tables) : undefined;
    const chosen = wanted ? all.filter((info) => wanted.has(info.name)) : all;
    const samples = new Map<string, SampledCollection>();
    for (const info of chosen) {
      counter.statements++;
      samples.set(
        info.name,
        sampleSchema(await this.sample(db, info.name), this.settings.relationSampleSize),
      );
    }
    const objectIdCollections = all.filter((info) => info.type !== 'view').map((info) => info.name);
    const tables: CatalogTable[] = [];
    for (const info of chosen) {
      const sampled = samples.get(info.name) as SampledCollection;
      const isView = info.type === 'view';
      let uniqueConstraints: UniqueConstraintRow[] = [];
      if (!isView) {
        counter.statements++;
        uniqueConstraints = await this.uniqueConstraints(db, owner, info.name);
      }
      const references = await this.references(db, info.name, sampled, objectIdCollections, counter);
      const columns = sampled.fields.map((field) => {
        const column = columnOf(owner, info.name, field, sampled.documents);
        return isView ? { ...column, updatable: false, generated: null } : column;
      });
      tables.push({
        owner,
        name: info.name,
        kind: isView ? 'view' : 'table',
        description: null,
        columns,
        primaryKey: sampled.fields.some((field) => field.name === '_id')
          ? [{ owner, tableName: info.name, columnName: '_id', keySeq: 1, pkName: '_id_' }]
          : [],
        foreignKeys: references.map(
          (reference): ForeignKeyRow => ({
            fkOwner: owner,
            fkName: `${info.name}_${reference.field}_ref`,
            fkTableName: info.name,
            fkColumnName: reference.field,
            keySeq: 1,
            pkOwner: owner,
            pkName: '_id_',
            pkTableName: reference.target,
            pkColumnName: '_id',
            // Inferred from the data: MongoDB guarantees no referenced document.
            enforced: false,
          }),
        ),
        uniqueConstraints,
        checkConstraints: [],
      });
    }
    return {
      connector: 'mongodb',
      database: owner,
      owners: [owner],
      defaultOwner: owner,
      tables,
      statementCount: counter.statements,
    };
  }

  /**
   * ObjectId fields (single values: belongsTo; arrays: referencesMany) whose values are all `_id`s
   * of one collection (or declared so).
   */
  private async references(
    db: Db,
    collection: string,
    sampled: SampledCollection,
    candidates: readonly string[],
    counter: { statements: number },
  ): Promise<Reference[]> {
    const declared = this.settings.relations.filter((relation) => relation.collection === collection);
    const references: Reference[] = [];
    // Fields of embedded documents are named by their dotted path (`lines.trackId`).
    const fields: { path: string; field: SampledField }[] = [];
    const collect = (list: readonly SampledField[], prefix: string) => {
      for (const field of list) {
        fields.push({ path: `${prefix}${field.name}`, field });
        if (field.embedded) collect(field.embedded.fields, `${prefix}${field.name}.`);
      }
    };
    collect(sampled.fields, '');
    for (const { path, field } of fields) {
      if (path === '_id') continue;
      const setting = declared.find((relation) => relation.field === path);
      if (setting) {
        if (setting.target !== null) references.push({ field: path, target: setting.target });
        continue;
      }
      if (!this.settings.inferRelations || !holdsObjectIds(field)) continue;
      // Inside embedded documents only single ObjectIds (belongsTo) become relations.
      if (path.includes('.') && mergedType(field.types) !== 'objectId') continue;
      const target = await this.referenceTarget(
        db,
        field,
        candidates.filter((name) => name !== collection || field.name !== '_id'),
        counter,
      );
      if (target !== undefined) references.push({ field: path, target });
    }
    return references;
  }
}
