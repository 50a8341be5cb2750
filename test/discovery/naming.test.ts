/**
 * Discovery's naming rules: LoopBack's table → model and column → property names, made valid
 * identifiers, with collisions resolved by a registry.
 */
import { describe, expect, it } from 'vitest';
import {
  defaultModelName,
  defaultPropertyName,
  isValidIdentifier,
  lowerFirst,
  NameRegistry,
  pluralRelationName,
  sanitizedName,
  withoutIdSuffix,
} from '../../src/juggler/discovery/naming.js';

describe('model names', () => {
  it.each([
    ['invoice_line', 'InvoiceLine'],
    ['InvoiceLine', 'InvoiceLine'],
    ['MEDIA_TYPE', 'MediaType'],
    ['INVENTORY', 'Inventory'],
    ['account_0001', 'Account0001'],
    ['link_001_invoice_claim', 'Link001InvoiceClaim'],
    ['2fa_codes', '_2faCodes'],
    ['café', 'Cafe'],
    ['order-items', 'OrderItems'],
    ['!!!', 'Unnamed'],
  ])('turns table %s into model %s', (table, model) => {
    expect(defaultModelName(table)).toBe(model);
  });
});

describe('property names', () => {
  it.each([
    ['unit_price', 'unitPrice'],
    ['TrackId', 'trackId'],
    ['InvoiceLineId', 'invoiceLineId'],
    ['support_rep_id', 'supportRepId'],
    ['URLPath', 'urlPath'],
    ['ID', 'id'],
    ['EMAIL_ADDRESS', 'emailAddress'],
    ['Name With Spaces', 'nameWithSpaces'],
    ['2fa', '_2fa'],
    ['__proto__', 'proto'],
  ])('turns column %s into property %s', (column, property) => {
    expect(defaultPropertyName(column)).toBe(property);
  });

  it('keeps column names with disableCamelCase, made identifiers only', () => {
    expect(sanitizedName('track_id')).toBe('track_id');
    expect(sanitizedName('unit price')).toBe('unit_price');
    expect(sanitizedName('2fa')).toBe('_2fa');
    expect(sanitizedName('__proto__')).toBe('_proto__');
  });

  it('lower-cases leading capitals the way camelCase reads', () => {
    expect(lowerFirst('Album')).toBe('album');
    expect(lowerFirst('HTTPServer')).toBe('httpServer');
    expect(lowerFirst('MediaType')).toBe('mediaType');
  });
});

describe('relation names', () => {
  it.each([
    ['trackId', 'track'],
    ['supportRepId', 'supportRep'],
    ['support_rep_id', 'support_rep'],
    ['userID', 'user'],
    ['reportsTo', 'reportsTo'],
    ['paid', 'paid'],
    ['VALID', 'VALID'],
    ['id', 'id'],
  ])('names a belongsTo for key %s after %s', (property, name) => {
    expect(withoutIdSuffix(property)).toBe(name);
  });

  it.each([
    ['Album', 'albums'],
    ['InvoiceLine', 'invoiceLines'],
    ['Category', 'categories'],
    ['Person', 'people'],
    ['MediaType', 'mediaTypes'],
  ])('names a hasMany of %s %s', (model, name) => {
    expect(pluralRelationName(model)).toBe(name);
  });
});

describe('NameRegistry', () => {
  it('hands out the first free candidate, then numbers the last one', () => {
    const registry = new NameRegistry();
    registry.reserve('reportsTo');
    expect(registry.claim(['reportsTo', 'reportsToEmployee'])).toBe('reportsToEmployee');
    expect(registry.claim(['reportsToEmployee'])).toBe('reportsToEmployee2');
    expect(registry.claim(['reportsToEmployee'])).toBe('reportsToEmployee3');
    expect(registry.has('reportsToEmployee2')).toBe(true);
  });
});

describe('identifiers', () => {
  it('accepts GraphQL names and refuses reserved or malformed ones', () => {
    expect(isValidIdentifier('InvoiceLine')).toBe(true);
    expect(isValidIdentifier('_2fa')).toBe(true);
    expect(isValidIdentifier('__typename')).toBe(false);
    expect(isValidIdentifier('2fa')).toBe(false);
    expect(isValidIdentifier('unit price')).toBe(false);
  });
});
