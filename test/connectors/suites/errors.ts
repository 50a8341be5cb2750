/** Errors: the same classes and codes on every connector, raised before any statement when the juggler can tell. */
import { describe, expect, it } from 'vitest';
import { DatabaseError, ValidationError } from '../../../src/juggler/errors.js';
import type { ModelDefinition } from '../../../src/juggler/model-definition.js';
import { MEMBERSHIP, PERSON } from '../fixtures/people.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { onConnector, useDataSource } from '../harness/suite-data-source.js';

/** Runs `action`, expects it to fail with an error of `type`, and returns the error. */
async function failure<T extends Error>(
  type: new (...args: never[]) => T,
  action: () => Promise<unknown>,
): Promise<T> {
  const error = await action().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

/** Runs the error suite on a connector. */
export function errorsSuite(harness: ConnectorHarness): void {
  describe('errors', () => {
    const gauge: ModelDefinition = {
      name: 'Gauge',
      properties: {
        id: { type: 'Number', id: true },
        code: { type: 'String', length: 3 },
        small: { type: 'Number', ...onConnector(harness, { dataType: 'smallint' }) },
      },
    };
    const ids = fixtureIds(harness);
    const db = useDataSource(harness, 'suite_errors', [ids.model(PERSON), MEMBERSHIP, ids.model(gauge)]);

    it('reports a duplicate id as a UNIQUE_VIOLATION naming the id property, never the value', async () => {
      const Gauge = db.model('Gauge');
      await Gauge.create({ id: ids.id(424242) });
      const error = await failure(DatabaseError, () => Gauge.create({ id: ids.id(424242) }));
      expect(error).toMatchObject({
        code: 'UNIQUE_VIOLATION',
        statusCode: 409,
        details: { properties: ['id'] },
      });
      expect(error.message).toMatch(/`id`/);
      expect(error.message).not.toContain(String(ids.id(424242)));
    });

    if (harness.uniqueIndexes) {
      it('reports a duplicate composite id naming every id property', async () => {
        const Membership = db.model('Membership');
        await Membership.create({ groupId: 1, personId: 1 });
        const error = await failure(DatabaseError, () => Membership.create({ groupId: 1, personId: 1 }));
        expect(error).toMatchObject({
          code: 'UNIQUE_VIOLATION',
          details: { properties: ['groupId', 'personId'] },
        });
        expect(await Membership.count()).toBe(1);
      });
    } else {
      it('cannot report a duplicate composite id: the test server (CongoDB) enforces no unique index, so that runs on a real MongoDB only', async () => {
        const Membership = db.model('Membership');
        await Membership.create({ groupId: 9, personId: 9 });
        await Membership.create({ groupId: 9, personId: 9 });
        expect(await Membership.count({ groupId: 9, personId: 9 })).toBe(2);
      });
    }

    it('validates a required property before any statement, as LoopBack’s presence validation', async () => {
      const error = await failure(ValidationError, () =>
        db.model('Person').create({ email: 'x@example.com' }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', statusCode: 422 });
      expect(error.details.codes.name).toEqual(['presence']);
      expect(db.statements).toEqual([]);
    });

    if (harness.notNull) {
      it('reports a null written to a required property without validation as NOT_NULL_VIOLATION naming it', async () => {
        const Person = db.model('Person');
        const created = await failure(DatabaseError, () =>
          Person.create({ email: 'x@example.com' }, { validate: false }),
        );
        expect(created).toMatchObject({ code: 'NOT_NULL_VIOLATION', details: { property: 'name' } });
        expect(created.message).toMatch(/^`name` cannot be null/);
        const person = await Person.create({ name: 'Ada' });
        const updated = await failure(DatabaseError, () =>
          Person.updateAll({ id: person.id }, { name: null }),
        );
        expect(updated).toMatchObject({ code: 'NOT_NULL_VIOLATION', details: { property: 'name' } });
        expect(await Person.count({ name: 'Ada' })).toBe(1);
      });
    } else {
      it('keeps a document without a required property when validation is skipped: documents have no NOT NULL', async () => {
        const Person = db.model('Person');
        const created = await Person.create({ email: 'nameless@example.com' }, { validate: false });
        expect(await Person.findById(created.id, { fields: ['name'] }, { raw: true })).toEqual({
          id: created.id,
          name: null,
        });
        await Person.destroyById(created.id);
      });
    }

    it('rejects an unknown property in update data before any statement, suggesting a name', async () => {
      await expect(db.model('Person').updateAll({}, { emial: 'x' })).rejects.toMatchObject({
        code: 'UNKNOWN_PROPERTY',
        details: { model: 'Person', property: 'emial' },
        message: expect.stringMatching(/did you mean `email`/),
      });
      expect(db.statements).toEqual([]);
    });

    it('rejects a value that is not of the property type before any statement', async () => {
      const created = await failure(ValidationError, () =>
        db.model('Person').create({ name: 'Ada', active: 'maybe' }),
      );
      expect(created.details.codes.active).toEqual(['type']);
      const updated = await failure(ValidationError, () =>
        db.model('Person').updateAll({}, { score: 'lots' }),
      );
      expect(updated.details.codes.score).toEqual(['type']);
      expect(db.statements).toEqual([]);
    });

    if (harness.typedColumns) {
      it('reports a string too long for its declared length as VALUE_TOO_LONG, without the value', async () => {
        const error = await failure(DatabaseError, () =>
          db.model('Gauge').create({ id: 1, code: 'toolong' }),
        );
        expect(error.code).toBe('VALUE_TOO_LONG');
        expect(error.message).not.toContain('toolong');
      });

      it('reports a number out of its column’s range as NUMERIC_OUT_OF_RANGE naming the property', async () => {
        const error = await failure(DatabaseError, () => db.model('Gauge').create({ id: 2, small: 100000 }));
        expect(error.code).toBe('NUMERIC_OUT_OF_RANGE');
        expect(error.details).toMatchObject({ property: 'small' });
        expect(error.message).toContain('`small`');
        expect(await db.model('Gauge').exists(2)).toBe(false);
      });
    } else {
      it('keeps a string longer than its declared length: the connector has no column types to check it against', async () => {
        await db.model('Gauge').create({ id: ids.id(1), code: 'toolong', small: 100000 });
        expect(await db.model('Gauge').findById(ids.id(1), {}, { raw: true })).toEqual({
          id: ids.id(1),
          code: 'toolong',
          small: 100000,
        });
      });
    }
  });
}
