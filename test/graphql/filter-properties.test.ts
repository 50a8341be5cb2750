/**
 * Property test: random LoopBack-style filters (where with every operator, and/or, NULL-able
 * columns and edge values; order on one or two columns; limit/skip pages) over Chinook's Track,
 * Invoice, Customer and Employee, sent to the gateway through the generated `where`/`order`/
 * `limit`/`skip` arguments (as variables or as literals), must answer exactly the rows, in the same
 * order, as the same query written here in plain SQL by a small compiler of this file's own (no code
 * shared with src/), on PostgreSQL and on MariaDB.
 *
 * The order compared is total: the gateway breaks ties by the key, and so does the SQL here; with
 * no order given, both sort by the key. NULLs sort as each database sorts them (the gateway adds
 * no NULLS FIRST/LAST), so the reference uses a plain ORDER BY too.
 *
 * `FILTER_PROPERTIES_SEED` replays a run (the seed is printed on failure), `FILTER_PROPERTIES_RUNS`
 * changes the number of cases per database (200 by default, a few seconds).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';

const RUNS = Number(process.env.FILTER_PROPERTIES_RUNS ?? 200);
const SEED = process.env.FILTER_PROPERTIES_SEED
  ? Number(process.env.FILTER_PROPERTIES_SEED)
  : Date.now() % 2 ** 31;

type ScalarType = 'Int' | 'Decimal' | 'String' | 'LocalDateTime';

interface Column {
  field: string;
  type: ScalarType;
  nullable: boolean;
}

interface Table {
  /** The GraphQL type (and the MariaDB table) name. */
  type: string;
  /** The root list field. */
  list: string;
  key: string;
  columns: Column[];
}

const int = (field: string, nullable = false): Column => ({ field, type: 'Int', nullable });
const text = (field: string, nullable = true): Column => ({ field, type: 'String', nullable });
const decimal = (field: string): Column => ({ field, type: 'Decimal', nullable: false });
const dateTime = (field: string, nullable = false): Column => ({ field, type: 'LocalDateTime', nullable });

const TABLES: Table[] = [
  {
    type: 'Track',
    list: 'tracks',
    key: 'trackId',
    columns: [
      int('trackId'),
      text('name', false),
      int('albumId', true),
      int('mediaTypeId'),
      int('genreId', true),
      text('composer'),
      int('milliseconds'),
      int('bytes', true),
      decimal('unitPrice'),
    ],
  },
  {
    type: 'Invoice',
    list: 'invoices',
    key: 'invoiceId',
    columns: [
      int('invoiceId'),
      int('customerId'),
      dateTime('invoiceDate'),
      text('billingAddress'),
      text('billingCity'),
      text('billingState'),
      text('billingCountry'),
      text('billingPostalCode'),
      decimal('total'),
    ],
  },
  {
    type: 'Customer',
    list: 'customers',
    key: 'customerId',
    columns: [
      int('customerId'),
      text('firstName', false),
      text('lastName', false),
      text('company'),
      text('city'),
      text('state'),
      text('country'),
      text('postalCode'),
      text('fax'),
      text('email', false),
      int('supportRepId', true),
    ],
  },
  {
    type: 'Employee',
    list: 'employees',
    key: 'employeeId',
    columns: [
      int('employeeId'),
      text('lastName', false),
      text('firstName', false),
      text('title'),
      int('reportsTo', true),
      dateTime('birthDate', true),
      dateTime('hireDate', true),
      text('city'),
      text('state'),
      text('email'),
    ],
  },
];

/** `unitPrice` → `unit_price` (PostgreSQL's Chinook). */
const snake = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
/** `unitPrice` → `UnitPrice` (MariaDB's Chinook). */
const pascal = (field: string) => field.charAt(0).toUpperCase() + field.slice(1);
/** `unitPrice` → `UNIT_PRICE` (the order enum). */
const upperSnake = (field: string) => snake(field).toUpperCase();

// ---------------------------------------------------------------------------------------------
// The generated arguments, as the gateway's inputs have them.

/** One field's operators: `{ gt: 1, lte: 9 }`. */
type FieldFilter = Record<string, unknown>;
/** A `<Type>Where` value. */
interface Where {
  [field: string]: FieldFilter | Where[] | undefined;
  and?: Where[];
  or?: Where[];
}

