import { describe, expect, it } from 'vitest';
import {
  type ConnectionArguments,
  decodeCursor,
  encodeCursor,
  readPaging,
  resolveConnection,
} from '../../src/graphql/connection.js';
import {
  mayFlagsAreTruthful,
  type ReferenceArguments,
  referenceCases,
  relayReference,
} from './support/relay-reference.js';

function source(length = 10) {
  const rows = Array.from({ length }, (_, index) => ({ id: index + 1 }));
  const calls: string[] = [];
  return {
    calls,
    count: async () => {
      calls.push('count');
      return rows.length;
    },
    find: async (skip: number, limit: number | undefined) => {
      calls.push(`find ${skip} ${limit}`);
      return rows.slice(skip, limit === undefined ? undefined : skip + limit);
    },
  };
}

/** A source that also reads the list's tail in the reverse order (a list with an order to reverse). */
function sourceWithTail(length = 10) {
  const base = source(length);
  const rows = Array.from({ length }, (_, index) => ({ id: index + 1 }));
  return {
    ...base,
    findLast: async (limit: number) => {
      base.calls.push(`find last ${limit}`);
      return rows.slice(Math.max(0, rows.length - limit));
    },
  };
}

function toArguments(args: ReferenceArguments): ConnectionArguments {
  return {
    ...(args.first !== undefined ? { first: args.first } : {}),
    ...(args.last !== undefined ? { last: args.last } : {}),
    ...(args.after !== undefined ? { after: encodeCursor(args.after) } : {}),
    ...(args.before !== undefined ? { before: encodeCursor(args.before) } : {}),
  };
}

describe('cursors', () => {
  it('round-trip offsets and reject cursors this layer did not make', () => {
    expect(decodeCursor(encodeCursor(41), 'after')).toBe(41);
    expect(() => decodeCursor('bm9wZQ', 'after')).toThrow(/`after` is not a cursor of this connection/);
  });
});

describe('readPaging', () => {
  it('rejects negative first and last (the specification: first/last less than 0 is an error)', () => {
    expect(() => readPaging({ first: -1 })).toThrow(/`first` must be zero or more/);
    expect(() => readPaging({ last: -1 })).toThrow(/`last` must be zero or more/);
  });
});

