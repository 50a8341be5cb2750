/**
 * Writing embedded documents through typed inputs, on MongoDB's Chinook documents: create and
 * update inputs take an embedded type's input (`lines: [InvoiceLineInput!]!`,
 * `address: CustomerAddressInput`) instead of JSON, so GraphQL checks each field's presence and
 * type before any command, and the values are written as sub-documents with their BSON types,
 * exactly (Decimal128, Long, ObjectId). An update replaces a sub-document whole, as LoopBack's
 * MongoDB connector does for updateAttributes (`$set: {address: {...}}`, never dotted paths).
 */
import { Decimal128, Long, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinookId } from '../support/mongodb/chinook-mongodb.js';
import {
  type MongoChinookGateway,
  startMongoChinookGateway,
} from '../support/mongodb/mongodb-chinook-gateway.js';

const DATABASE = 'embedded_writes';
let chinook: MongoChinookGateway;

/** Past 2^53: a double would round it. */
const HEAVY = '9007199254740993';
/** 34 significant digits, Decimal128's precision. */
const PRECISE = '1.234567890123456789012345678901234';

beforeAll(async () => {
  chinook = await startMongoChinookGateway(DATABASE, {
    prepare: async (db) => {
      await db.collection('shipment').insertMany([
        { label: 'a', box: { grams: Long.fromString('12'), price: Decimal128.fromString('1.5') } },
        { label: 'b', box: { grams: Long.fromString(HEAVY), price: Decimal128.fromString('2.25') } },
      ]);
    },
  });
});

afterAll(async () => {
  await chinook?.stop();
});

/** The input fields of a type: name → type as SDL. */
async function inputFields(type: string): Promise<Record<string, string>> {
  const answer = await chinook.query(`{ __type(name: "${type}") { inputFields { name type {
    kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`);
  type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null };
  const print = (ref: TypeRef): string =>
    ref.kind === 'NON_NULL'
      ? `${print(ref.ofType as TypeRef)}!`
      : ref.kind === 'LIST'
        ? `[${print(ref.ofType as TypeRef)}]`
        : (ref.name ?? '');
  const described = answer.data?.__type as { inputFields: { name: string; type: TypeRef }[] } | undefined;
  const fields = described?.inputFields ?? [];
  return Object.fromEntries(fields.map((field) => [field.name, print(field.type)]));
}

const LINE = (invoiceLineId: number, unitPrice: string) =>
  `{ invoiceLineId: ${invoiceLineId}, trackId: "${chinookId('track', 3).toHexString()}", unitPrice: "${unitPrice}", quantity: 2 }`;

describe('typed inputs of embedded documents', () => {
  it('gives create and update inputs the embedded types’ inputs, fields required as every sampled document has them', async () => {
    expect((await inputFields('InvoiceCreateInput')).lines).toBe('[InvoiceLineInput!]!');
    expect((await inputFields('InvoiceUpdateInput')).lines).toBe('[InvoiceLineInput!]');
    expect((await inputFields('CustomerUpdateInput')).address).toBe('CustomerAddressInput');
    expect(await inputFields('InvoiceLineInput')).toEqual({
      invoiceLineId: 'Int!',
      trackId: 'String!',
      unitPrice: 'Decimal!',
      quantity: 'Int!',
    });
    expect(await inputFields('CustomerAddressInput')).toEqual({
      street: 'String!',
      city: 'String!',
      state: 'String',
      country: 'String!',
      postalCode: 'String',
    });
  });

  it('refuses a line without a required field or with a value of the wrong type before any command', async () => {
    const missing =
      await chinook.query(`mutation { updateInvoice(id: "${chinookId('invoice', 1).toHexString()}",
      data: { lines: [{ invoiceLineId: 1, trackId: "x", quantity: 1 }] }) { invoiceId } }`);
    expect(missing.errors?.[0]?.message).toMatch(/unitPrice/);
    const wrongType =
      await chinook.query(`mutation { updateInvoice(id: "${chinookId('invoice', 1).toHexString()}",
      data: { lines: [{ invoiceLineId: 1, trackId: "x", unitPrice: "1", quantity: "two" }] }) { invoiceId } }`);
    expect(wrongType.errors?.[0]?.message).toMatch(/Int/);
    expect([...missing.cost.commands, ...wrongType.cost.commands]).toEqual([]);
  });
});