interface FilterCase {
  table: Table;
  where: Where | undefined;
  order: string[] | undefined;
  limit: number | undefined;
  skip: number | undefined;
  /** Send the arguments as literals in the document instead of variables. */
  inline: boolean;
}

/**
 * Edge values besides the stored ones. Left out: values a database cannot compare, which the
 * gateway refuses with BAD_USER_INPUT (issue 15) where plain SQL fails: a NUL byte in a string
 * (PostgreSQL) and characters outside utf8mb3 such as `🤖` (MariaDB's Chinook columns).
 */
const EDGE_VALUES: Record<ScalarType, unknown[]> = {
  Int: [0, 1, -1, 2_147_483_647, -2_147_483_648],
  Decimal: ['0', '0.99', '0.990', '1.99', '-0.01', '99999999.99', '13.86'],
  String: ['', 'a', 'A', "O'Brien", 'ß', 'é', 'Zürich', '%', '_', 'São Paulo', ' '],
  LocalDateTime: ['1970-01-01T00:00:00', '2009-01-01T00:00:00', '2021-06-30T12:00:00', '2099-12-31T23:59:59'],
};

/** Values of each column read from the database, so filters match some rows. */
type SampleValues = Map<string, unknown[]>;

function columnValue(column: Column, samples: SampleValues): fc.Arbitrary<unknown> {
  const seen = samples.get(column.field) ?? [];
  return fc.oneof(
    {
      weight: 3,
      arbitrary: seen.length > 0 ? fc.constantFrom(...seen) : fc.constantFrom(...EDGE_VALUES[column.type]),
    },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_VALUES[column.type]) },
  );
}

/** A LIKE pattern made from a stored text: a prefix, an infix, one character replaced by `_`, or the text. */
function patternOf(column: Column, samples: SampleValues): fc.Arbitrary<string> {
  const texts = (samples.get(column.field) ?? ['a']) as string[];
  return fc
    .tuple(
      fc.constantFrom(...texts),
      fc.nat(),
      fc.nat(),
      fc.constantFrom('prefix', 'infix', 'one', 'whole', 'upper'),
    )
    .map(([value, a, b, kind]) => {
      const start = value.length === 0 ? 0 : a % value.length;
      const length = 1 + (b % 4);
      let pattern: string;
      if (kind === 'prefix') pattern = `${value.slice(0, length)}%`;
      else if (kind === 'infix') pattern = `%${value.slice(start, start + length)}%`;
      else if (kind === 'one') pattern = `${value.slice(0, start)}_${value.slice(start + 1)}`;
      else if (kind === 'upper') pattern = `%${value.slice(start, start + length).toUpperCase()}%`;
      else pattern = value;
      // A pattern ending in a lone backslash is refused by design (INVALID_FILTER).
      return pattern.replace(/\\+$/, '');
    });
}

function fieldFilterOf(column: Column, samples: SampleValues): fc.Arbitrary<FieldFilter> {
  const value = columnValue(column, samples);
  const list = fc.array(value, { minLength: 0, maxLength: 6 });
  const operators: fc.Arbitrary<FieldFilter>[] = [
    value.map((v) => ({ eq: v })),
    value.map((v) => ({ neq: v })),
    value.map((v) => ({ gt: v })),
    value.map((v) => ({ gte: v })),
    value.map((v) => ({ lt: v })),
    value.map((v) => ({ lte: v })),
    fc.tuple(value, value).map((pair) => ({ between: pair })),
    list.map((values) => ({ inq: values })),
    list.map((values) => ({ nin: values })),
    fc.tuple(value, value).map(([low, high]) => ({ gte: low, lte: high })),
  ];
  if (column.nullable) {
    operators.push(fc.boolean().map((isNull) => ({ isNull })));
    operators.push(fc.constant({ eq: null }), fc.constant({ neq: null }));
  }
  if (column.type === 'String') {
    const pattern = patternOf(column, samples);
    operators.push(
      pattern.map((p) => ({ like: p })),
      pattern.map((p) => ({ ilike: p })),
      pattern.map((p) => ({ nlike: p })),
      pattern.map((p) => ({ nilike: p })),
    );
  }
  return fc.oneof(...operators);
}

