import { describe, expect, it } from 'vitest';
import { DataSource } from '../../src/juggler/datasource.js';
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

describe('DAO reads of one filter object, called again', () => {
  it('read it alike on every call and leave it as it was', async () => {
    const Invoice = await invoices();
    const filter = { where: { total: { gt: '1' } }, order: 'total DESC', fields: ['total'] };
    const given = structuredClone(filter);
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([2, 1]);
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([2, 1]);
    expect(ids(await Invoice.find({ where: { total: { gt: '10' } } }, { raw: true }))).toEqual([2]);
    expect(filter).toEqual(given);
  });

  it('read the changes made to it between calls', async () => {
    const Invoice = await invoices();
    const filter = { where: { total: { lt: '1' } } };
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([3]);
    filter.where.total.lt = '2';
    expect(ids(await Invoice.find(filter, { raw: true }))).toEqual([1, 3]);
  });

  it('read a filter holding a Date, and report an invalid filter on every call', async () => {
    const Invoice = await invoices();
    const since = { where: { invoiceDate: { gte: new Date('2009-02-01T00:00:00Z') } } };
    expect(ids(await Invoice.find(since, { raw: true }))).toEqual([2, 3]);
    expect(ids(await Invoice.find(since, { raw: true }))).toEqual([2, 3]);
    const invalid = { where: { totl: 1 } };
    await expect(Invoice.find(invalid)).rejects.toBeInstanceOf(FilterError);
    await expect(Invoice.find(invalid)).rejects.toBeInstanceOf(FilterError);
  });
});
