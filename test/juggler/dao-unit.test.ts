/**
 * Which models' writes may send more than the write itself (`sendsStatementsAroundWrites`, what
 * decides whether a mutation field gets a transaction of its own on the pool), and
 * `Model.runAtomically` on a connector without transactions (the memory connector).
 */
import { describe, expect, it } from 'vitest';
import { sendsStatementsAroundWrites } from '../../src/juggler/dao/dao-unit.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { readOnlyListener } from '../../src/juggler/observer.js';

function defineNote(): ModelClass {
  const dataSource = new DataSource('memory');
  return dataSource.define('Note', { title: String }) as unknown as ModelClass;
}

describe('sendsStatementsAroundWrites', () => {
  it('is false for a model without hooks: its write is the only statement that writes', () => {
    expect(sendsStatementsAroundWrites(defineNote())).toBe(false);
  });

  it('is true once a listener that may write runs before or after a write', () => {
    const before = defineNote();
    before.observe('before save', async () => {});
    expect(sendsStatementsAroundWrites(before)).toBe(true);
    const after = defineNote();
    after.observe('after delete', async () => {});
    expect(sendsStatementsAroundWrites(after)).toBe(true);
  });

  it('ignores read-only listeners before the write, not after it (a failing read after the write would keep it)', () => {
    const before = defineNote();
    before.observe(
      'before save',
      readOnlyListener(async () => {}),
    );
    before.observe(
      'access',
      readOnlyListener(async () => {}),
    );
    expect(sendsStatementsAroundWrites(before)).toBe(false);
    const after = defineNote();
    after.observe(
      'after save',
      readOnlyListener(async () => {}),
    );
    expect(sendsStatementsAroundWrites(after)).toBe(true);
  });

  it('is true for a model with a lifecycle hook (`Model.afterCreate = ...`)', () => {
    const Note = defineNote();
    Note.afterCreate = (next: () => void) => next();
    expect(sendsStatementsAroundWrites(Note)).toBe(true);
  });
});

describe('Model.runAtomically', () => {
  it('runs the work with the caller’s options on a connector without transactions', async () => {
    const Note = defineNote();
    const options = { request: {} };
    const created = await Note.runAtomically(async (given: object) => {
      expect(given).toBe(options);
      return Note.create({ title: 'kept' }, given);
    }, options);
    expect(created.title).toBe('kept');
  });
});
