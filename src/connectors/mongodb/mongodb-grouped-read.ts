/**
 * A per-parent read (`ReadRequest.partition`) in one aggregation for every parent: the documents
 * of all parent keys are matched with one `$in`; when the filter orders or pages, they are
 * sorted, grouped per parent key (`$group` with `$push`, which keeps the sort order) and each
 * group cut with `$slice`, then unwound back to documents. No query per parent.
 *
 * @example
 * // albums' first 2 tracks by name:
 * [{$match: {$and: [{AlbumId: {$in: [1, 2]}}, {}]}}, {$sort: {Name: 1, _id: 1}},
 *  {$group: {_id: {k0: '$AlbumId'}, docs: {$push: '$$ROOT'}}},
 *  {$project: {docs: {$slice: ['$docs', 0, 2]}}}, {$unwind: '$docs'}, {$replaceRoot: {newRoot: '$docs'}}]
 */
import type { Document } from 'mongodb';
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';
import type { NormalizedFilter } from '../../juggler/filter/filter-types.js';
import { compileProjection, compileSort, compileWhere } from './mongodb-query-compiler.js';

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
  partitionBy.forEach((name, index) => {
    groupKey[`k${index}`] = `$${compileWhereField(model, name)}`;
  });
  pipeline.push(
    { $group: { _id: groupKey, docs: { $push: '$$ROOT' } } },
    { $project: { docs: { $slice: ['$docs', filter.skip ?? 0, filter.limit ?? NO_LIMIT] } } },
    { $unwind: '$docs' },
    { $replaceRoot: { newRoot: '$docs' } },
  );
  if (projection) pipeline.push({ $project: projection });
  return pipeline;
}

function compileWhereField(model: ConnectorModel, property: string): string {
  const sort = compileSort(model, [{ property, direction: 'ASC' }]) as Record<string, number>;
  return Object.keys(sort)[0] as string;
}
