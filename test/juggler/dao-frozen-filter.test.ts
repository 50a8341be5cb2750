import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
import { deepFreeze } from '../../src/juggler/deep-freeze.js';
import { FilterError } from '../../src/juggler/errors.js';

async function invoices() {
  const ds = new DataSource('memory');
  const Invoice = ds.define(
    'Invoice',
    {
      invoiceId: { type: Number, id: true },
      total: { type: 'Decimal', precision: 10, scale: 2 },
      invoiceDate: Date,
    },
    { idInjection: false },
  );
  await Invoice.create([
    { invoiceId: 1, total: '1.98', invoiceDate: new Date('2009-01-01T00:00:00Z') },
    { invoiceId: 2, total: '13.86', invoiceDate: new Date('2009-02-01T00:00:00Z') },
    { invoiceId: 3, total: '0.99', invoiceDate: new Date('2010-03-01T00:00:00Z') },
  ]);
  return Invoice;
}

const ids = (rows: { invoiceId: number }[]) => rows.map((row) => row.invoiceId);

describe('DAO reads of deeply frozen filters', () => {
  it('read a frozen filter alike on every call, and other filters by their own values', async () => {
    const Invoice = await invoices();
    const filter = deepFreeze({ where: { total: { gt: '1' } }, order: 'total DESC', fields: ['total'] });
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([2, 1]);
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([2, 1]);
    expect(ids(await Invoice.find({ where: { total: { gt: '10' } } }, { raw: true }))).toEqual([2]);
    expect(Object.isFrozen(filter.where.total)).toBe(true);
  });

  it('leave a mutable filter mutable and read its changes', async () => {
    const Invoice = await invoices();
    const filter = { where: { total: { lt: '1' } } };
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([3]);
    filter.where.total.lt = '2';
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([1, 3]);
    expect(Object.isFrozen(filter)).toBe(false);
  });

  it('read a frozen filter holding a Date, and report an invalid frozen filter on every call', async () => {
    const Invoice = await invoices();
    const since = deepFreeze({ where: { invoiceDate: { gte: new Date('2009-02-01T00:00:00Z') } } });
    expect(ids(await Invoice.find(since, { raw: true }))).toEqual([2, 3]);
    expect(ids(await Invoice.find(since, { raw: true }))).toEqual([2, 3]);
    const invalid = deepFreeze({ where: { totl: 1 } });
    await expect(Invoice.find(invalid)).rejects.toBeInstanceOf(FilterError);
    await expect(Invoice.find(invalid)).rejects.toBeInstanceOf(FilterError);
  });
});