describe('resolveConnection follows the Relay specification’s pagination algorithm', () => {
  it.each([
    ['reads pages with skip and limit', source],
    ['also reads the tail in the reverse order', sourceWithTail],
  ])(
    'answers the edges, hasNextPage (with first) and hasPreviousPage (with last) of the algorithm for every combination of arguments over 0 to 6 rows, when the source %s',
    async (_name, makeSource) => {
      const mismatches: string[] = [];
      for (let length = 0; length <= 6; length++) {
        for (const args of referenceCases(length, [0, 1, 2, 3, 7])) {
          const expected = relayReference(length, args);
          const page = await resolveConnection(toArguments(args), makeSource(length), false);
          const positions = page.edges.map((edge) => decodeCursor(edge.cursor, 'after'));
          const ids = page.nodes.map((node) => (node.id as number) - 1);
          const ok =
            JSON.stringify(positions) === JSON.stringify(expected.positions) &&
            JSON.stringify(ids) === JSON.stringify(expected.positions) &&
            (expected.hasNextPage === undefined || page.pageInfo.hasNextPage === expected.hasNextPage) &&
            (expected.hasPreviousPage === undefined ||
              page.pageInfo.hasPreviousPage === expected.hasPreviousPage) &&
            mayFlagsAreTruthful(length, args, page.pageInfo) &&
            page.pageInfo.startCursor === (page.edges[0]?.cursor ?? null) &&
            page.pageInfo.endCursor === (page.edges.at(-1)?.cursor ?? null);
          if (!ok)
            mismatches.push(
              `${length} rows ${JSON.stringify(args)} → ${JSON.stringify(positions)} ${JSON.stringify(page.pageInfo)}`,
            );
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('applies last to the rows first leaves, not to positions that hold no row', async () => {
    const page = await resolveConnection({ first: 5, last: 2 }, source(3), false);
    expect(page.nodes).toEqual([{ id: 2 }, { id: 3 }]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('says there is no next page when first reaches before', async () => {
    const page = await resolveConnection({ first: 10, before: encodeCursor(2) }, source(10), false);
    expect(page.nodes).toEqual([{ id: 1 }, { id: 2 }]);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('says there is no previous page over an empty list, and one when more rows than last remain', async () => {
    const empty = await resolveConnection({ first: 4, last: 2 }, source(0), false);
    expect(empty.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
    const many = await resolveConnection({ first: 5, last: 5 }, source(208), false);
    expect(many.nodes).toHaveLength(5);
    expect(many.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('reads one extra row to know about the next page and counts only when totalCount is asked for', async () => {
    const data = source();
    const page = await resolveConnection({ first: 3 }, data, false);
    expect(page.nodes).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(0),
      endCursor: encodeCursor(2),
    });
    expect(data.calls).toEqual(['find 0 4']);
  });

  it('walks forward with endCursor until the last page', async () => {
    const data = source();
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const result = await resolveConnection({ first: 4, after }, data, true);
      seen.push(...result.nodes.map((node) => node.id as number));
      expect(await result.totalCount).toBe(10);
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('walks backward with startCursor until the first page', async () => {
    const data = source();
    const seen: number[] = [];
    let before: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const result = await resolveConnection({ last: 4, before }, data, false);
      seen.unshift(...result.nodes.map((node) => node.id as number));
      if (!result.pageInfo.hasPreviousPage) break;
      before = result.pageInfo.startCursor;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('serves last without before from a count and one read, and last with before from one read', async () => {
    const data = source();
    const page = await resolveConnection({ last: 3 }, data, true);
    expect(page.nodes).toEqual([{ id: 8 }, { id: 9 }, { id: 10 }]);
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(data.calls).toEqual(['count', 'find 7 3']);
    const backward = source();
    const before = await resolveConnection({ last: 2, before: encodeCursor(5) }, backward, false);
    expect(before.nodes).toEqual([{ id: 4 }, { id: 5 }]);
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    expect(backward.calls).toEqual(['find 3 4']);
  });

  it('reads the last page beside its count when the source reads the tail in the reverse order', async () => {
    const data = sourceWithTail();
    const page = await resolveConnection({ last: 3 }, data, true);
    expect(page.nodes).toEqual([{ id: 8 }, { id: 9 }, { id: 10 }]);
    expect(page.edges.map((edge) => decodeCursor(edge.cursor, 'after'))).toEqual([7, 8, 9]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(await page.totalCount).toBe(10);
    expect(data.calls).toEqual(['count', 'find last 3']);
  });

  it('sends a selected totalCount beside the page read, before the page is answered', async () => {
    const data = source();
    let pageAnswered = false;
    const counted: boolean[] = [];
    const page = await resolveConnection(
      { first: 2 },
      {
        count: async () => {
          counted.push(pageAnswered);
          return data.count();
        },
        find: async (skip, limit) => {
          const rows = await data.find(skip, limit);
          await new Promise((resolve) => setTimeout(resolve, 5));
          pageAnswered = true;
          return rows;
        },
      },
      true,
    );
    expect(await page.totalCount).toBe(10);
    expect(counted).toEqual([false]);
    expect(data.calls).toEqual(['find 0 3', 'count']);
  });

  it('counts and reads again when before lies past the end of the list', async () => {
    const data = source(4);
    const page = await resolveConnection({ last: 2, before: encodeCursor(9) }, data, false);
    expect(page.nodes).toEqual([{ id: 3 }, { id: 4 }]);
    expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(data.calls).toEqual(['find 7 4', 'count', 'find 2 2']);
  });
});
