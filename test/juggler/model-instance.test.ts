import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownNameError } from '../../src/juggler/errors.js';
import { ModelBaseClass } from '../../src/juggler/model.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
import type { ModelSettings } from '../../src/juggler/model-definition.js';
import type { ModelInstance } from '../../src/juggler/model-types.js';
import { GeoPoint } from '../../src/juggler/types/index.js';
import type { ValidationErrors } from '../../src/juggler/validation/index.js';

/** The errors bag of the last validation run (it is `false` when the run passed). */
function errorsOf(instance: ModelInstance): ValidationErrors {
  return instance.errors as ValidationErrors;
}

function defineInvoice(settings: ModelSettings = {}) {
  return new ModelBuilder().define(
    'Invoice',
    {
      invoiceId: { type: Number, id: true, generated: true },
      total: { type: 'Decimal', precision: 10, scale: 2 },
      bigCounter: 'BigInt',
      issuedAt: Date,
      paid: { type: Boolean, default: false },
      billingAddress: { type: String, length: 70 },
      location: 'GeoPoint',
      tags: { type: [String], default: [] },
    },
    settings,
  );
}

describe('model construction', () => {
  it('coerces data through the property setters into __data', () => {
    const Invoice = defineInvoice();
    const invoice = new Invoice({
      invoiceId: '7',
      total: '12345678901234567890.12',
      bigCounter: 9007199254740993n,
      issuedAt: '2021-01-01T00:00:00Z',
      paid: 'true',
      tags: ['a', 1],
    });
    expect(invoice.__data).toEqual({
      invoiceId: 7,
      total: '12345678901234567890.12',
      bigCounter: '9007199254740993',
      issuedAt: new Date('2021-01-01T00:00:00Z'),
      paid: true,
      tags: ['a', '1'],
    });
    expect(invoice.total).toBe('12345678901234567890.12');
  });

  it('coerces values assigned later through the same setters', () => {
    const invoice = new (defineInvoice())({});
    invoice.total = 19.9;
    invoice.issuedAt = 0;
    invoice.paid = 0;
    expect([invoice.total, invoice.issuedAt, invoice.paid]).toEqual(['19.9', new Date(0), false]);
  });

  it('keeps a value the setter cannot coerce, for validation to report', () => {
    const invoice = new (defineInvoice())({ issuedAt: 'yesterday', total: 'a lot' });
    expect(invoice.issuedAt).toBe('yesterday');
    expect(invoice.isValid()).toBe(false);
    expect(errorsOf(invoice).issuedAt).toEqual(['is not a valid date']);
    expect(errorsOf(invoice).codes).toEqual({ issuedAt: ['date'], total: ['type'] });
  });

  it('copies mutable defaults per instance', () => {
    const Invoice = defineInvoice();
    const first = new Invoice();
    first.tags.push('x');
    expect(new Invoice().tags).toEqual([]);
  });

  it('marks instances built from database rows as persisted, with no defaults', () => {
    const Invoice = defineInvoice();
    const loaded = new Invoice({ invoiceId: 1 }, { persisted: true });
    expect(loaded.__persisted).toBe(true);
    expect(loaded.paid).toBeUndefined();
    expect(new Invoice({}).__persisted).toBe(false);
    expect(new Invoice({}, { applyDefaultValues: false }).paid).toBeUndefined();
  });

  it('builds from another instance of the model', () => {
    const Invoice = defineInvoice();
    const copy = new Invoice(new Invoice({ total: '1.50' }));
    expect(copy.total).toBe('1.50');
  });

  it('keeps no enumerable bookkeeping on the instance', () => {
    const invoice = new (defineInvoice())({ total: 1 });
    expect(Object.keys(invoice)).toEqual([]);
    expect(JSON.parse(JSON.stringify(invoice))).toEqual({ total: '1', paid: false, tags: [] });
  });

  it('cannot instantiate the base class directly', () => {
    expect(() => new ModelBaseClass({})).toThrow(InvalidArgumentError);
  });
});

