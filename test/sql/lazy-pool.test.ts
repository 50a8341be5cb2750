import { describe, expect, it } from 'vitest';
import { LazyPool } from '../../src/connectors/sql/lazy-pool.js';

/** A LazyPool over numbered stand-in pools, recording what it opened and ended. */
function countingPools(fail: (attempt: number) => boolean = () => false) {
  const opened: number[] = [];
  const ended: number[] = [];
  let attempts = 0;
  const pools = new LazyPool<{ id: number }>(
    async () => {
      attempts += 1;
      if (fail(attempts)) throw new Error(`opening ${attempts} failed`);
      opened.push(attempts);
      return { id: attempts };
    },
    async (pool) => {
      ended.push(pool.id);
    },
  );
  return { pools, opened, ended };
}

describe('a pool opened on first use', () => {
  it('opens once for callers that arrive while it opens, and is current afterwards', async () => {
    const { pools, opened } = countingPools();
    expect(pools.current).toBeUndefined();
    const [a, b] = await Promise.all([pools.get(), pools.get()]);
    expect(a).toBe(b);
    expect(opened).toEqual([1]);
    expect(pools.current).toBe(a);
  });

  it('forgets a failed opening, so the next caller opens again', async () => {
    const { pools, opened } = countingPools((attempt) => attempt === 1);
    await expect(pools.get()).rejects.toThrow('opening 1 failed');
    expect(pools.current).toBeUndefined();
    expect(await pools.get()).toEqual({ id: 2 });
    expect(opened).toEqual([2]);
  });

  it('closes a pool still opening, and opens a new one when asked again', async () => {
    const { pools, ended } = countingPools();
    const opening = pools.get();
    await pools.close();
    expect(ended).toEqual([(await opening).id]);
    expect(pools.current).toBeUndefined();
    expect(await pools.get()).toEqual({ id: 2 });
  });

  it('closes nothing when nothing was opened', async () => {
    const { pools, ended } = countingPools();
    await pools.close();
    expect(ended).toEqual([]);
  });
});
