import { describe, expect, it } from 'vitest';
import {
  camelCase,
  constantCase,
  createInflection,
  defaultInflection as inflection,
  isValidGraphQLName,
  pascalCase,
} from '../../src/graphql/inflection.js';

describe('the default inflection', () => {
  it('names the Track model as the task describes', () => {
    expect(inflection.typeName('Track')).toBe('Track');
    expect(inflection.listField('Track')).toBe('tracks');
    expect(inflection.singleField('Track')).toBe('track');
    expect(inflection.countField('Track')).toBe('tracksCount');
    expect(inflection.connectionField('Track')).toBe('tracksConnection');
    expect(inflection.whereType('Track')).toBe('TrackWhere');
    expect(inflection.orderType('Track')).toBe('TrackOrder');
    expect(inflection.orderValue('name', 'ASC')).toBe('NAME_ASC');
    expect(inflection.orderValue('unitPrice', 'DESC')).toBe('UNIT_PRICE_DESC');
    expect(inflection.createInputType('Track')).toBe('TrackCreateInput');
    expect(inflection.updateInputType('Track')).toBe('TrackUpdateInput');
    expect(
      [
        inflection.createMutation,
        inflection.updateMutation,
        inflection.upsertMutation,
        inflection.deleteMutation,
      ].map((make) => make.call(inflection, 'Track')),
    ).toEqual(['createTrack', 'updateTrack', 'upsertTrack', 'deleteTrack']);
  });

  it('pluralizes only the last word of compound model names', () => {
    expect(inflection.listField('InvoiceLine')).toBe('invoiceLines');
    expect(inflection.listField('PersonAddress')).toBe('personAddresses');
    expect(inflection.listField('Person')).toBe('people');
  });

  it('gives uncountable nouns a list name distinct from the single name, never one ending in List', () => {
    expect(inflection.singleField('Media')).toBe('media');
    expect(inflection.listField('Media')).toBe('medias');
    expect(inflection.countField('Series')).toBe('seriesesCount');
    expect(inflection.listField('Staff')).toBe('staffs');
    // The view `staff_list` keeps the name `staffLists`, which no uncountable table can take.
    expect(inflection.listField('StaffList')).toBe('staffLists');
  });

  it('names the type and the single-row field of a plural table name in the singular', () => {
    expect(inflection.typeName('SemTypes')).toBe('SemType');
    expect(inflection.singleField('SemTypes')).toBe('semType');
    expect(inflection.listField('SemTypes')).toBe('semTypes');
    expect(inflection.createMutation('SemTypes')).toBe('createSemType');
    expect(inflection.typeName('sem_types')).toBe('SemType');
    expect(inflection.typeName('HTTPS')).toBe('HTTPS');
    expect(inflection.typeName('Sms')).toBe('Sms');
    expect(inflection.listField('Sms')).toBe('smses');
  });

  it('names the enum of a database enum type after the type', () => {
    expect(inflection.databaseEnumType('mpaa_rating')).toBe('MpaaRating');
  });

  it('uses the model plural setting when one is given', () => {
    expect(inflection.listField('Person', 'persons')).toBe('persons');
  });

  it('turns any table or column name into a valid GraphQL name', () => {
    const odd = [
      'invoice_line',
      'INVOICE_LINE',
      '2fa codes',
      'prix-unité',
      'order',
      'HTTPServer',
      '__secret',
      '',
      '$$$',
    ];
    for (const name of odd) {
      expect(isValidGraphQLName(inflection.typeName(name)), name).toBe(true);
      expect(isValidGraphQLName(inflection.fieldName(name)), name).toBe(true);
      expect(inflection.fieldName(name).startsWith('__'), name).toBe(false);
      expect(isValidGraphQLName(inflection.enumValue(name)), name).toBe(true);
    }
    expect(pascalCase('invoice_line')).toBe('InvoiceLine');
    expect(pascalCase('INVOICE_LINE')).toBe('InvoiceLine');
    expect(camelCase('unit_price')).toBe('unitPrice');
    expect(camelCase('TrackId')).toBe('trackId');
    expect(camelCase('HTTPServer')).toBe('httpServer');
    expect(camelCase('2fa codes')).toBe('_2faCodes');
    expect(camelCase('prix-unité')).toBe('prixUnite');
  });

  it('lowercases only the capital of PascalCase names whose first word is no acronym', () => {
    expect(camelCase('Account0001s')).toBe('account0001s');
    expect(camelCase('InvoiceLine')).toBe('invoiceLine');
    expect(camelCase('ABc')).toBe('aBc');
    expect(camelCase('HTTPServer2')).toBe('httpServer2');
    expect(camelCase('ID')).toBe('id');
    expect(inflection.singleField('InvoiceLine')).toBe('invoiceLine');
  });

  it('names list, count and connection fields alike, with or without a plural setting', () => {
    expect(inflection.countField('InvoiceLine')).toBe('invoiceLinesCount');
    expect(inflection.connectionField('InvoiceLine')).toBe('invoiceLinesConnection');
    expect(inflection.countField('Person', 'persons')).toBe('personsCount');
    expect(inflection.listField('Person')).toBe('people');
  });

  it('makes enum values CONSTANT_CASE and avoids the reserved true, false and null', () => {
    expect(constantCase('in progress')).toBe('IN_PROGRESS');
    expect(inflection.enumValue('true')).toBe('TRUE_');
    expect(inflection.enumValue('null')).toBe('NULL_');
    expect(inflection.enumValue('sad')).toBe('SAD');
  });
});

describe('createInflection', () => {
  it('replaces single functions while the others keep calling through the full inflection', () => {
    const custom = createInflection({ typeName: (model) => `Db${model}` });
    expect(custom.typeName('Track')).toBe('DbTrack');
    expect(custom.whereType('Track')).toBe('DbTrackWhere');
    expect(custom.createMutation('Track')).toBe('createDbTrack');
    expect(custom.listField('Track')).toBe('tracks');
  });
});
