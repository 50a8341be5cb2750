import { describe, expect, it } from 'vitest';
import { callbackify, splitCallback, withCallback } from '../../src/juggler/compat/callback.js';

/** Runs a callback-style call; resolves to what the callback got and what the call returned. */
function nodeCall<T>(
  start: (callback: (err: unknown, result?: T) => void) => unknown,
): Promise<{ err: unknown; result?: T; returned: unknown }> {
  return new Promise((resolve) => {
    const box: { returned?: unknown } = {};
    box.returned = start((err, result) => resolve({ err, result, returned: box.returned }));
  });
}

describe('withCallback', () => {
  it('returns the promise when no callback is given', async () => {
    const promise = Promise.resolve(1);
    expect(withCallback(promise)).toBe(promise);
  });

  it('settles a node-style callback and returns undefined when one is given', async () => {
    expect(await nodeCall((cb) => withCallback(Promise.resolve(7), cb))).toEqual({
      err: null,
      result: 7,
      returned: undefined,
    });
    const failure = await nodeCall((cb) => withCallback(Promise.reject(new Error('nope')), cb));
    expect(failure.err).toBeInstanceOf(Error);
    expect((failure.err as Error).message).toBe('nope');
  });

  it('calls the callback on a later tick, outside the promise chain', async () => {
    const events: string[] = [];
    await new Promise<void>((resolve) => {
      withCallback(Promise.resolve('x'), () => {
        events.push('callback');
        resolve();
      });
      events.push('returned');
    });
    expect(events).toEqual(['returned', 'callback']);
  });
});

describe('callbackify', () => {
  const find = callbackify(async function (
    this: { prefix: string },
    filter?: { limit?: number },
    options?: { raw?: boolean },
  ) {
    return `${this.prefix}:${filter?.limit ?? 'all'}:${options?.raw ? 'raw' : 'instances'}`;
  });
  const model = { prefix: 'Track', find };

  it('keeps the Promise form', async () => {
    await expect(model.find({ limit: 2 })).resolves.toBe('Track:2:instances');
    await expect(model.find()).resolves.toBe('Track:all:instances');
  });

  it('accepts a trailing callback after any number of optional arguments', async () => {
    expect(await nodeCall((cb) => model.find(cb))).toEqual({
      err: null,
      result: 'Track:all:instances',
      returned: undefined,
    });
    expect((await nodeCall((cb) => model.find({ limit: 1 }, cb))).result).toBe('Track:1:instances');
    expect((await nodeCall((cb) => model.find({ limit: 1 }, { raw: true }, cb))).result).toBe('Track:1:raw');
  });

  it('turns a synchronous throw into a rejection or a callback error', async () => {
    const failing = callbackify((): Promise<number> => {
      throw new Error('sync failure');
    });
    await expect(failing()).rejects.toThrow('sync failure');
    expect(((await nodeCall((cb) => failing(cb))).err as Error).message).toBe('sync failure');
  });

  it('keeps the wrapped function name', () => {
    async function count(): Promise<number> {
      return 0;
    }
    expect(callbackify(count).name).toBe('count');
  });
});

describe('splitCallback', () => {
  it('separates a trailing function from the arguments', () => {
    const cb = () => {};
    expect(splitCallback([1, cb])).toEqual({ args: [1], callback: cb });
    expect(splitCallback([1, 2])).toEqual({ args: [1, 2] });
    expect(splitCallback([])).toEqual({ args: [] });
  });
});
