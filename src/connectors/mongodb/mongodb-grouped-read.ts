/**
 * A per-parent read (`ReadRequest.partition`) in one aggregation for every parent: the documents
 * of all parent keys are matched with one `$in`; when the filter orders or pages, they are
 * sorted, grouped per parent key (`$group` with `$push`, which keeps the sort order), the groups
 * put in key order, and each group cut with `$slice`, then unwound back to documents. No query per parent.
 *
 * Keyed by an array property (the inverse of a referencesMany: a track's playlists by
 * `trackIds`) or by a path into embedded documents (the inverse of a key inside them: a track's
 * invoices by `lines.trackId`), a document belongs to the group of each requested key it holds:
 * the keys it holds, each once (`$setUnion`: an invoice with two lines of one track is one
 * invoice of it), are unwound into a hidden `__key` field before grouping, the document itself
 * kept whole.
 *
 * @example
 * // albums' first 2 tracks by name:
 * [{$match: {$and: [{AlbumId: {$in: [1, 2]}}, {}]}}, {$sort: {Name: 1, _id: 1}},
 *  {$group: {_id: {k0: '$AlbumId'}, docs: {$push: '$$ROOT'}}}, {$sort: {_id: 1}},
 *  {$project: {docs: {$slice: ['$docs', 0, 2]}}}, {$unwind: '$docs'}, {$replaceRoot: {newRoot: '$docs'}}]
 */
import type { Document } from 'mongodb';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { NormalizedFilter } from '../../juggler/filter/filter-types.js';
import { compileProjection, compileSort, compileWhere } from './mongodb-query-compiler.js';

/**
 * The hidden field an array key is unwound into; kept in each document read, which the connector
 * reports as the row's `PARTITION_KEY` (the parent it was read for).
 */
export const ARRAY_KEY = '__key';

/** A `{field: condition}` match with its one field renamed. */
function renameField(match: Document, from: string, to: string): Document {
  return Object.fromEntries(Object.entries(match).map(([key, value]) => [key === from ? to : key, value]));
}

/** The most documents one group keeps when only a skip is given. */
const NO_LIMIT = 2_147_483_647;

/** The aggregation pipeline of a per-parent read. */
export function groupedReadPipeline(
  model: ConnectorModel,
  partitionBy: readonly string[],
  keys: readonly (readonly unknown[])[],
  filter: NormalizedFilter,
): Document[] {
  const match = compileWhere(model, {
    kind: 'and',
    nodes: [{ kind: 'keys', properties: partitionBy, value: keys }, ...(filter.where ? [filter.where] : [])],
  });
  const pipeline: Document[] = [{ $match: match }];
  const fields = filter.fields ? [...new Set([...filter.fields, ...partitionBy])] : undefined;
  const projection = compileProjection(model, fields);
  const paged = filter.limit !== undefined || (filter.skip ?? 0) > 0;
  if (!paged) {
    const sort = compileSort(model, filter.order);
    if (sort) pipeline.push({ $sort: sort });
    if (projection) pipeline.push({ $project: projection });
    return pipeline;
  }
  pipeline.push({ $sort: compileSort(model, filter.order) ?? { _id: 1 } });
  const groupKey: Document = {};
  const [only] = partitionBy;
  const arrayKey = partitionBy.length === 1 && holdsSeveralKeys(model, only as string);
  if (arrayKey) {
    // $unwind keeps the documents' order: each group still follows the sort.
    pipeline.push(
      { $addFields: { [ARRAY_KEY]: distinctKeysOf(`$${compileWhereField(model, only as string)}`) } },
      { $unwind: `$${ARRAY_KEY}` },
      { $match: compileWhere(model, { kind: 'keys', properties: partitionBy, value: keys }) },
    );
    // The match above names the array; after $unwind it must name the element.
    const last = pipeline[pipeline.length - 1] as Document;
    last.$match = renameField(last.$match as Document, compileWhereField(model, only as string), ARRAY_KEY);
    groupKey.k0 = `$${ARRAY_KEY}`;
  } else {
    partitionBy.forEach((name, index) => {
      groupKey[`k${index}`] = `$${compileWhereField(model, name)}`;
    });
  }
  pipeline.push(
    { $group: { _id: groupKey, docs: { $push: '$$ROOT' } } },
    // $group gives its groups in no set order: parents in key order, as the SQL connectors give them.
    { $sort: { _id: 1 } },
    { $project: { docs: { $slice: ['$docs', filter.skip ?? 0, filter.limit ?? NO_LIMIT] } } },
    { $unwind: '$docs' },
    { $replaceRoot: { newRoot: '$docs' } },
  );
  if (projection) pipeline.push({ $project: arrayKey ? { ...projection, [ARRAY_KEY]: 1 } : projection });
  return pipeline;
}

/**
 * Whether a key on `path` matches documents holding it among several values: an array property,
 * or a dotted path through an array of embedded documents (`lines.trackId`).
 */
function holdsSeveralKeys(model: ConnectorModel, path: string): boolean {
  const [head = '', ...rest] = path.split('.');
  let property = model.propertyByName.get(head);
  if (property?.type === 'Array') return true;
  for (const segment of rest) {
    property = property?.embedded?.get(segment);
    if (property?.type === 'Array') return true;
  }
  return false;
}

/** The distinct values of an array expression (a missing or single value left as it is). */
function distinctKeysOf(expression: string): Document {
  return { $cond: [{ $isArray: expression }, { $setUnion: [expression, []] }, expression] };
}

function compileWhereField(model: ConnectorModel, property: string): string {
  const sort = compileSort(model, [{ property, direction: 'ASC' }]) as Record<string, number>;
  return Object.keys(sort)[0] as string;
}