function whereOf(table: Table, samples: SampleValues): fc.Arbitrary<Where> {
  const fieldCondition = fc
    .constantFrom(...table.columns)
    .chain((column) => fieldFilterOf(column, samples).map((filter): Where => ({ [column.field]: filter })));
  const { where } = fc.letrec<{ where: Where }>((tie) => ({
    where: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fieldCondition,
      fc
        .array(fieldCondition, { minLength: 1, maxLength: 3 })
        .map((conditions) => Object.assign({}, ...conditions) as Where),
      fc.array(tie('where'), { minLength: 0, maxLength: 3 }).map((nodes): Where => ({ and: nodes })),
      fc.array(tie('where'), { minLength: 0, maxLength: 3 }).map((nodes): Where => ({ or: nodes })),
    ),
  }));
  return where;
}

function orderOf(table: Table): fc.Arbitrary<string[] | undefined> {
  const one = fc
    .tuple(fc.constantFrom(...table.columns), fc.constantFrom('ASC', 'DESC'))
    .map(([column, direction]) => `${upperSnake(column.field)}_${direction}`);
  return fc.option(fc.array(one, { minLength: 1, maxLength: 2 }), { nil: undefined });
}

function caseOf(table: Table, samples: SampleValues): fc.Arbitrary<FilterCase> {
  return fc.record({
    table: fc.constant(table),
    where: fc.option(whereOf(table, samples), { nil: undefined, freq: 6 }),
    order: orderOf(table),
    limit: fc.option(fc.constantFrom(0, 1, 3, 10, 50), { nil: undefined }),
    skip: fc.option(fc.constantFrom(0, 1, 5, 40, 5000), { nil: undefined }),
    // Literals make every document new (parsed, planned and compiled again): one case in four.
    inline: fc.constantFrom(false, false, false, true),
  });
}

// ---------------------------------------------------------------------------------------------
// The request to the gateway.

