import { describe, expect, it } from 'vitest';
import { connectorFactory, MemoryConnector } from '../../src/connectors/memory/index.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { DiscographError, OperationNotSupportedError, UnknownNameError } from '../../src/juggler/errors.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';

function userModel(ds: DataSource) {
  // The spec's "more advanced case" of dataSource.define.
  return ds.define('User', {
    email: { type: String, limit: 150, index: true },
    password: { type: String, limit: 50 },
    birthDate: Date,
    registrationDate: {
      type: Date,
      default: () => new Date(),
    },
    activated: { type: Boolean, default: false },
  });
}

describe('DataSource (spec examples)', () => {
  it("emits 'connected' after creation and sets the connected flag", async () => {
    const dataSource = new DataSource('memory', { database: 'myapp_test' });
    expect(dataSource.connected).toBe(false);
    await new Promise<void>((resolve) => dataSource.on('connected', () => resolve()));
    expect(dataSource.connected).toBe(true);
  });

  it('defines the spec User model with defaults applied on create', async () => {
    const ds = new DataSource('memory');
    const User = userModel(ds);
    const user = await User.create({ email: 'ann@example.com', password: 'secret' });
    expect(user.id).toBe(1);
    expect(user.activated).toBe(false);
    expect(user.registrationDate).toBeInstanceOf(Date);
    expect(ds.models.User).toBe(User);
    expect(ds.definitions.User?.name).toBe('User');
  });

  it('accepts settings with a connector, a connector object and a factory name alias', () => {
    expect(new DataSource({ connector: 'memory' }).connectorName).toBe('memory');
    const named = new DataSource('db', { connector: 'memory' });
    expect(named.name).toBe('db');
    expect(named.connectorName).toBe('memory');
    const connector = new MemoryConnector();
    expect(new DataSource(connector).connector).toBe(connector);
    expect(new DataSource(connectorFactory, {}).connector).toBeInstanceOf(MemoryConnector);
  });

  it('createModel is define', async () => {
    const ds = new DataSource('memory');
    const Note = ds.createModel('Note', { title: String });
    expect(await Note.count()).toBe(0);
  });

  it('queues calls with ready(obj, args, method) until connected', async () => {
    const ds = new DataSource('memory');
    const calls: unknown[][] = [];
    const target = {
      run(...args: unknown[]) {
        calls.push(args);
      },
    };
    expect(ds.ready(target, [1, 2], target.run)).toBe(true);
    expect(calls).toEqual([]);
    await ds.ready();
    expect(calls).toEqual([[1, 2]]);
    expect(ds.ready(target, [3], target.run)).toBe(false);
  });

  it('reports naming: tableName, columnName, columnNames, idName, idNames, idColumnName, columnMetadata', async () => {
    const ds = new DataSource('memory');
    ds.define(
      'InvoiceLine',
      {
        invoiceLineId: { type: Number, id: 1, memory: { columnName: 'invoice_line_id' } },
        unitPrice: { type: 'Decimal', memory: { columnName: 'unit_price', dataType: 'numeric' } },
      },
      { memory: { table: 'invoice_line' } },
    );
    expect(ds.tableName('InvoiceLine')).toBe('invoice_line');
    expect(ds.columnName('InvoiceLine', 'unitPrice')).toBe('unit_price');
    expect(ds.columnName('InvoiceLine', 'nope')).toBeUndefined();
    expect(ds.columnNames('InvoiceLine')).toEqual(['invoice_line_id', 'unit_price']);
    expect(ds.idName('InvoiceLine')).toBe('invoiceLineId');
    expect(ds.idNames('InvoiceLine')).toEqual(['invoiceLineId']);
    expect(ds.idColumnName('InvoiceLine')).toBe('invoice_line_id');
    expect(ds.columnMetadata('InvoiceLine', 'unitPrice')).toEqual({
      columnName: 'unit_price',
      dataType: 'numeric',
    });
    expect(ds.isRelational()).toBe(false);
    expect(() => ds.tableName('InvoiceLin')).toThrow(/did you mean `InvoiceLine`/);
  });

  it('defineProperty and defineForeignKey add properties that the connector sees at once', async () => {
    const ds = new DataSource('memory');
    ds.define('Author', { name: String });
    const Book = ds.define('Book', { title: String });
    expect(ds.columnNames('Book')).toEqual(['id', 'title']);
    ds.defineProperty('Book', 'isbn', { type: String });
    ds.defineForeignKey('Book', 'authorId', 'Author');
    expect(ds.columnNames('Book')).toEqual(['id', 'title', 'isbn', 'authorId']);
    expect(Book.definition.properties.authorId?.typeName).toBe('Number');
    const book = await Book.create({ title: 'T', isbn: '123', authorId: '7' });
    expect((await Book.findById(book.id)).authorId).toBe(7);
  });

  it('attaches a model built elsewhere and mixes in the DAO', async () => {
    const first = new DataSource('memory');
    const Tag = first.define('Tag', { label: String });
    const other = new DataSource('memory');
    other.attach(Tag);
    await Tag.create({ label: 'x' });
    expect(other.models.Tag).toBe(Tag);
    expect(await Tag.count()).toBe(1);
  });

  it('gives the models it defines one shared set of data access methods, inherited rather than copied', async () => {
    const ds = new DataSource('memory');
    const Tag = ds.define('Tag', { label: String });
    const Note = ds.define('Note', { text: String });
    expect(Tag.find).toBe(Note.find);
    expect(Object.hasOwn(Tag, 'find')).toBe(false);
    expect(Object.keys(Tag)).not.toContain('find');
    const tag = await Tag.create({ label: 'x' });
    expect(Object.hasOwn(Tag.prototype, 'save')).toBe(false);
    await tag.updateAttribute('label', 'y');
    expect((await Tag.findById(tag.id)).label).toBe('y');
    expect(() => Tag.scope('find', { where: { label: 'y' } })).toThrow(/would hide a method/);
  });

  it('mixes the DAO into a class built by a plain ModelBuilder as own methods', async () => {
    const ds = new DataSource('memory');
    const Plain = ds.attach(new ModelBuilder().define('Plain', { label: String }));
    expect(Object.hasOwn(Plain, 'find')).toBe(true);
    await Plain.create({ label: 'x' });
    expect(await Plain.count()).toBe(1);
  });

  it('manages operations: defineOperation, enableRemote, disableRemote, getOperation, operations', () => {
    const ds = new DataSource('memory');
    expect(ds.getOperation('find')?.remoteEnabled).toBe(true);
    ds.disableRemote('find');
    expect(ds.getOperation('find')?.remoteEnabled).toBe(false);
    const fn = () => 42;
    ds.defineOperation('ping', { http: { verb: 'get' } }, fn);
    ds.enableRemote('ping');
    expect(ds.getOperation('ping')).toMatchObject({
      name: 'ping',
      fn,
      remoteEnabled: true,
      http: { verb: 'get' },
    });
    expect(Object.keys(ds.operations())).toContain('ping');
    expect(() => ds.enableRemote('fnd')).toThrow(UnknownNameError);
  });

  it('runs automigrate and isActual through the connector, with callbacks too', async () => {
    const ds = new DataSource('memory');
    const Tag = ds.define('Tag', { label: String });
    await Tag.create({ label: 'a' });
    await ds.automigrate('Tag');
    expect(await Tag.count()).toBe(0);
    await ds.autoupdate();
    expect(await ds.isActual(['Tag'])).toBe(true);
    const viaCallback = await new Promise<unknown>((resolve, reject) =>
      ds.isActual((err: unknown, actual?: boolean) => (err ? reject(err) : resolve(actual))),
    );
    expect(viaCallback).toBe(true);
  });

  it('rejects migration on a connector without it with OPERATION_NOT_SUPPORTED', async () => {
    const memory = new MemoryConnector();
    const bare = Object.assign(Object.create(memory), { automigrate: undefined, name: 'bare' });
    const ds = new DataSource(bare);
    ds.define('Tag', { label: String });
    const error = await ds.automigrate().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OperationNotSupportedError);
    expect((error as OperationNotSupportedError).code).toBe('OPERATION_NOT_SUPPORTED');
  });

  it('rejects discovery on the memory connector with DISCOVERY_NOT_SUPPORTED, in both forms', async () => {
    const ds = new DataSource('memory');
    await expect(ds.discoverModelDefinitions({ views: true, limit: 20 })).rejects.toMatchObject({
      code: 'DISCOVERY_NOT_SUPPORTED',
    });
    await expect(ds.discoverModelProperties('PRODUCT')).rejects.toMatchObject({
      code: 'DISCOVERY_NOT_SUPPORTED',
    });
    await expect(ds.discoverPrimaryKeys('INVENTORY')).rejects.toMatchObject({
      code: 'DISCOVERY_NOT_SUPPORTED',
    });
    await expect(ds.discoverForeignKeys('INVENTORY')).rejects.toMatchObject({
      code: 'DISCOVERY_NOT_SUPPORTED',
    });
    await expect(ds.discoverExportedForeignKeys('PRODUCT')).rejects.toMatchObject({
      code: 'DISCOVERY_NOT_SUPPORTED',
    });
    await expect(ds.discoverSchema('INVENTORY', { owner: 'STRONGLOOP' })).rejects.toMatchObject({
      code: 'DISCOVERY_NOT_SUPPORTED',
    });
    const error = await new Promise<unknown>((resolve) =>
      ds.discoverAndBuildModels('INVENTORY', { visited: {}, associations: true }, (err: unknown) =>
        resolve(err),
      ),
    );
    expect((error as DiscographError).code).toBe('DISCOVERY_NOT_SUPPORTED');
  });

  it('disconnects with a callback and reconnects on the next call', async () => {
    const ds = new DataSource('memory');
    const Tag = ds.define('Tag', { label: String });
    await ds.ready();
    await new Promise<void>((resolve, reject) =>
      ds.disconnect((err: unknown) => (err ? reject(err) : resolve())),
    );
    expect(ds.connected).toBe(false);
    await Tag.create({ label: 'a' });
    expect(ds.connected).toBe(true);
  });

  it("emits 'error' and rejects calls when the connector cannot be loaded", async () => {
    const ds = new DataSource('no-such-connector');
    const emitted = new Promise<unknown>((resolve) => ds.on('error', resolve));
    const Tag = ds.define('Tag', { label: String });
    await expect(Tag.find()).rejects.toMatchObject({ code: 'INVALID_CONFIGURATION' });
    expect(await emitted).toBeInstanceOf(DiscographError);
  });
});
