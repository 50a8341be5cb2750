/**
 * hasMany lists (`JoinRequest.list`) read by statements of their own, for the one-off
 * `findJoined`/`findGroupedJoined` when they cannot be nested in their parents' statement (a
 * dialect without JSON lists, such as MySQL, or a column type that JSON cannot carry exactly):
 * the parents are read with their belongsTo joins only, then each list is one read for all
 * parents of its level, grouped back under the relation name. It goes when the juggler reads
 * lists apart itself (prepared reads throw `JoinNotNestableError` instead).
 */

import type { JoinRequest } from '../../juggler/connector/join-request.js';
import type { Row } from '../../juggler/connector/model-type-name.js';
import { distinctTuples, groupByTuple, keyTuple, tupleId } from '../../juggler/relations/key-utils.js';
import { hasLists } from './join-compiler.js';

/** One list to read: the join, and the distinct keys (`from` values) of its parents. */
export interface ListRead {
  join: JoinRequest;
  keys: unknown[][];
}

/** The join tree without its lists (belongsTo joins kept at every depth). */
export function withoutLists(joins: readonly JoinRequest[]): JoinRequest[] {
  return joins
    .filter((join) => join.list === undefined)
    .map((join) => {
      const nested = withoutLists(join.join ?? []);
      const { join: _dropped, ...rest } = join;
      return nested.length > 0 ? { ...rest, join: nested } : rest;
    });
}

/**
 * Fills every list of `joins` in `rows` (and in their joined belongsTo objects, at any depth),
 * one `read` per list for all parents; parents without a key get an empty list.
 */
export async function readListsApart(
  rows: readonly Row[],
  joins: readonly JoinRequest[],
  read: (request: ListRead) => Promise<Row[]>,
): Promise<void> {
  for (const join of joins) {
    if (join.list === undefined) {
      const objects = rows.map((row) => row[join.as]).filter((value): value is Row => !!value);
      if (objects.length > 0 && hasLists(join.join ?? []))
        await readListsApart(objects, join.join ?? [], read);
      continue;
    }
    const keys = distinctTuples(rows, join.from);
    const children = keys.length === 0 ? [] : await read({ join, keys });
    const groups = groupByTuple(children, join.to);
    for (const row of rows) {
      const key = keyTuple(row, join.from);
      row[join.as] = key ? (groups.get(tupleId(key)) ?? []) : [];
    }
  }
}
