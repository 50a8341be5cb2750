/**
 * Relay cursor connections over offset cursors, with the pagination algorithm of the Relay cursor
 * connections specification. A cursor names a row's position in the ordered, filtered list
 * (`after: cursor` continues after that row); pages are read with skip/limit plus the rows that
 * tell whether more edges exist, and `totalCount` costs a count statement only when selected.
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

/**
 * Relay's paging arguments read: counts checked, cursors decoded to positions. A cursor names a
 * position in the ordered, filtered list; `start` is the first position after `after`, `before`
 * (at least `start`) the position of `before`.
 */
export interface Paging {
  first: number | undefined;
  last: number | undefined;
  /** The position of `after`, when given. */
  after: number | undefined;
  start: number;
  before: number | undefined;
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

/** Reads and checks a connection's arguments (negative counts and foreign cursors are BAD_USER_INPUT). */
export function readPaging(args: ConnectionArguments): Paging {
  const first = count('first', args.first);
  const last = count('last', args.last);
  const after = args.after ? decodeCursor(args.after, 'after') : undefined;
  const start = after === undefined ? 0 : after + 1;
  const before = args.before ? Math.max(decodeCursor(args.before, 'before'), start) : undefined;
  return { first, last, after, start, before };
}

/**
 * The page of a connection as the Relay specification's algorithm defines it: the edges after
 * the cursors (`ApplyCursorsToEdges`), cut to `first` from the start, then to `last` from the end
 * (`EdgesToReturn`), with `available`, how many edges the cursors leave (exactly, or `Infinity`
 * when more than the page needs to know).
 */
interface Page {
  /** The position of the page's first row. */
  offset: number;
  rows: ModelRow[];
  available: number;
  /** Whether rows exist after `before` (only known on pages read backwards). */
  rowsFollowBefore: boolean;
}

/**
 * Reads a page. With `first`, one read from `start` of `max(first, last) + 1` rows (never past
 * `before`) decides the page and both `available` thresholds. Without `first`, the page is the
 * last `last` rows before `before` (or before the end, `total`): read with two rows more, to see
 * rows after `before`; when that read comes back short (`before` lies past the end of the list),
 * answers undefined: the caller counts the list and reads again.
 */
async function readPage(
  paging: Paging,
  source: ConnectionSource,
  total: number | undefined,
): Promise<Page | undefined> {
  const { first, last, start, before } = paging;
  const end =
    before === undefined ? total : total === undefined ? before : Math.max(Math.min(before, total), start);
  if (first !== undefined) {
    const wanted = Math.max(first, last ?? 0) + 1;
    const limit = end === undefined ? wanted : Math.min(wanted, end - start);
    const rows = limit === 0 ? [] : await source.find(start, limit);
    const exact = rows.length < limit || limit < wanted;
    let offset = start;
    let page = rows.slice(0, first);
    if (last !== undefined && page.length > last) {
      offset += page.length - last;
      page = page.slice(page.length - last);
    }
    return {
      offset,
      rows: page,
      available: exact ? rows.length : Number.POSITIVE_INFINITY,
      rowsFollowBefore: false,
    };
  }
  if (end === undefined) {
    // Neither first, last nor before (no default page size): every row after the cursors.
    const rows = await source.find(start, undefined);
    return { offset: start, rows, available: rows.length, rowsFollowBefore: false };
  }
  // At least one row of the window is read: it tells that every position before it holds one.
  const from = last === undefined ? start : Math.max(start, end - Math.max(last, 1));
  const wanted = end - from;
  // Two rows more when a `before` is given: the row at `before` and one following it.
  const extra = before !== undefined && end === before ? 2 : 0;
  const rows = wanted + extra === 0 ? [] : await source.find(from, wanted + extra);
  if (rows.length < wanted && total === undefined) return undefined;
  const window = rows.slice(0, wanted);
  // Rows are contiguous: a row at `from` means every position from `start` holds one.
  const available = window.length === 0 ? 0 : from - start + window.length;
  const kept = last === undefined ? window.length : Math.min(last, window.length);
  const page = window.slice(window.length - kept);
  return {
    offset: from + window.length - kept,
    rows: page,
    available,
    rowsFollowBefore: rows.length === wanted + 2,
  };
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
  /**
   * The last `limit` rows, in the list's order (read in the reverse order, so the read needs no
   * count before it); absent when the list has no order to reverse.
   */
  findLast?(limit: number): Promise<ModelRow[]>;
}

/**
 * The last page (`last` without `first` or `before`) read together with the count that places
 * it: the tail of the list in the reverse order beside the count, one round trip instead of a
 * count and then a read at an offset.
 */
async function readLastPage(
  paging: Paging,
  last: number,
  source: ConnectionSource,
  findLast: (limit: number) => Promise<ModelRow[]>,
): Promise<{ page: Page; total: number }> {
  const { start } = paging;
  // At least one row is read, as readPage does: it tells that every position before it holds one.
  const limit = Math.max(last, 1);
  const [total, tail] = await Promise.all([source.count(), findLast(limit)]);
  const from = Math.max(start, total - limit);
  const window = tail.slice(Math.max(0, tail.length - Math.max(0, total - from)));
  const kept = Math.min(last, window.length);
  return {
    total,
    page: {
      offset: total - kept,
      rows: window.slice(window.length - kept),
      available: window.length === 0 ? 0 : from - start + window.length,
      rowsFollowBefore: false,
    },
  };
}

/**
 * Resolves one page with the Relay cursor connections specification's pagination algorithm:
 * `hasNextPage` is, with `first`, whether the cursors leave more than `first` edges, and
 * otherwise whether rows follow `before`; `hasPreviousPage` is, with `last`, whether they leave
 * more than `last` edges, and otherwise whether rows precede `after`. Costs one read, plus one
 * count for `last` without `first` or `before` (the end of the list must be known: read beside
 * the list's tail in reverse order where the source can) and when `totalCount` is selected
 * (sent beside the page read); a `before` past the end of the list costs a count and a second read.
 */
export async function resolveConnection(
  args: ConnectionArguments,
  source: ConnectionSource,
  wantsTotal: boolean,
): Promise<ConnectionResult> {
  const paging = readPaging(args);
  let total: number | undefined;
  let counting: Promise<number> | undefined;
  const countOnce = (): Promise<number> => {
    if (!counting) {
      counting = source.count();
      // Awaited by `totalCount`, or not at all when the page read fails first.
      counting.catch(() => undefined);
    }
    return counting;
  };
  let page: Page | undefined;
  const fromEnd = paging.first === undefined && paging.last !== undefined && paging.before === undefined;
  if (fromEnd && paging.last !== undefined && source.findLast) {
    ({ page, total } = await readLastPage(paging, paging.last, source, source.findLast.bind(source)));
  } else {
    if (fromEnd) total = await countOnce();
    const reading = readPage(paging, source, total);
    // A selected totalCount does not depend on the page: counted beside it, not after it.
    if (wantsTotal) void countOnce();
    page = await reading;
    if (!page) {
      total = await countOnce();
      page = (await readPage(paging, source, total)) as Page;
    }
  }
  const { offset, rows, available } = page;
  const edges = rows.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
  const { first, last, after } = paging;
  return {
    edges,
    nodes: rows,
    pageInfo: {
      hasNextPage:
        first !== undefined ? available > first : paging.before !== undefined && page.rowsFollowBefore,
      hasPreviousPage:
        last !== undefined
          ? available > last
          : after !== undefined && after > 0 && (available > 0 || (total !== undefined && after < total)),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total ?? (wantsTotal ? countOnce() : 0),
  };
}
