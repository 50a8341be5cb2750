/**
 * Golden operation files (test/graphql/operations/<schema>/, see the README there): an operation
 * and its variables are read from `<name>.graphql` and `<name>.variables.json`; what a request
 * answered and the statements it sent are compared with `<name>.result.json` (or
 * `<name>.result.<dialect>.json` where the dialects differ) and `<name>.<dialect>.sql`, or written
 * there when the environment has `UPDATE_GOLDEN=1`.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { lineDiff } from '../../support/line-diff.js';

/** The folder holding one subfolder of operations per schema. */
export const OPERATIONS_DIR = fileURLToPath(new URL('../operations', import.meta.url));

/** The dialects golden files are kept for, named as in the file names. */
export type GoldenDialect = 'postgresql' | 'mysql';

/** Whether this run writes the golden files instead of comparing with them. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** One operation file of a schema folder. */
export interface GoldenOperation {
  /** The file name without `.graphql`: the behaviour it pins. */
  name: string;
  /** The folder it lies in. */
  dir: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Mutations write: they run after every read of their schema. */
  mutation: boolean;
}

/** A statement as the connector reported it. */
export interface RecordedStatement {
  sql: string;
  params: readonly unknown[];
}

/** What one request answered and sent, formatted as the golden files hold them. */
export interface GoldenAnswer {
  result: string;
  sql: string;
}

/** Files of a schema folder that are not golden files: its DDL and rows (see golden-databases.ts). */
const FIXTURE_FILES = new Set(['schema.postgresql.sql', 'schema.mysql.sql', 'seed.sql']);

const GOLDEN_SUFFIXES = [
  '.graphql',
  '.variables.json',
  '.result.json',
  '.result.postgresql.json',
  '.result.mysql.json',
  '.postgresql.sql',
  '.mysql.sql',
];

const OTHER: Record<GoldenDialect, GoldenDialect> = { postgresql: 'mysql', mysql: 'postgresql' };

function isMutation(query: string): boolean {
  try {
    return parse(query).definitions.some(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation',
    );
  } catch {
    return false;
  }
}

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The operations of a folder: reads first, then mutations, each group by name. */
export function listOperations(dir: string): GoldenOperation[] {
  const operations = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file): GoldenOperation => {
      const name = file.slice(0, -'.graphql'.length);
      const query = readFileSync(path.join(dir, file), 'utf8');
      const variables = read(path.join(dir, `${name}.variables.json`));
      return {
        name,
        dir,
        query,
        ...(variables === undefined ? {} : { variables: JSON.parse(variables) as Record<string, unknown> }),
        mutation: isMutation(query),
      };
    });
  return [...operations.filter((op) => !op.mutation), ...operations.filter((op) => op.mutation)];
}

/**
 * Files of a folder that belong to no operation (left behind by a renamed or removed
 * `.graphql`), by name.
 */
export function strayFiles(dir: string): string[] {
  const expected = new Set(
    listOperations(dir).flatMap((operation) => GOLDEN_SUFFIXES.map((suffix) => operation.name + suffix)),
  );
  return readdirSync(dir)
    .filter((file) => !expected.has(file) && !FIXTURE_FILES.has(file))
    .sort();
}

/** A parameter as written in `-- params:`: JSON, with the types JSON lacks tagged. */
function paramJson(value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Buffer.isBuffer(value)) return { $bytes: value.toString('base64') };
  if (Array.isArray(value)) return value.map(paramJson);
  return value;
}

/**
 * The text of a `.sql` golden file: each statement's SQL, then its parameters as a
 * `-- params: [...]` line, statements separated by a blank line.
 *
 * @example
 * formatStatements([{ sql: 'SELECT 1 WHERE x = $1', params: [2] }])
 * // 'SELECT 1 WHERE x = $1\n-- params: [2]\n'
 */
export function formatStatements(statements: readonly RecordedStatement[]): string {
  if (statements.length === 0) return '-- no statements\n';
  return `${statements
    .map((statement) => `${statement.sql}\n-- params: ${JSON.stringify(statement.params.map(paramJson))}`)
    .join('\n\n')}\n`;
}

/** The text of a `.result.json` golden file: `data` (when the response has it) and `errors`, pretty-printed. */
export function formatResult(body: { data?: unknown; errors?: unknown }): string {
  return `${JSON.stringify({ data: body.data, errors: body.errors }, null, 2)}\n`;
}

function mismatch(file: string, expected: string | undefined, actual: string): string {
  const name = path.relative(process.cwd(), file);
  const hint =
    'If the change is intended, run UPDATE_GOLDEN=1 npx vitest run test/graphql/golden-operations.test.ts and review the diff.';
  if (expected === undefined) return `${name} does not exist.\n${hint}\n\nThis run:\n${actual}`;
  return `${name} differs (- file, + this run).\n${hint}\n\n${lineDiff(expected, actual)}`;
}

/**
 * Writes a result: shared in `<name>.result.json` while it equals what the other dialect
 * expects, else one `<name>.result.<dialect>.json` per dialect.
 */
function writeResult(operation: GoldenOperation, dialect: GoldenDialect, actual: string): void {
  const base = path.join(operation.dir, operation.name);
  const shared = `${base}.result.json`;
  const own = `${base}.result.${dialect}.json`;
  const other = `${base}.result.${OTHER[dialect]}.json`;
  const otherExpected = read(other) ?? read(shared);
  if (otherExpected === undefined || otherExpected === actual) {
    writeFileSync(shared, actual);
    rmSync(own, { force: true });
    rmSync(other, { force: true });
  } else {
    writeFileSync(own, actual);
    writeFileSync(other, otherExpected);
    rmSync(shared, { force: true });
  }
}

/** Options of `checkGolden`. */
export interface CheckGoldenOptions {
  /** Write the files instead of comparing (default: `UPDATE_GOLDEN`). */
  update?: boolean;
}

/**
 * Compares what one request answered and sent with the golden files of `operation` on
 * `dialect`, throwing a line diff of each file that differs; with `update`, writes them instead.
 */
export function checkGolden(
  operation: GoldenOperation,
  dialect: GoldenDialect,
  actual: GoldenAnswer,
  options: CheckGoldenOptions = {},
): void {
  const base = path.join(operation.dir, operation.name);
  const sqlFile = `${base}.${dialect}.sql`;
  if (options.update ?? UPDATE_GOLDEN) {
    writeResult(operation, dialect, actual.result);
    writeFileSync(sqlFile, actual.sql);
    return;
  }
  const ownResult = `${base}.result.${dialect}.json`;
  const resultFile = existsSync(ownResult) ? ownResult : `${base}.result.json`;
  const failures: string[] = [];
  const expectedResult = read(resultFile);
  if (expectedResult !== actual.result) failures.push(mismatch(resultFile, expectedResult, actual.result));
  const expectedSql = read(sqlFile);
  if (expectedSql !== actual.sql) failures.push(mismatch(sqlFile, expectedSql, actual.sql));
  if (failures.length > 0) throw new Error(failures.join('\n\n'));
}
