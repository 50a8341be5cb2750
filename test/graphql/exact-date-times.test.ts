/**
 * Exact date and time values through the gateway, on PostgreSQL and MariaDB (issue 18, items 1,
 * 2, 3 and 11): timestamps keep their microseconds on read and on input, a filter with a value read
 * back finds its row, a row whose key holds microseconds is reachable by key, update and delete,
 * a timestamp without time zone reads the same under any TZ of the gateway, and years 1–99, BC,
 * years past 9999 and ±infinity (PostgreSQL) have documented texts instead of field errors.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { runMysqlSql, runPgSql } from '../support/databases.js';
import { DIALECTS } from '../support/dialects.js';

const PG_SCHEMA = `
create table payment (
  payment_id int not null,
  payment_date timestamptz(6) not null,
  amount numeric(5,2) not null,
  primary key (payment_date, payment_id)
);
insert into payment values
  (16050, '2022-06-21 07:41:50.707316+00', 1.99),
  (16051, '2022-06-21 07:41:50.707317+00', 2.99),
  (16052, '1999-12-31 23:59:59.9996+00', 3.99);
create table moment (
  moment_id int primary key,
  at_instant timestamptz(6),
  at_local timestamp(6),
  on_day date
);
insert into moment values
  (1, '2022-06-01 12:34:56.789123+00', '2020-01-01 10:00:00.654321', '0001-01-01'),
  (2, '1999-12-31 23:59:59.9996+00', '0099-12-31 23:59:59.999999', '0044-03-15 BC'),
  (3, '-infinity', 'infinity', 'infinity'),
  (4, '0001-01-01 00:00:00+00', '10000-01-01 00:00:00', '10000-01-01');
`;

const MYSQL_SCHEMA = `
set time_zone = '+00:00';
create table payment (
  payment_id int not null,
  payment_date timestamp(6) not null,
  amount decimal(5,2) not null,
  primary key (payment_date, payment_id)
);
insert into payment values
  (16050, '2022-06-21 07:41:50.707316', 1.99),
  (16051, '2022-06-21 07:41:50.707317', 2.99),
  (16052, '1999-12-31 23:59:59.999600', 3.99);
create table moment (
  moment_id int primary key,
  at_instant timestamp(6) null,
  at_local datetime(6),
  on_day date
);
insert into moment values
  (1, '2022-06-01 12:34:56.789123', '2020-01-01 10:00:00.654321', '0001-01-01'),
  (2, '1999-12-31 23:59:59.999600', '0099-12-31 23:59:59.999999', '0099-02-28');
`;

/** What both dialects read for the rows they share. */
const SHARED_MOMENTS = [
  {
    momentId: 1,
    atInstant: '2022-06-01T12:34:56.789123Z',
    atLocal: '2020-01-01T10:00:00.654321',
    onDay: '0001-01-01',
  },
  // The carry bug read this instant as 1999-01-01T00:00:00Z.
  { momentId: 2, atInstant: '1999-12-31T23:59:59.999600Z', atLocal: '0099-12-31T23:59:59.999999' },
];

