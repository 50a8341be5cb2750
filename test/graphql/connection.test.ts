import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageWindow, resolveConnection } from '../../src/graphql/connection.js';

const rows = Array.from({ length: 10 }, (_, index) => ({ id: index + 1 }));

function source() {
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

describe('cursors', () => {
  it('round-trip offsets and reject cursors this layer did not make', () => {
    expect(decodeCursor(encodeCursor(41), 'after')).toBe(41);
    expect(() => decodeCursor('bm9wZQ', 'after')).toThrow(/`after` is not a cursor of this connection/);
  });
});

describe('pageWindow', () => {
  it('applies after, before, first and last in the order Relay specifies', () => {
    expect(pageWindow({ first: 3 })).toEqual({ start: 0, end: 3, needsTotal: false });
    expect(pageWindow({ first: 3, after: encodeCursor(2) })).toEqual({ start: 3, end: 6, needsTotal: false });
    expect(pageWindow({ last: 2, before: encodeCursor(5) })).toEqual({ start: 3, end: 5, needsTotal: false });
    expect(pageWindow({ last: 2 })).toMatchObject({ needsTotal: true });
    expect(pageWindow({ last: 2 }, 10)).toEqual({ start: 8, end: 10, needsTotal: false });
  });

  it('rejects negative counts', () => {
    expect(() => pageWindow({ first: -1 })).toThrow(/`first` must be zero or more/);
  });
});

describe('resolveConnection', () => {
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

  it('serves last without before from a count and one read', async () => {
    const data = source();
    const page = await resolveConnection({ last: 3 }, data, true);
    expect(page.nodes).toEqual([{ id: 8 }, { id: 9 }, { id: 10 }]);
    expect(page.pageInfo.hasPreviousPage).toBe(true);
    expect(page.pageInfo.hasNextPage).toBe(false);
    expect(data.calls).toEqual(['count', 'find 7 4']);
  });
});