describe('strict settings', () => {
  it('keeps unknown properties with strict: false (the ModelBuilder default)', () => {
    for (const settings of [{}, { strict: false }] as ModelSettings[]) {
      const invoice = new (defineInvoice(settings))({ total: 1, note: 'extra' });
      expect(invoice.note).toBe('extra');
      expect(invoice.__data.note).toBe('extra');
      expect(invoice.toObject(true)).toEqual({ total: '1', paid: false, tags: [], note: 'extra' });
      expect(invoice.isValid()).toBe(true);
    }
  });

  it("drops unknown properties and reports them as 'unknown-property' with strict: true", () => {
    const invoice = new (defineInvoice({ strict: true }))({ total: 1, note: 'extra' });
    expect(invoice.note).toBeUndefined();
    expect(invoice.toObject()).toEqual({ total: '1', paid: false, tags: [] });
    expect(invoice.isValid()).toBe(false);
    expect(errorsOf(invoice).note).toEqual(['is not defined in the model']);
    expect(errorsOf(invoice).codes).toEqual({ note: ['unknown-property'] });
  });

  it("drops unknown properties silently with strict: 'filter'", () => {
    const invoice = new (defineInvoice({ strict: 'filter' }))({ total: 1, note: 'extra' });
    expect(invoice.toObject()).toEqual({ total: '1', paid: false, tags: [] });
    expect(invoice.isValid()).toBe(true);
  });

  it("throws on unknown properties with strict: 'throw', suggesting the closest one", () => {
    const Invoice = defineInvoice({ strict: 'throw' });
    expect(() => new Invoice({ totl: 1 })).toThrow(UnknownNameError);
    expect(() => new Invoice({ totl: 1 })).toThrow(
      'Unknown property `totl` of model `Invoice`; did you mean `total`?',
    );
  });

  it('applies strict to setAttributes too, and lets a build option override the setting', () => {
    const Invoice = defineInvoice({ strict: true });
    const invoice = new Invoice({});
    invoice.setAttributes({ total: '2', bogus: 1 });
    expect(invoice.total).toBe('2');
    expect(invoice.isValid()).toBe(false);
    expect(errorsOf(invoice).codes).toEqual({ bogus: ['unknown-property'] });
    expect(new Invoice({ bogus: 1 }, { strict: false }).bogus).toBe(1);
  });

  it('drops unknown columns of persisted rows without reporting them', () => {
    const Invoice = defineInvoice({ strict: 'throw' });
    const loaded = new Invoice({ invoiceId: 1, legacy_column: 'x' }, { persisted: true });
    expect(loaded.toObject()).toEqual({ invoiceId: 1 });
  });
});

describe('toObject and toJSON', () => {
  it('gives a canonical plain object; onlySchema restricts it to defined properties', () => {
    const Invoice = defineInvoice({ strict: false });
    const invoice = new Invoice({
      total: '5.00',
      issuedAt: '2020-02-02T00:00:00Z',
      location: '1,2',
      extra: 1,
    });
    invoice.added = 'later';
    const all = invoice.toObject();
    expect(all).toEqual({
      total: '5.00',
      issuedAt: new Date('2020-02-02T00:00:00Z'),
      paid: false,
      location: new GeoPoint(1, 2),
      tags: [],
      extra: 1,
      added: 'later',
    });
    expect(all.issuedAt).toBeInstanceOf(Date);
    expect(all.location).toBeInstanceOf(GeoPoint);
    expect(Object.getPrototypeOf(all)).toBe(Object.prototype);
    const Strict = defineInvoice({ strict: true });
    const strictInstance = new Strict({ total: 1 });
    strictInstance.added = 'later';
    expect(strictInstance.toObject(true)).toEqual({ total: '1', paid: false, tags: [] });
    expect(strictInstance.toObject(false)).toEqual({ total: '1', paid: false, tags: [], added: 'later' });
  });

  it('leaves hidden properties out of toJSON only', () => {
    const builder = new ModelBuilder();
    const Account = builder.define(
      'Account',
      { email: String, password: String, token: { type: String, hidden: true } },
      { hidden: ['password'] },
    );
    const account = new Account({ email: 'a@b.c', password: 'secret', token: 't' });
    expect(account.toJSON()).toEqual({ email: 'a@b.c' });
    expect(account.toObject()).toEqual({ email: 'a@b.c', password: 'secret', token: 't' });
    expect(JSON.stringify(account)).toBe('{"email":"a@b.c"}');
  });

  it('includes related data cached by the data layer unless onlySchema', () => {
    const builder = new ModelBuilder();
    const Album = builder.define(
      'Album',
      { title: String },
      { relations: { tracks: { type: 'hasMany', model: 'Track', foreignKey: 'albumId' } } },
    );
    const Track = builder.define('Track', { name: String, albumId: Number });
    const album = new Album({ id: 1, title: 'Let There Be Rock' });
    album.__cachedRelations.tracks = [new Track({ name: 'Go Down', albumId: 1 })];
    expect(album.toObject()).toEqual({
      id: 1,
      title: 'Let There Be Rock',
      tracks: [{ name: 'Go Down', albumId: 1 }],
    });
    expect(album.toObject(true)).toEqual({ id: 1, title: 'Let There Be Rock' });
    const fromData = new Album({ title: 'x', tracks: [{ name: 'y' }] });
    expect(fromData.__cachedRelations.tracks).toEqual([{ name: 'y' }]);
  });
});

