/** automigrate, autoupdate and isActual for models defined in code. */
import { describe, expect, it } from 'vitest';
import type { DefineSettings, PropertiesInput } from '../../../src/juggler/model-builder.js';
import type { ConnectorHarness } from '../harness/connector-harness.js';
import { fixtureIds } from '../harness/fixture-ids.js';
import { onConnector, useDataSource } from '../harness/suite-data-source.js';

/** Runs the migration suite on a connector. */
export function migrationSuite(harness: ConnectorHarness): void {
  describe('migration', () => {
    const ids = fixtureIds(harness);
    const generatedId = ids.key({ type: 'Number', id: true, generated: true });
    const givenId = ids.key({ type: 'Number', id: true });
    const db = useDataSource(harness, 'suite_migration', []);
    const define = (name: string, properties: PropertiesInput, settings: DefineSettings = {}) =>
      db.dataSource.createModel(name, properties, settings);

    it('automigrate creates the tables of the models, and empties them when run again', async () => {
      const Book = define('Book', { id: generatedId, title: { type: 'String', length: 50 } });
      await db.dataSource.automigrate(['Book']);
      await Book.create([{ title: 'Dune' }, { title: 'Emma' }]);
      expect(await Book.count()).toBe(2);
      await db.dataSource.automigrate(['Book']);
      expect(await Book.count()).toBe(0);
      expect((await Book.create({ title: 'Again' })).id).toEqual(ids.generated(1));
    });

    it('autoupdate adds new properties and new models, keeping the rows', async () => {
      const V1 = define('Book', { id: generatedId, title: { type: 'String', length: 50 } });
      await db.dataSource.automigrate(['Book']);
      const dune = await V1.create({ title: 'Dune' });
      const V2 = define('Book', {
        id: generatedId,
        title: { type: 'String', length: 50 },
        pages: { type: 'Number' },
        isbn: { type: 'String', length: 13 },
      });
      const Shelf = define('Shelf', { id: generatedId, label: { type: 'String', length: 20 } });
      await db.dataSource.autoupdate(['Book', 'Shelf']);
      expect(await db.dataSource.isActual(['Book', 'Shelf'])).toBe(true);
      expect(dune.id).toEqual(ids.generated(1));
      expect(await V2.find({}, { raw: true })).toEqual([
        { id: dune.id, title: 'Dune', pages: null, isbn: null },
      ]);
      await V2.updateAll({ id: dune.id }, { pages: 412 });
      expect(await V2.findById(dune.id, { fields: ['pages'] }, { raw: true })).toEqual({
        id: dune.id,
        pages: 412,
      });
      expect((await Shelf.create({ label: 'top' })).toObject()).toEqual({
        id: ids.generated(1),
        label: 'top',
      });
    });

    it('autoupdate makes a given id one the connector generates, continuing after the existing rows', async () => {
      const Given = define('Ticket', {
        id: givenId,
        label: { type: 'String', length: 10 },
      });
      await db.dataSource.automigrate(['Ticket']);
      await Given.create([
        { id: ids.id(1), label: 'a' },
        { id: ids.id(7), label: 'b' },
      ]);
      const Generated = define('Ticket', { id: generatedId, label: { type: 'String', length: 10 } });
      await db.dataSource.autoupdate(['Ticket']);
      expect(await db.dataSource.isActual(['Ticket'])).toBe(true);
      expect((await Generated.create({ label: 'c' })).toObject()).toEqual({
        id: ids.generated(8),
        label: 'c',
      });
    });

    if (harness.typedColumns) {
      it('isActual is false for a changed model and for a model without a table', async () => {
        define('Book', { id: generatedId, title: { type: 'String', length: 50 } });
        await db.dataSource.automigrate(['Book']);
        expect(await db.dataSource.isActual(['Book'])).toBe(true);
        define('Book', { id: generatedId, title: { type: 'String', length: 80 } });
        expect(await db.dataSource.isActual(['Book'])).toBe(false);
        define('Nowhere', { id: generatedId });
        expect(await db.dataSource.isActual(['Nowhere'])).toBe(false);
      });
    } else {
      it('isActual is always true: the connector keeps no schema for a model to differ from', async () => {
        define('Nowhere', { id: generatedId });
        expect(await db.dataSource.isActual(['Nowhere'])).toBe(true);
      });
    }

    // Without column types (documents) there are no lengths, types or nullability to change.
    if (harness.typedColumns && harness.capabilities.discovery) {
      it('autoupdate changes lengths, types and nullability, keeping the rows', async () => {
        const V1 = define('Book', {
          id: generatedId,
          title: { type: 'String', length: 50 },
          pages: { type: 'Number' },
        });
        await db.dataSource.automigrate(['Book']);
        await V1.create({ title: 'Dune', pages: 412 });
        const V2 = define('Book', {
          id: generatedId,
          title: { type: 'String', length: 100, required: true },
          pages: { type: 'BigInt' },
        });
        expect(await db.dataSource.isActual(['Book'])).toBe(false);
        await db.dataSource.autoupdate(['Book']);
        expect(await db.dataSource.isActual(['Book'])).toBe(true);
        const columns = await db.dataSource.discoverModelProperties(db.dataSource.tableName('Book'));
        const column = (property: string) =>
          columns.find((row) => row.columnName === db.dataSource.columnName('Book', property));
        expect(column('title')).toMatchObject({ dataLength: 100, nullable: false });
        expect(db.dataSource.connector?.mapPropertyType?.(column('pages')!).type).toBe('BigInt');
        expect(await V2.find({}, { raw: true })).toEqual([{ id: 1, title: 'Dune', pages: '412' }]);
      });
    }

    it('refuses to migrate a read-only model', async () => {
      define('BookView', { id: { type: 'Number', id: true } }, { readOnly: true });
      await expect(db.dataSource.automigrate(['BookView'])).rejects.toMatchObject({
        code: 'READ_ONLY_MODEL',
      });
      await expect(db.dataSource.autoupdate(['BookView'])).rejects.toMatchObject({ code: 'READ_ONLY_MODEL' });
    });

    it('quotes hostile table and column names, so that they are only names', async () => {
      const Hostile = define(
        'Hostile',
        {
          id: ids.key({
            type: 'Number',
            id: true,
            generated: true,
            ...onConnector(harness, { columnName: 'id?"`; DROP TABLE book; --' }),
          }),
          label: { type: 'String', length: 40, ...onConnector(harness, { columnName: 'la\'bel`"?$1' }) },
        },
        onConnector(harness, { table: 'weird"`table?' }),
      );
      const Book = define('Book', { id: generatedId, title: { type: 'String', length: 50 } });
      await db.dataSource.automigrate(['Hostile', 'Book']);
      await Book.create({ title: 'Safe' });
      const label = '`) VALUES (1); DROP TABLE book; --';
      const hostile = await Hostile.create({ label });
      expect(hostile.toObject()).toEqual({ id: ids.generated(1), label });
      expect(await Hostile.find({ where: { label } }, { raw: true })).toEqual([{ id: hostile.id, label }]);
      expect(await Hostile.updateAll({ id: hostile.id }, { label: '?' })).toEqual({ count: 1 });
      expect(await Hostile.find({ where: { label: { like: '?%' } } }, { raw: true })).toEqual([
        { id: hostile.id, label: '?' },
      ]);
      expect(await Book.count()).toBe(1);
    });
  });
}