describe('writing embedded documents', () => {
  it('creates an invoice with typed lines as sub-documents: an exact Decimal128, an ObjectId reference', async () => {
    const created = await chinook.query(`mutation { createInvoice(data: {
      invoiceId: 5001, customerId: "${chinookId('customer', 1).toHexString()}", invoiceDate: "2026-12-06T00:00:00Z",
      billingAddress: "a", billingCity: "b", billingCountry: "c", total: "${PRECISE}",
      lines: [${LINE(50011, PRECISE)}, ${LINE(50012, '0.99')}] }) {
      invoiceId lines { invoiceLineId unitPrice track { trackId } } } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createInvoice).toEqual({
      invoiceId: 5001,
      lines: [
        { invoiceLineId: 50011, unitPrice: PRECISE, track: { trackId: 3 } },
        { invoiceLineId: 50012, unitPrice: '0.99', track: { trackId: 3 } },
      ],
    });
    const stored = await chinook.withDatabase((db) => db.collection('invoice').findOne({ invoiceId: 5001 }));
    expect(stored?.lines?.[0]?.unitPrice).toEqual(Decimal128.fromString(PRECISE));
    expect(stored?.lines?.[0]?.trackId).toEqual(chinookId('track', 3));
    expect(stored?.lines?.[0]?.quantity).toBe(2);
    // The track finds the new invoice through the inverse relation (lines.trackId holds its ObjectId).
    const track = await chinook.query(`{ track(id: "${chinookId('track', 3).toHexString()}") {
      invoices(where: { invoiceId: { eq: 5001 } }) { invoiceId } } }`);
    expect(track.data?.track).toEqual({ invoices: [{ invoiceId: 5001 }] });
  });

  it('writes a 64-bit integer of a sub-document as a Long, exactly', async () => {
    const grams = '9007199254740995';
    const created = await chinook.query(`mutation { createShipment(data: { label: "c",
      box: { grams: "${grams}", price: "${PRECISE}" } }) { label box { grams price } } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createShipment).toEqual({ label: 'c', box: { grams, price: PRECISE } });
    const stored = await chinook.withDatabase((db) => db.collection('shipment').findOne({ label: 'c' }));
    expect(stored?.box?.grams).toEqual(Long.fromString(grams));
    expect(String(stored?.box?.grams)).toBe(grams);
  });

  it('replaces a sub-document whole on update, as LoopBack’s MongoDB connector does: fields left out are gone', async () => {
    const id = chinookId('customer', 16); // Mountain View, CA 94043-1351: state and postal code set
    const before = await chinook.withDatabase((db) => db.collection('customer').findOne({ _id: id }));
    expect(before?.address).toMatchObject({ state: 'CA', postalCode: expect.any(String) });
    const updated = await chinook.query(`mutation { updateCustomer(id: "${id.toHexString()}",
      data: { address: { street: "1 Main St", city: "Oslo", country: "Norway" } }) {
      address { street city state country postalCode } } }`);
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.updateCustomer).toEqual({
      address: { street: '1 Main St', city: 'Oslo', state: null, country: 'Norway', postalCode: null },
    });
    const after = await chinook.withDatabase((db) => db.collection('customer').findOne({ _id: id }));
    expect(after?.address).toEqual({ street: '1 Main St', city: 'Oslo', country: 'Norway' });
    expect(after?.firstName).toBe(before?.firstName);
  });

  it('keeps a sub-document an update does not name', async () => {
    const id = chinookId('customer', 17);
    const before = await chinook.withDatabase((db) => db.collection('customer').findOne({ _id: id }));
    const updated = await chinook.query(`mutation { updateCustomer(id: "${id.toHexString()}",
      data: { company: "Acme" }) { company } }`);
    expect(updated.errors).toBeUndefined();
    const after = await chinook.withDatabase((db) => db.collection('customer').findOne({ _id: id }));
    expect(after?.address).toEqual(before?.address);
    expect(after?.company).toBe('Acme');
    expect(new ObjectId(id).equals(after?._id as ObjectId)).toBe(true);
  });
});