describe('dirty tracking', () => {
  it('tells whether a property changed since construction (propertyChanged)', () => {
    const invoice = new (defineInvoice())({ total: '1.00', issuedAt: '2020-01-01T00:00:00Z', tags: ['a'] });
    expect(invoice.propertyChanged('total')).toBe(false);
    invoice.total = '1.00';
    expect(invoice.propertyChanged('total')).toBe(false);
    invoice.total = '2.00';
    expect(invoice.propertyChanged('total')).toBe(true);
    invoice.issuedAt = new Date('2020-01-01T00:00:00Z');
    expect(invoice.propertyChanged('issuedAt')).toBe(false);
    invoice.issuedAt.setUTCFullYear(2021);
    expect(invoice.propertyChanged('issuedAt')).toBe(true);
    invoice.tags.push('b');
    expect(invoice.propertyChanged('tags')).toBe(true);
    expect(invoice.propertyChanged('paid')).toBe(false);
  });

  it('puts the instance back to its initial state (reset), without a database', () => {
    const invoice = new (defineInvoice())({ total: '1.00', tags: ['a'] });
    invoice.total = '9.99';
    invoice.billingAddress = 'Somewhere';
    invoice.tags.push('b');
    invoice.reset();
    expect(invoice.toObject()).toEqual({ total: '1.00', paid: false, tags: ['a'] });
    expect(invoice.propertyChanged('total')).toBe(false);
  });

  it('takes a new baseline with markClean (after a save)', () => {
    const invoice = new (defineInvoice())({ total: '1.00' });
    invoice.total = '2.00';
    invoice.markClean();
    expect(invoice.propertyChanged('total')).toBe(false);
    invoice.reset();
    expect(invoice.total).toBe('2.00');
  });
});

describe('model class and instance helpers', () => {
  it('prints class and instance (toString)', () => {
    const Invoice = defineInvoice();
    expect(Invoice.toString()).toBe('[Model Invoice]');
    expect(String(new Invoice())).toBe('[object Invoice]');
  });

  it('defines a property on the class and registers its accessor', () => {
    const Invoice = defineInvoice();
    Invoice.defineProperty('currency', { type: String, default: 'EUR', required: true });
    const invoice = new Invoice({});
    expect(invoice.currency).toBe('EUR');
    invoice.currency = null;
    expect(invoice.isValid()).toBe(false);
    expect(errorsOf(invoice).codes).toEqual({ currency: ['presence'] });
    expect(() => Invoice.registerProperty('nope')).toThrow(InvalidArgumentError);
  });

  it('reads and writes ids with getId and setId, composite ids included', () => {
    const invoice = new (defineInvoice())({});
    invoice.setId('12');
    expect(invoice.getId()).toBe(12);
    const Line = new ModelBuilder().define('PlaylistTrack', {
      playlistId: { type: Number, id: 1 },
      trackId: { type: Number, id: 2 },
    });
    const line = new Line({});
    line.setId(['1', '3402']);
    expect(line.getId()).toEqual({ playlistId: 1, trackId: 3402 });
    line.setId({ playlistId: 2, trackId: 5 });
    expect(line.getId()).toEqual({ playlistId: 2, trackId: 5 });
    const NoId = new ModelBuilder().define('NoId', { x: String }, { idInjection: false });
    expect(new NoId({}).getId()).toBeUndefined();
    expect(() => new NoId({}).setId(1)).toThrow(/has no id property/);
  });

  it('exposes modelName, definition, settings and modelBuilder statics', () => {
    const builder = new ModelBuilder();
    const Thing = builder.define('Thing', { name: String }, { plural: 'Things' });
    expect(Thing.modelName).toBe('Thing');
    expect(Thing.definition.name).toBe('Thing');
    expect(Thing.settings.plural).toBe('Things');
    expect(Thing.modelBuilder).toBe(builder);
    expect(ModelBaseClass.modelName).toBe('ModelBaseClass');
  });
});
