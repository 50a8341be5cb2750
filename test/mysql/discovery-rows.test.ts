import { describe, expect, it } from 'vitest';
import { parseServerInfo } from '../../src/connectors/mysql/mysql-catalog-queries.js';
import {
  generatedKind,
  identifiersIn,
  isJsonValidCheck,
  normalizeColumnDefault,
  parseEnumValues,
} from '../../src/connectors/mysql/mysql-catalog-rows.js';

// These functions are pure: they turn information_schema values into neutral rows. MariaDB's
// values are covered end to end by the other discovery tests on the real server; here the values
// MySQL 8 reports (no MySQL 8 server runs on this machine) are checked against the same results.

describe('MySQL/MariaDB catalog value normalization', () => {
  it('tells MariaDB from MySQL by version() and knows which has CHECK_CONSTRAINTS', () => {
    expect(parseServerInfo({ version: '10.11.6-MariaDB-0+deb12u1', currentDatabase: 'Chinook' })).toEqual({
      flavour: 'mariadb',
      version: '10.11.6-MariaDB-0+deb12u1',
      currentDatabase: 'Chinook',
      hasCheckConstraints: true,
    });
    expect(parseServerInfo({ version: '8.0.36', currentDatabase: null })).toMatchObject({
      flavour: 'mysql',
      currentDatabase: null,
      hasCheckConstraints: true,
    });
    expect(parseServerInfo({ version: '8.0.15', currentDatabase: 'x' }).hasCheckConstraints).toBe(false);
    expect(parseServerInfo({ version: '5.7.44-log', currentDatabase: 'x' }).hasCheckConstraints).toBe(false);
  });

  it('quotes MySQL 8 string defaults as MariaDB already does', () => {
    expect(normalizeColumnDefault('new', 'mysql', 'varchar', '')).toBe("'new'");
    expect(normalizeColumnDefault("it's", 'mysql', 'varchar', '')).toBe("'it''s'");
    expect(normalizeColumnDefault('a\\b', 'mysql', 'varchar', '')).toBe("'a\\\\b'");
    expect(normalizeColumnDefault("'new'", 'mariadb', 'varchar', '')).toBe("'new'");
  });

  it('keeps numeric, bit and expression defaults as they are', () => {
    expect(normalizeColumnDefault('42', 'mysql', 'int', '')).toBe('42');
    expect(normalizeColumnDefault("b'1'", 'mysql', 'bit', '')).toBe("b'1'");
    expect(normalizeColumnDefault('CURRENT_TIMESTAMP', 'mysql', 'timestamp', 'DEFAULT_GENERATED')).toBe(
      'CURRENT_TIMESTAMP',
    );
    expect(normalizeColumnDefault('CURRENT_TIMESTAMP(6)', 'mysql', 'datetime', '')).toBe(
      'CURRENT_TIMESTAMP(6)',
    );
    expect(normalizeColumnDefault('uuid()', 'mysql', 'varchar', 'DEFAULT_GENERATED')).toBe('uuid()');
  });

  it("reads MariaDB's NULL default as no default but MySQL's 'NULL' string as a string", () => {
    expect(normalizeColumnDefault('NULL', 'mariadb', 'int', '')).toBeNull();
    expect(normalizeColumnDefault(null, 'mariadb', 'int', '')).toBeNull();
    expect(normalizeColumnDefault(null, 'mysql', 'int', '')).toBeNull();
    expect(normalizeColumnDefault('NULL', 'mysql', 'varchar', '')).toBe("'NULL'");
  });

  it('reads generated columns from EXTRA on both servers (and PERSISTENT on old MariaDB)', () => {
    expect(generatedKind('auto_increment')).toBe('auto_increment');
    expect(generatedKind('VIRTUAL GENERATED')).toBe('virtual');
    expect(generatedKind('STORED GENERATED')).toBe('stored');
    expect(generatedKind('PERSISTENT')).toBe('stored');
    expect(generatedKind('DEFAULT_GENERATED on update CURRENT_TIMESTAMP')).toBeNull();
    expect(generatedKind('')).toBeNull();
  });

  it('parses enum and set values with quotes, commas, backslashes and empty strings', () => {
    expect(parseEnumValues("enum('it''s','back\\\\slash','com,ma','')")).toEqual([
      "it's",
      'back\\slash',
      'com,ma',
      '',
    ]);
    expect(parseEnumValues("set('a','b')")).toEqual(['a', 'b']);
    expect(parseEnumValues('varchar(10)')).toBeNull();
  });

  it('finds the columns of a check in both servers’ spellings, skipping string literals', () => {
    expect(identifiersIn('`qty` > 0 and `line_no` > 0')).toEqual(['qty', 'line_no']);
    expect(identifiersIn("((`qty` > 0) and (`note` <> 'x`y'))")).toEqual(['qty', 'note']);
    expect(identifiersIn('`a``b` is not null')).toEqual(['a`b']);
  });

  it("recognises MariaDB's JSON marker check with or without MySQL's parentheses", () => {
    expect(isJsonValidCheck('json_valid(`payload`)', 'payload')).toBe(true);
    expect(isJsonValidCheck('(json_valid(`payload`))', 'payload')).toBe(true);
    expect(isJsonValidCheck('json_valid(`payload`)', 'settings')).toBe(false);
    expect(isJsonValidCheck('json_valid(`payload`) and `x` > 0', 'payload')).toBe(false);
  });
});