interface Answer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe.each(DIALECTS)('exact dates and times on $name', (dialect) => {
  let gateway: RunningGateway;
  let databaseUrl: string;
  const sql = async (text: string): Promise<Record<string, unknown>[]> =>
    dialect.name === 'postgresql'
      ? (await runPgSql(databaseUrl, text)).rows
      : ((await runMysqlSql(databaseUrl, text)) as Record<string, unknown>[]);

  async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const response = await fetch(`${gateway.url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  }

  async function data(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const answer = await graphql(query, variables);
    expect(answer.errors).toBeUndefined();
    return answer.data ?? {};
  }

  beforeAll(async () => {
    databaseUrl = await dialect.createDatabase('exact_date_times');
    if (dialect.name === 'postgresql') await runPgSql(databaseUrl, PG_SCHEMA);
    else await runMysqlSql(databaseUrl, MYSQL_SCHEMA);
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      port: 0,
      databaseUrl,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-exact-dates-')),
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await dialect.dropDatabase('exact_date_times');
  });

  it('serves timestamps with their microseconds, a zone-less timestamp as LocalDateTime, and year 0001', async () => {
    const { moments } = await data(
      '{ moments(where: {momentId: {lte: 2}}, order: [MOMENT_ID_ASC]) { momentId atInstant atLocal onDay } }',
    );
    const [first, second] = moments as Record<string, unknown>[];
    expect(first).toEqual(SHARED_MOMENTS[0]);
    expect(second).toMatchObject(SHARED_MOMENTS[1] as Record<string, unknown>);
    const types = await data('{ __type(name: "Moment") { fields { name type { name ofType { name } } } } }');
    const fields = (types.__type as { fields: { name: string; type: { name: string | null } }[] }).fields;
    expect(Object.fromEntries(fields.map((field) => [field.name, field.type.name]))).toMatchObject({
      atInstant: 'DateTime',
      atLocal: 'LocalDateTime',
      onDay: 'Date',
    });
  });

  it('finds a row again by a microsecond value read from it, in any offset', async () => {
    const counts = await data(
      `query ($read: DateTime, $local: LocalDateTime) {
        exact: momentsCount(where: {atInstant: {eq: "2022-06-01T12:34:56.789123Z"}})
        readBack: momentsCount(where: {atInstant: {eq: $read}})
        offset: momentsCount(where: {atInstant: {eq: "2022-06-01T14:34:56.789123+02:00"}})
        oneMicroLater: momentsCount(where: {atInstant: {eq: "2022-06-01T12:34:56.789124Z"}})
        local: momentsCount(where: {atLocal: {eq: $local}})
        carried: momentsCount(where: {atInstant: {gte: "1999-12-31T23:59:59.9996Z", lt: "2000-01-01T00:00:00Z"}})
        day: momentsCount(where: {onDay: {eq: "0001-01-01"}})
      }`,
      { read: SHARED_MOMENTS[0]?.atInstant, local: '2020-01-01T10:00:00.654321' },
    );
    expect(counts).toEqual({
      exact: 1,
      readBack: 1,
      offset: 1,
      oneMicroLater: 0,
      local: 1,
      carried: 1,
      day: 1,
    });
  });

  it('reaches a row whose composite key holds microseconds: read, update and delete by key', async () => {
    const key = 'paymentId: 16050, paymentDate: "2022-06-21T07:41:50.707316Z"';
    expect(await data(`{ payment(${key}) { paymentId paymentDate amount } }`)).toEqual({
      payment: { paymentId: 16050, paymentDate: '2022-06-21T07:41:50.707316Z', amount: '1.99' },
    });
    const { payments } = await data('{ payments(order: [PAYMENT_ID_ASC]) { paymentId paymentDate } }');
    for (const row of payments as { paymentId: number; paymentDate: string }[]) {
      const found = await data(
        'query ($id: Int!, $at: DateTime!) { payment(paymentId: $id, paymentDate: $at) { paymentId } }',
        { id: row.paymentId, at: row.paymentDate },
      );
      expect(found).toEqual({ payment: { paymentId: row.paymentId } });
    }
    expect(await data(`mutation { updatePayment(${key}, data: {amount: "9.99"}) { amount } }`)).toEqual({
      updatePayment: { amount: '9.99' },
    });
    expect(await data(`mutation { deletePayment(${key}) { paymentId } }`)).toEqual({
      deletePayment: { paymentId: 16050 },
    });
    const left = await sql('select payment_id from payment order by payment_id');
    expect(left.map((row) => Number(row.payment_id))).toEqual([16051, 16052]);
  });

  it('stores microseconds given on input, converting an offset to UTC and never a zone-less time', async () => {
    const created = await data(
      `mutation { createMoment(data: {momentId: 10, atInstant: "2030-01-01T01:00:00.000001+01:00", atLocal: "2030-01-01T00:00:00.000001", onDay: "0099-02-28"}) {
        momentId atInstant atLocal onDay } }`,
    );
    expect(created).toEqual({
      createMoment: {
        momentId: 10,
        atInstant: '2030-01-01T00:00:00.000001Z',
        atLocal: '2030-01-01T00:00:00.000001',
        onDay: '0099-02-28',
      },
    });
    const [stored] = await sql(
      dialect.name === 'postgresql'
        ? "select to_char(at_instant at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as i, at_local::text as l from moment where moment_id = 10"
        : 'select cast(at_instant as char) as i, cast(at_local as char) as l from moment where moment_id = 10',
    );
    expect(stored).toEqual({ i: '2030-01-01 00:00:00.000001', l: '2030-01-01 00:00:00.000001' });
  });

  it('reads and filters a timestamp without time zone the same under TZ=UTC and TZ=Asia/Kolkata', async () => {
    const query = `{ moments(where: {atLocal: {eq: "2020-01-01T10:00:00.654321"}}) { momentId atLocal }
      later: momentsCount(where: {atLocal: {gte: "2020-01-01T10:00:00.654321", lt: "2020-01-01T10:00:00.654322"}}) }`;
    const previous = process.env.TZ;
    const answers: Record<string, unknown>[] = [];
    try {
      for (const zone of ['UTC', 'Asia/Kolkata']) {
        process.env.TZ = zone;
        // The zone is in effect for this process (a Date-based reader would shift by 5:30).
        expect(new Date(2020, 0, 1).getTimezoneOffset()).toBe(zone === 'UTC' ? 0 : -330);
        answers.push(await data(query));
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
    expect(answers[0]).toEqual({
      moments: [{ momentId: 1, atLocal: '2020-01-01T10:00:00.654321' }],
      later: 1,
    });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('refuses an offset on a LocalDateTime input and a time on a Date input, with a coded error', async () => {
    const answer = await graphql('{ momentsCount(where: {atLocal: {eq: "2020-01-01T10:00:00Z"}}) }');
    expect(answer.errors?.[0]?.message).toMatch(/LocalDateTime cannot represent "2020-01-01T10:00:00Z"/);
    expect(answer.errors?.[0]?.extensions?.code).toBeDefined();
  });

  if (dialect.name === 'postgresql') {
    it('gives BC dates, years past 9999 and ±infinity documented texts, and filters with them', async () => {
      const { moments } = await data(
        '{ moments(where: {momentId: {gte: 2, lte: 4}}, order: [MOMENT_ID_ASC]) { momentId atInstant atLocal onDay } }',
      );
      expect(moments).toEqual([
        { ...SHARED_MOMENTS[1], onDay: '-000043-03-15' },
        { momentId: 3, atInstant: '-infinity', atLocal: 'infinity', onDay: 'infinity' },
        {
          momentId: 4,
          atInstant: '0001-01-01T00:00:00.000Z',
          atLocal: '+010000-01-01T00:00:00.000',
          onDay: '+010000-01-01',
        },
      ]);
      const counts = await data(`{
        bc: momentsCount(where: {onDay: {eq: "-000043-03-15"}})
        beforeChrist: momentsCount(where: {onDay: {lt: "0001-01-01"}})
        pastYear9999: momentsCount(where: {atLocal: {gt: "9999-12-31T23:59:59.999999"}})
        year10000: momentsCount(where: {onDay: {eq: "+010000-01-01"}})
        infinite: momentsCount(where: {atLocal: {eq: "infinity"}})
        minusInfinite: momentsCount(where: {atInstant: {lt: "0001-01-01T00:00:00Z"}})
      }`);
      expect(counts).toEqual({
        bc: 1,
        beforeChrist: 1,
        pastYear9999: 2,
        year10000: 1,
        infinite: 1,
        minusInfinite: 1,
      });
      const created = await data(
        'mutation { createMoment(data: {momentId: 11, atInstant: "-000043-03-15T10:00:00.5Z", atLocal: "-infinity", onDay: "+010000-12-31"}) { atInstant atLocal onDay } }',
      );
      expect(created).toEqual({
        createMoment: {
          atInstant: '-000043-03-15T10:00:00.500Z',
          atLocal: '-infinity',
          onDay: '+010000-12-31',
        },
      });
      const [stored] = await sql(
        'select on_day::text as d, at_instant::text as i from moment where moment_id = 11',
      );
      expect(stored).toEqual({ d: '10000-12-31', i: '0044-03-15 10:00:00.5+00 BC' });
    });
  }
});