/** A GraphQL literal of a where value (fields unquoted, strings as JSON strings). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([name, item]) => `${name}: ${literal(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function graphqlRequest(filterCase: FilterCase): { query: string; variables: Record<string, unknown> } {
  const { table, where, order, limit, skip, inline } = filterCase;
  const selection = table.columns.map((column) => column.field).join(' ');
  const given = { where, order, limit, skip };
  const types: Record<string, string> = {
    where: `${table.type}Where`,
    order: `[${table.type}Order!]`,
    limit: 'Int',
    skip: 'Int',
  };
  const present = Object.entries(given).filter(([, value]) => value !== undefined);
  if (inline) {
    const args = present.map(([name, value]) =>
      name === 'order' ? `order: [${(value as string[]).join(', ')}]` : `${name}: ${literal(value)}`,
    );
    const argText = args.length > 0 ? `(${args.join(', ')})` : '';
    return { query: `{ ${table.list}${argText} { ${selection} } }`, variables: {} };
  }
  const definitions = present.map(([name]) => `$${name}: ${types[name]}`);
  const args = present.map(([name]) => `${name}: $${name}`);
  return {
    query: `query Filtered${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} { ${table.list}${
      args.length > 0 ? `(${args.join(', ')})` : ''
    } { ${selection} } }`,
    variables: Object.fromEntries(present),
  };
}

// ---------------------------------------------------------------------------------------------
// The reference: the same query in plain SQL, compiled here.

interface Dialect {
  name: 'postgresql' | 'mariadb';
  table(table: Table): string;
  column(field: string): string;
  placeholder(index: number): string;
  /** A LocalDateTime input as the database's timestamp text (Chinook's timestamps have no zone). */
  timestamp(value: string): string;
  /** How a selected column reads as the gateway answers it. */
  select(column: Column): string;
  like(column: string, pattern: string, caseInsensitive: boolean): string;
  run(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

class SqlBuilder {
  readonly params: unknown[] = [];
  constructor(
    private readonly dialect: Dialect,
    private readonly table: Table,
  ) {}

  param(column: Column, value: unknown): string {
    this.params.push(column.type === 'LocalDateTime' ? this.dialect.timestamp(value as string) : value);
    return this.dialect.placeholder(this.params.length);
  }

  where(where: Where): string {
    const parts: string[] = [];
    for (const [name, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (name === 'and' || name === 'or') {
        const nodes = (value as Where[]).map((node) => `(${this.where(node)})`);
        if (nodes.length === 0) parts.push(name === 'and' ? 'TRUE' : 'FALSE');
        else parts.push(`(${nodes.join(name === 'and' ? ' AND ' : ' OR ')})`);
        continue;
      }
      const column = this.table.columns.find((candidate) => candidate.field === name) as Column;
      for (const [operator, operand] of Object.entries(value as FieldFilter)) {
        parts.push(this.condition(column, operator, operand));
      }
    }
    return parts.length === 0 ? 'TRUE' : parts.join(' AND ');
  }

  private condition(column: Column, operator: string, operand: unknown): string {
    const c = this.dialect.column(column.field);
    const p = () => this.param(column, operand);
    switch (operator) {
      case 'eq':
        return operand === null ? `${c} IS NULL` : `${c} = ${p()}`;
      case 'neq':
        return operand === null ? `${c} IS NOT NULL` : `(${c} <> ${p()} OR ${c} IS NULL)`;
      case 'gt':
        return `${c} > ${p()}`;
      case 'gte':
        return `${c} >= ${p()}`;
      case 'lt':
        return `${c} < ${p()}`;
      case 'lte':
        return `${c} <= ${p()}`;
      case 'between': {
        const [low, high] = operand as unknown[];
        return `${c} BETWEEN ${this.param(column, low)} AND ${this.param(column, high)}`;
      }
      case 'inq':
      case 'nin': {
        const values = operand as unknown[];
        if (values.length === 0) return operator === 'inq' ? 'FALSE' : 'TRUE';
        const list = values.map((item) => this.param(column, item)).join(', ');
        // nin keeps NULL rows, as neq does.
        return operator === 'nin' ? `(${c} NOT IN (${list}) OR ${c} IS NULL)` : `${c} IN (${list})`;
      }
      case 'isNull':
        return operand ? `${c} IS NULL` : `${c} IS NOT NULL`;
      case 'like':
        return this.dialect.like(c, p(), false);
      case 'nlike':
        return `(NOT ${this.dialect.like(c, p(), false)} OR ${c} IS NULL)`;
      case 'ilike':
        return this.dialect.like(c, p(), true);
      case 'nilike':
        return `(NOT ${this.dialect.like(c, p(), true)} OR ${c} IS NULL)`;
      default:
        throw new Error(`no reference for ${operator}`);
    }
  }
}

function referenceSql(dialect: Dialect, filterCase: FilterCase): { sql: string; params: unknown[] } {
  const { table, where, order, limit, skip } = filterCase;
  const builder = new SqlBuilder(dialect, table);
  const select = table.columns.map((column) => `${dialect.select(column)} AS "${column.field}"`).join(', ');
  let text = `SELECT ${select} FROM ${dialect.table(table)}`;
  if (where) text += ` WHERE ${builder.where(where)}`;
  const orderBy = (order ?? []).map((value) => {
    const direction = value.endsWith('_DESC') ? 'DESC' : 'ASC';
    const enumName = value.slice(0, value.lastIndexOf('_'));
    const column = table.columns.find((candidate) => upperSnake(candidate.field) === enumName) as Column;
    return { field: column.field, direction };
  });
  if (!orderBy.some((clause) => clause.field === table.key))
    orderBy.push({ field: table.key, direction: 'ASC' });
  // Qualified: a bare name would sort by the selected expression of that alias (`total::text`).
  const qualified = (field: string) => `${dialect.table(table)}.${dialect.column(field)}`;
  text += ` ORDER BY ${orderBy.map((clause) => `${qualified(clause.field)} ${clause.direction}`).join(', ')}`;
  // A list without `limit` reads one page of the default size (the `limits.defaultPageSize` setting).
  text += ` LIMIT ${limit ?? DEFAULT_CONFIG.limits.defaultPageSize}`;
  if (skip) text += ` OFFSET ${skip}`;
  if (dialect.name === 'mariadb') text = text.replace(/ AS "(\w+)"/g, ' AS `$1`');
  return { sql: text, params: builder.params };
}

// ---------------------------------------------------------------------------------------------

async function post(gateway: RunningGateway, body: unknown): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

function startFor(databaseUrl: string): Promise<RunningGateway> {
  return startGateway({
    ...DEFAULT_CONFIG,
    databaseUrl,
    port: 0,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-filter-properties-')),
  });
}

async function readSamples(dialect: Dialect): Promise<Map<string, SampleValues>> {
  const byTable = new Map<string, SampleValues>();
  for (const table of TABLES) {
    const samples: SampleValues = new Map();
    for (const column of table.columns) {
      const rows = await dialect.run(
        `SELECT DISTINCT ${dialect.select(column)} AS v FROM ${dialect.table(table)} WHERE ${dialect.column(column.field)} IS NOT NULL`,
        [],
      );
      const values = rows.map((row) => row.v);
      // Every 7th distinct value keeps the pool small and spread over the range.
      samples.set(column.field, values.filter((_, index) => index % 7 === 0).slice(0, 60));
    }
    byTable.set(table.type, samples);
  }
  return byTable;
}

const DIALECTS: { label: string; url: string; dialect: () => Dialect & { close(): Promise<void> } }[] = [
  {
    label: 'PostgreSQL',
    url: CHINOOK_PG_URL,
    dialect: () => {
      const pool = new pg.Pool({ connectionString: CHINOOK_PG_URL, max: 2 });
      return {
        name: 'postgresql',
        table: (table) => `"${snake(table.type.charAt(0).toLowerCase() + table.type.slice(1))}"`,
        column: (field) => `"${snake(field)}"`,
        placeholder: (index) => `$${index}`,
        timestamp: (value) => value.replace('T', ' '),
        select(column) {
          const name = `"${snake(column.field)}"`;
          if (column.type === 'LocalDateTime') return `to_char(${name}, 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;
          if (column.type === 'Decimal') return `${name}::text`;
          return name;
        },
        like: (column, pattern, caseInsensitive) =>
          `${column} ${caseInsensitive ? 'ILIKE' : 'LIKE'} ${pattern}`,
        run: async (sql, params) => (await pool.query(sql, params)).rows,
        close: () => pool.end(),
      };
    },
  },
  {
    label: 'MariaDB',
    url: CHINOOK_MYSQL_URL,
    dialect: () => {
      const pool = mysql.createPool({ uri: CHINOOK_MYSQL_URL, connectionLimit: 2, decimalNumbers: false });
      return {
        name: 'mariadb',
        table: (table) => `\`${table.type}\``,
        column: (field) => `\`${pascal(field)}\``,
        placeholder: () => '?',
        timestamp: (value) => value.replace('T', ' '),
        select(column) {
          const name = `\`${pascal(column.field)}\``;
          if (column.type === 'LocalDateTime') {
            return `CONCAT(DATE_FORMAT(${name}, '%Y-%m-%dT%H:%i:%s.'), LEFT(DATE_FORMAT(${name}, '%f'), 3))`;
          }
          if (column.type === 'Decimal') return `CAST(${name} AS CHAR)`;
          return name;
        },
        // Case-sensitive LIKE whatever the column's collation; ILIKE ignores case only.
        like: (column, pattern, caseInsensitive) =>
          caseInsensitive
            ? `LOWER(CONVERT(${column} USING utf8mb4)) COLLATE utf8mb4_bin LIKE LOWER(${pattern})`
            : `CONVERT(${column} USING utf8mb4) COLLATE utf8mb4_bin LIKE ${pattern}`,
        run: async (sql, params) => (await pool.query(sql, params))[0] as Record<string, unknown>[],
        close: () => pool.end(),
      };
    },
  },
];

describe.each(DIALECTS)('random filters, orders and pages on $label', ({ url, dialect: makeDialect }) => {
  let gateway: RunningGateway;
  let dialect: ReturnType<typeof makeDialect>;
  let samples: Map<string, SampleValues>;

  beforeAll(async () => {
    dialect = makeDialect();
    [gateway, samples] = await Promise.all([startFor(url), readSamples(dialect)]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.stop(), dialect?.close()]);
  });

  it('answer the rows, in the order, that the same query in plain SQL answers', async () => {
    const cases = fc.oneof(...TABLES.map((table) => caseOf(table, samples.get(table.type) as SampleValues)));
    await fc.assert(
      fc.asyncProperty(cases, async (filterCase) => {
        const request = graphqlRequest(filterCase);
        const answer = await post(gateway, request);
        const reference = referenceSql(dialect, filterCase);
        const expected = await dialect.run(reference.sql, reference.params);
        expect(answer.errors, `${request.query} ${JSON.stringify(request.variables)}`).toBeUndefined();
        const rows = (answer.data as Record<string, unknown[]>)[filterCase.table.list];
        expect(rows, `${request.query}\n${JSON.stringify(request.variables)}\n${reference.sql}`).toEqual(
          expected.map((row) => ({ ...row })),
        );
      }),
      { numRuns: RUNS, seed: SEED, verbose: 1 },
    );
  }, 120_000);
});
