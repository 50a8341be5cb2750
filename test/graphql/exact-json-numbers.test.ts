/**
 * JSON values keep every digit end to end, on PostgreSQL and MariaDB (issue 18 item 7):
 * `{"big": 12345678901234567890}` read from json/jsonb columns (plain and nested lists), and
 * written from literals and variables, is answered and stored with the same digits, on the fast
 * path and on yoga's.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseLossless } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { runMysqlSql, runPgSql } from '../support/databases.js';
import { DIALECTS } from '../support/dialects.js';

const BODY = '{"big": 12345678901234567890, "small": 1.5, "list": [9007199254740993, 2]}';
const RAW = '{"decimal": 0.1000000000000000055511151231257827, "neg": -98765432109876543210}';
const META = '{"id": 9223372036854775807}';
const TAG = '{"t": 12345678901234567891}';

const PG_SCHEMA = `
create table doc (doc_id int primary key, body jsonb, raw json, plain jsonb);
create table note (note_id int primary key, doc_id int not null references doc, meta jsonb);
insert into doc values (1, '${BODY}', '${RAW}', '{"n": 1}');
insert into note values (1, 1, '${META}');
create table tag (tag_id int primary key, meta jsonb);
create table doc_tag (doc_id int not null references doc, tag_id int not null references tag, primary key (doc_id, tag_id));
insert into tag values (1, '${TAG}');
insert into doc_tag values (1, 1);
`;
const MYSQL_SCHEMA = `
create table doc (doc_id int primary key, body json, raw json, plain json);
create table note (note_id int primary key, doc_id int not null, meta json,
  foreign key (doc_id) references doc (doc_id));
insert into doc values (1, '${BODY}', '${RAW}', '{"n": 1}');
insert into note values (1, 1, '${META}');
create table tag (tag_id int primary key, meta json);
create table doc_tag (doc_id int not null, tag_id int not null, primary key (doc_id, tag_id),
  foreign key (doc_id) references doc (doc_id), foreign key (tag_id) references tag (tag_id));
insert into tag values (1, '${TAG}');
insert into doc_tag values (1, 1);
`;

/** JSON text read losslessly (jsonb orders keys its own way; numbers compare by their digits). */
function exact(text: string): unknown {
  return parseLossless(text);
}

describe.each(DIALECTS)('exact JSON numbers on $name', (dialect) => {
  let gateway: RunningGateway;
  let databaseUrl: string;

  async function stored(id: number): Promise<string> {
    if (dialect.name === 'postgresql') {
      const result = await runPgSql(databaseUrl, 'select body::text as body from doc where doc_id = $1', [
        id,
      ]);
      return String(result.rows[0]?.body);
    }
    // As text: a client parsing the JSON column would round the number itself.
    const rows = (await runMysqlSql(databaseUrl, 'select concat(body) as body from doc where doc_id = ?', [
      id,
    ])) as { body: unknown }[];
    return String(rows[0]?.body);
  }

  /** Posts a request body written by hand (JS cannot hold the numbers) and answers its text. */
  async function post(body: string, contentType = 'application/json'): Promise<string> {
    const response = await fetch(`${gateway.url}`, {
      method: 'POST',
      headers: { 'content-type': contentType, accept: 'application/json' },
      body,
    });
    return response.text();
  }

  beforeAll(async () => {
    databaseUrl = await dialect.createDatabase('exact_json_numbers');
    if (dialect.name === 'postgresql') await runPgSql(databaseUrl, PG_SCHEMA);
    else await runMysqlSql(databaseUrl, MYSQL_SCHEMA);
    gateway = await startGateway({
      ...DEFAULT_CONFIG,
      port: 0,
      databaseUrl,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-exact-json-')),
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await dialect.dropDatabase('exact_json_numbers');
  });

  it('answers json and jsonb columns with every digit, in rows and in nested lists', async () => {
    const text = await post(JSON.stringify({ query: '{ docs { docId body raw plain notes { meta } } }' }));
    expect(text).not.toContain('json-number');
    const answer = parseLossless(text) as { data: { docs: { docId: unknown }[] } };
    expect(answer.data.docs).toHaveLength(1);
    expect(text).toContain('"big":12345678901234567890');
    expect(text).toContain('"list":[9007199254740993,2]');
    expect(text).toContain('"decimal":0.1000000000000000055511151231257827');
    expect(text).toContain('"neg":-98765432109876543210');
    expect(text).toContain('"meta":{"id":9223372036854775807}');
    expect(text).toContain('"plain":{"n":1}');
  });

  it('answers them inside a many-to-many list read through its join table', async () => {
    const text = await post(JSON.stringify({ query: '{ docs { docId tags { tagId meta } } }' }));
    expect(text).toContain('"tags":[{"tagId":1,"meta":{"t":12345678901234567891}}]');
  });

  it('answers the same digits on yoga’s path (a request the fast path hands over)', async () => {
    const text = await post(JSON.stringify({ query: '{ docs { body } }' }), 'application/graphql+json');
    expect(text).toContain('"big":12345678901234567890');
    expect(text).not.toContain('json-number');
  });

  it('stores a big integer given in a literal exactly', async () => {
    const text = await post(
      JSON.stringify({
        query: 'mutation { createDoc(data: {docId: 2, body: {big: 98765432109876543210, f: 2.5}}) { body } }',
      }),
    );
    expect(text).toContain('"big":98765432109876543210');
    expect(exact(await stored(2))).toEqual(exact('{"big":98765432109876543210,"f":2.5}'));
  });

  it('keeps a literal exact when the operation runs again, compiled', async () => {
    const update = JSON.stringify({
      query: 'mutation { updateDoc(docId: 1, data: {plain: {big: 55555555555555555555}}) { plain } }',
    });
    for (let run = 0; run < 6; run++) {
      const text = await post(update);
      expect(text).toContain('"plain":{"big":55555555555555555555}');
    }
    const read = await post(JSON.stringify({ query: '{ docs(where: {docId: {eq: 1}}) { plain } }' }));
    expect(read).toContain('"plain":{"big":55555555555555555555}');
  });

  it('stores a big integer given in a variable exactly, on the fast path and on yoga’s', async () => {
    const mutation = 'mutation($data: DocCreateInput!) { createDoc(data: $data) { docId body } }';
    const body = (id: number) =>
      `{"query": ${JSON.stringify(mutation)}, "variables": {"data": {"docId": ${id}, "body": {"big": 11111111111111111111111, "list": [1, 9007199254740993]}}}}`;
    const fast = await post(body(3));
    expect(fast).toContain('"big":11111111111111111111111');
    expect(exact(await stored(3))).toEqual(
      exact('{"big":11111111111111111111111,"list":[1,9007199254740993]}'),
    );
    const viaYoga = await post(body(4), 'application/graphql+json');
    expect(viaYoga).toContain('"big":11111111111111111111111');
    expect(exact(await stored(4))).toEqual(
      exact('{"big":11111111111111111111111,"list":[1,9007199254740993]}'),
    );
  });

  it('leaves variables of other types as JSON.parse reads them (an Int written with 20 digits is 1)', async () => {
    const text = await post(
      '{"query": "query($x: Int) { docs(limit: $x) { docId } }", "variables": {"x": 1.0000000000000000001}}',
    );
    expect(text).toContain('"docId":1');
  });
});
