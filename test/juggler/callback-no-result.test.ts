import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';

type Step = (...args: unknown[]) => void;

/** async.waterfall's contract: each step's results after the error become the next step's arguments. */
function waterfall(
  steps: ((...args: unknown[]) => void)[],
  done: (err: unknown, ...results: unknown[]) => void,
) {
  const run = (index: number, args: unknown[]) => {
    const step = steps[index];
    if (!step) {
      done(null, ...args);
      return;
    }
    const next: Step = (err, ...results) => (err ? done(err) : run(index + 1, results));
    step(...args, next);
  };
  run(0, []);
}

/** Calls `start` with a callback and resolves to the arguments the callback received. */
function callbackArguments(start: (callback: (...args: unknown[]) => void) => void): Promise<unknown[]> {
  return new Promise((resolve) => start((...args) => resolve(args)));
}

describe('callbacks of operations with no result are called (err) only', () => {
  it('automigrate, autoupdate and disconnect call back with one argument, null', async () => {
    const ds = new DataSource('memory');
    ds.define('Note', { text: String });
    expect(await callbackArguments((cb) => ds.automigrate(cb))).toEqual([null]);
    expect(await callbackArguments((cb) => ds.autoupdate(cb))).toEqual([null]);
    expect(await callbackArguments((cb) => ds.automigrate(['Note'], cb))).toEqual([null]);
    expect(await callbackArguments((cb) => ds.disconnect(cb))).toEqual([null]);
  });

  it('work as async.waterfall steps: automigrate, then create, then count', async () => {
    const ds = new DataSource('memory');
    const Note = ds.define('Note', { text: String });
    const results = await new Promise<unknown[]>((resolve, reject) =>
      waterfall(
        [
          (next) => ds.automigrate(next as Step),
          (next) => Note.create({ text: 'a' }, next as Step),
          (note, next) => Note.count({ text: (note as { text: string }).text }, next as Step),
        ],
        (err, ...values) => (err ? reject(err) : resolve(values)),
      ),
    );
    expect(results).toEqual([1]);
  });

  it('still pass a result when there is one, and the error alone on failure', async () => {
    const ds = new DataSource('memory');
    const Note = ds.define('Note', { text: String });
    expect(await callbackArguments((cb) => Note.count(cb))).toEqual([null, 0]);
    expect(await callbackArguments((cb) => Note.findById(42, cb))).toEqual([null, null]);
    const [err, ...rest] = await callbackArguments((cb) => Note.find({ where: { nope: 1 } }, cb));
    expect(err).toBeInstanceOf(Error);
    expect(rest).toEqual([]);
  });
});
