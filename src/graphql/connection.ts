/**
 * Relay cursor connections over offset cursors. A cursor names a row's position in the ordered,
 * filtered list (`after: cursor` continues after that row); pages are read with skip/limit plus
 * one extra row to learn whether a next page exists, and `totalCount` costs a count statement
 * only when selected.
 */
import { GraphQLError } from 'graphql';
import type { ModelRow } from './model-class.js';

const PREFIX = 'cursor:v1:';

/** The opaque cursor of the row at `offset` (0-based) in the list. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** The offset a cursor names; a cursor this layer did not make is a BAD_USER_INPUT error. */
export function decodeCursor(cursor: string, argument: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new GraphQLError(
      `\`${argument}\` is not a cursor of this connection: "${cursor}"; use a cursor from edges or pageInfo`,
      {
        extensions: { code: 'BAD_USER_INPUT', argument },
      },
    );
  }
  return offset;
}

/** Relay's paging arguments. */
export interface ConnectionArguments {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** Where a page starts and ends in the list; `end` undefined means "to the end". */
export interface PageWindow {
  start: number;
  end: number | undefined;
  /** `last` without `before`: the end of the list must be known first (a count). */
  needsTotal: boolean;
}

function count(name: string, value: number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value < 0) {
    throw new GraphQLError(`\`${name}\` must be zero or more; received ${value}`, {
      extensions: { code: 'BAD_USER_INPUT', argument: name },
    });
  }
  return value;
}

/** Applies after/before, then first, then last, as the Relay specification orders them. */
export function pageWindow(args: ConnectionArguments, total?: number): PageWindow {
  const first = count('first', args.first);
  const last = count('last', args.last);
  let start = args.after ? decodeCursor(args.after, 'after') + 1 : 0;
  let end = args.before ? decodeCursor(args.before, 'before') : total;
  if (end !== undefined && end < start) end = start;
  if (first !== undefined) end = end === undefined ? start + first : Math.min(end, start + first);
  const needsTotal = last !== undefined && end === undefined;
  if (last !== undefined && end !== undefined) start = Math.max(start, end - last);
  return { start, end, needsTotal };
}

/** A page as the connection type exposes it. */
export interface ConnectionResult {
  edges: { cursor: string; node: ModelRow }[];
  nodes: ModelRow[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number | Promise<number>;
}

/** How a connection reads its list. */
export interface ConnectionSource {
  count(): Promise<number>;
  /** Rows from `skip`, at most `limit` of them (all when undefined). */
  find(skip: number, limit: number | undefined): Promise<ModelRow[]>;
}

/** Resolves one page: at most one count (only for `last` without `before`, or when totalCount is selected) and one read. */
export async function resolveConnection(
  args: ConnectionArguments,
  source: ConnectionSource,
  wantsTotal: boolean,
): Promise<ConnectionResult> {
  let total: number | undefined;
  let window = pageWindow(args);
  if (window.needsTotal) {
    total = await source.count();
    window = pageWindow(args, total);
  }
  const { start, end } = window;
  const limit = end === undefined ? undefined : end - start;
  // One row more than the page tells whether another page follows.
  const rows = await source.find(start, limit === undefined ? undefined : limit + 1);
  const hasMore = limit !== undefined && rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const edges = page.map((node, index) => ({ cursor: encodeCursor(start + index), node }));
  const totalCount = total ?? (wantsTotal ? source.count() : 0);
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: hasMore || (total !== undefined && end !== undefined && end < total),
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
  };
}
