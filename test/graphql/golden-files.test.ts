import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineDiff } from '../support/line-diff.js';
import {
  checkGolden,
  formatResult,
  formatStatements,
  type GoldenOperation,
  listOperations,
  strayFiles,
} from './support/golden-files.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-golden-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function operation(name = 'list'): GoldenOperation {
  return { name, dir, query: '{ tracks { name } }', mutation: false };
}

function answer(sql: string, data: unknown = { tracks: [] }) {
  return { result: formatResult({ data }), sql };
}

describe('golden SQL files', () => {
  it('list each statement with a params line, tagging dates, bigints and bytes, and say when there is none', () => {
    expect(
      formatStatements([
        { sql: 'SELECT 1 WHERE a = $1 AND b = ANY($2)', params: [1, [2, 3]] },
        {
          sql: 'SELECT 2',
          params: [new Date('2024-03-01T08:15:30.123Z'), 9007199254740993n, Buffer.from('hi'), null, '1.50'],
        },
      ]),
    ).toBe(
      'SELECT 1 WHERE a = $1 AND b = ANY($2)\n-- params: [1,[2,3]]\n\n' +
        'SELECT 2\n-- params: [{"$date":"2024-03-01T08:15:30.123Z"},{"$bigint":"9007199254740993"},{"$bytes":"aGk="},null,"1.50"]\n',
    );
    expect(formatStatements([])).toBe('-- no statements\n');
  });
});

describe('golden results', () => {
  it('keep data and errors in that order, and leave data out when the response has none', () => {
    expect(formatResult({ errors: [{ message: 'bad' }] })).toBe(
      '{\n  "errors": [\n    {\n      "message": "bad"\n    }\n  ]\n}\n',
    );
    expect(JSON.parse(formatResult({ errors: [], data: null }))).toEqual({ data: null, errors: [] });
  });
});

describe('checkGolden', () => {
  it('passes when result and statements equal the files', () => {
    checkGolden(operation(), 'postgresql', answer('SELECT 1\n-- params: []\n'), { update: true });
    expect(() =>
      checkGolden(operation(), 'postgresql', answer('SELECT 1\n-- params: []\n'), { update: false }),
    ).not.toThrow();
  });

  it('fails on a SQL file that differs with a line diff of the file and how to update it', () => {
    const before = 'SELECT a FROM t\n-- params: []\n\nSELECT b FROM u WHERE id = $1\n-- params: [1]\n';
    const after = 'SELECT a FROM t\n-- params: []\n\nSELECT b FROM u WHERE id = ANY($1)\n-- params: [[1]]\n';
    checkGolden(operation(), 'mysql', answer(before), { update: true });
    expect(() => checkGolden(operation(), 'mysql', answer(after), { update: false })).toThrow(
      [
        `${path.relative(process.cwd(), path.join(dir, 'list.mysql.sql'))} differs (- file, + this run).`,
        'If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/graphql/golden-operations.test.ts and review the diff.',
        '',
        '  -- params: []',
        '  ',
        '- SELECT b FROM u WHERE id = $1',
        '- -- params: [1]',
        '+ SELECT b FROM u WHERE id = ANY($1)',
        '+ -- params: [[1]]',
        '  ',
      ].join('\n'),
    );
  });

  it('fails on a missing file, showing what this run would write', () => {
    expect(() => checkGolden(operation(), 'postgresql', answer('SELECT 1\n'), { update: false })).toThrow(
      /list\.result\.json does not exist\.[\s\S]*This run:\n\{\n {2}"data"/,
    );
  });

  it('writes one shared result while the dialects agree, and one per dialect when they differ', () => {
    const sql = '-- no statements\n';
    checkGolden(operation(), 'postgresql', answer(sql, { n: 1 }), { update: true });
    checkGolden(operation(), 'mysql', answer(sql, { n: 1 }), { update: true });
    expect(readdirSync(dir).sort()).toEqual(['list.mysql.sql', 'list.postgresql.sql', 'list.result.json']);

    checkGolden(operation(), 'mysql', answer(sql, { n: 2 }), { update: true });
    expect(
      readdirSync(dir)
        .filter((file) => file.includes('result'))
        .sort(),
    ).toEqual(['list.result.mysql.json', 'list.result.postgresql.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'list.result.postgresql.json'), 'utf8')).data).toEqual({
      n: 1,
    });
    expect(() =>
      checkGolden(operation(), 'postgresql', answer(sql, { n: 1 }), { update: false }),
    ).not.toThrow();
    expect(() => checkGolden(operation(), 'mysql', answer(sql, { n: 2 }), { update: false })).not.toThrow();

    checkGolden(operation(), 'postgresql', answer(sql, { n: 2 }), { update: true });
    expect(readdirSync(dir).filter((file) => file.includes('result'))).toEqual(['list.result.json']);
  });
});

describe('operation folders', () => {
  it('list reads before mutations, each by name, with their variables', () => {
    writeFileSync(path.join(dir, 'b-read.graphql'), 'query B($id: Int!) { track(trackId: $id) { name } }');
    writeFileSync(path.join(dir, 'b-read.variables.json'), '{ "id": 1 }');
    writeFileSync(path.join(dir, 'a-write.graphql'), 'mutation { deleteGenre(genreId: 1) { name } }');
    writeFileSync(path.join(dir, 'c-read.graphql'), '{ genres { name } }');
    expect(
      listOperations(dir).map(({ name, variables, mutation }) => ({ name, variables, mutation })),
    ).toEqual([
      { name: 'b-read', variables: { id: 1 }, mutation: false },
      { name: 'c-read', variables: undefined, mutation: false },
      { name: 'a-write', variables: undefined, mutation: true },
    ]);
  });

  it('find golden files whose operation is gone, but not the schema files', () => {
    writeFileSync(path.join(dir, 'kept.graphql'), '{ genres { name } }');
    for (const file of [
      'kept.result.json',
      'kept.mysql.sql',
      'gone.postgresql.sql',
      'seed.sql',
      'schema.mysql.sql',
    ]) {
      writeFileSync(path.join(dir, file), '');
    }
    expect(strayFiles(dir)).toEqual(['gone.postgresql.sql']);
    expect(existsSync(path.join(dir, 'gone.postgresql.sql'))).toBe(true);
  });
});

describe('lineDiff', () => {
  it('shows changed lines with two lines of context, and ... between distant changes', () => {
    const expected = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const actual = ['A', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'I'].join('\n');
    expect(lineDiff(expected, actual)).toBe(
      ['- a', '+ A', '  b', '  c', '...', '  g', '  h', '- i', '+ I'].join('\n'),
    );
    expect(lineDiff('same\n', 'same\n')).toBe('');
  });
});
