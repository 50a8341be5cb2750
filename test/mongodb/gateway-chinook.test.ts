/**
 * The gateway on MongoDB's Chinook documents (`DATABASE_URL=mongodb://…`): the chinook golden
 * operations (test/graphql/operations/chinook/, adapted where a key differs: ./operations/) answer
 * the same data as from the SQL Chinook, each relation level in one batched command, and no more
 * sequential round trips than the operation's depth + 1, counted with the driver's command
 * monitoring.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCommand } from '../../src/cli/discover-command.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { type GoldenOperation, listOperations, OPERATIONS_DIR } from '../graphql/support/golden-files.js';
import { captureIo } from '../support/cli-io.js';
import { loadChinook } from '../support/mongodb/chinook-mongodb.js';
import {
  type MongoTestServer,
  ON_REAL_MONGODB,
  startMongoTestServer,
} from '../support/mongodb/mongodb-test-server.js';

const SQL_DIR = path.join(OPERATIONS_DIR, 'chinook');
const ADAPTED_DIR = fileURLToPath(new URL('./operations', import.meta.url));
const DATABASE = 'gateway_chinook';

/**
 * What an operation costs: its commands (one per relation per level) and its depth; it takes at
 * most depth + 1 sequential round trips, or, where the GraphQL layer still orders two reads one
 * after the other, at most `roundTrips`, for the reason `why`.
 */
interface Expected {
  commands: number;
  depth: number;
  roundTrips?: number;
  why?: string;
}

/**
 * The plan reads a belongsTo target together with its parents' read (in the statement on SQL;
 * apart, right after it, on a connector without joins) and the lists of those parents only
 * afterwards, from their fields' loaders: `albums { artist tracks }` waits for `artist` before
 * `tracks`. Starting the lists' loaders beside the belongsTo reads is work for the GraphQL layer.
 */
const BELONGS_TO_BEFORE_LISTS = 'belongsTo reads finish before the lists of the same parents start';

/**
 * The belongsTo reads of one level are started together (model-read.ts reads them with
 * Promise.all), yet one of three sometimes reaches the server only after another was answered:
 * 3 round trips usually, 4 at times on a loaded machine. Not yet explained: to investigate.
 */
const SAME_LEVEL_MAY_SERIALIZE = 'the reads of one level sometimes reach the server one after another';

/**
 * Two root fields (a list and a row by id, read through its loader) sometimes reach the server one
 * after the other: the list's find is answered before the loader's batch is sent. Not yet explained.
 */
const ROOT_FIELDS_MAY_SERIALIZE =
  'the root fields of one operation sometimes reach the server one after another';

/** A connection reads its page, then its `totalCount`: one after the other, on SQL too. */
const COUNT_AFTER_PAGE = 'a connection counts after reading its page';

/**
 * The SQL operations that run unchanged, with the commands (one per relation per level) and the
 * sequential round trips they take. Operations of the SQL Chinook not run here, and why:
 * `bench-q3` and `many-to-many` address a row by its Chinook number (adapted: ./operations/; bench-q3
 * reads the embedded invoice lines and their tracks), the mutations address rows by Chinook's numbers.
 */
const UNCHANGED: Record<string, Expected> = {
  'belongs-to-chain': { commands: 5, depth: 2, roundTrips: 4, why: SAME_LEVEL_MAY_SERIALIZE },
  'bench-q1': { commands: 1, depth: 0 },
  'bench-q2': { commands: 4, depth: 2, roundTrips: 4, why: BELONGS_TO_BEFORE_LISTS },
  'bench-q4': { commands: 1, depth: 0 },
  'error-bad-cursor': { commands: 0, depth: 0 },
  'error-bad-filter-value': { commands: 0, depth: 0 },
  'error-like-trailing-backslash': { commands: 0, depth: 0 },
  'error-negative-limit': { commands: 0, depth: 0 },
  'error-unknown-field': { commands: 0, depth: 0 },
  'has-many-nested-limits': { commands: 3, depth: 2 },
  'has-many-nested-limits-variables': { commands: 3, depth: 2 },
  'has-many-where-order': { commands: 2, depth: 1 },
  'self-reference': { commands: 3, depth: 2 },
};

/** The adapted operations (./operations/), with their commands and depth, and SQL fields they no longer select. */
const ADAPTED: Record<string, Expected & { omit?: string[] }> = {
  'aliases-same-relation': { commands: 3, depth: 1 },
  // Without invoiceDate: a BSON Date is a DateTime (with its zone), the SQL column a LocalDateTime.
  'bench-q3': { commands: 5, depth: 4, omit: ['invoiceDate'] },
  'connection-first': { commands: 2, depth: 0, roundTrips: 2, why: COUNT_AFTER_PAGE },
  'connection-first-after': { commands: 2, depth: 0, roundTrips: 2, why: COUNT_AFTER_PAGE },
  'connection-last': { commands: 2, depth: 0, roundTrips: 2, why: COUNT_AFTER_PAGE },
  'connection-last-before': { commands: 1, depth: 0 },
  count: { commands: 2, depth: 0 },
  fragments: { commands: 3, depth: 2 },
  'list-where-and-or-like': { commands: 1, depth: 0, omit: ['albumId'] },
  'list-where-inq-nin-is-null': { commands: 2, depth: 0 },
  'list-where-order-limit-skip': { commands: 1, depth: 0 },
  'list-where-order-limit-skip-variables': { commands: 1, depth: 0 },
  'many-to-many': { commands: 4, depth: 1, roundTrips: 3, why: ROOT_FIELDS_MAY_SERIALIZE },
  'single-by-id-aliases': { commands: 1, depth: 0 },
  'single-by-id-literal': { commands: 1, depth: 0 },
  'single-by-id-variable': { commands: 1, depth: 0 },
};

/** A command as the connector reported it, with when it started and ended. */
interface TimedCommand {
  sql: string;
  start: number;
  end: number;
}

/**
 * The sequential round trips of a request: a command that started after another had answered
 * waits on it, so the longest such chain is what the client waited for.
 */
function roundTrips(commands: readonly TimedCommand[]): number {
  const levels: number[] = [];
  commands.forEach((command, index) => {
    let level = 1;
    for (let before = 0; before < index; before++) {
      const earlier = commands[before] as TimedCommand;
      if (earlier.end <= command.start) level = Math.max(level, (levels[before] ?? 1) + 1);
    }
    levels.push(level);
  });
  return Math.max(0, ...levels);
}

function withoutFields(value: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutFields(item, fields));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !fields.includes(key))
      .map(([key, item]) => [key, withoutFields(item, fields)]),
  );
}

function goldenData(name: string): unknown {
  return (JSON.parse(readFileSync(path.join(SQL_DIR, `${name}.result.json`), 'utf8')) as { data?: unknown })
    .data;
}

let server: MongoTestServer;
let gateway: RunningGateway;
const commands: TimedCommand[] = [];

beforeAll(async () => {
  server = await startMongoTestServer();
  const client = new MongoClient(server.url(DATABASE));
  try {
    await loadChinook(client.db(DATABASE));
  } finally {
    await client.close();
  }
  gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      // Connections opened up front: a command sent together with another does not wait for a
      // connection to be opened (which a fast server outruns, making them look sequential).
      databaseUrl: `${server.url(DATABASE)}?minPoolSize=8`,
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-gateway-mongodb-')),
    },
    {
      onSource: (source) =>
        source.dataSource.connector?.observeStatements(({ sql, durationMs }) => {
          const end = performance.now();
          commands.push({ sql, start: end - durationMs, end });
        }),
    },
  );
});

afterAll(async () => {
  await gateway?.stop();
  await server?.dropDatabase(DATABASE);
  await server?.stop();
});

/** An answer and the commands it took. */
type Answer = { data?: unknown; errors?: unknown; commands: TimedCommand[] };

/**
 * Sends the operation twice and answers with the second run: the first prepares the operation's
 * reads (compiled once, then reused), so the second shows the commands of a settled gateway and
 * their overlap, undisturbed by first-use compilation.
 */
async function send(operation: GoldenOperation): Promise<Answer> {
  await sendOnce(operation);
  return sendOnce(operation);
}

async function sendOnce(operation: GoldenOperation): Promise<Answer> {
  commands.length = 0;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  return { ...body, commands: commands.splice(0) };
}

function expectCost(sent: readonly TimedCommand[], expected: Expected): void {
  expect(sent).toHaveLength(expected.commands);
  expect(roundTrips(sent), expected.why).toBeLessThanOrEqual(expected.roundTrips ?? expected.depth + 1);
}

function expectSameAsSql(name: string, answer: { data?: unknown }, omit: readonly string[] = []): void {
  expect(answer.data).toEqual(withoutFields(goldenData(name), omit));
}

describe('the chinook golden operations on MongoDB documents', () => {
  const sqlOperations = new Map(listOperations(SQL_DIR).map((operation) => [operation.name, operation]));
  for (const [name, expected] of Object.entries(UNCHANGED)) {
    it(`${name} answers as on SQL in ${expected.commands} commands, at most depth + 1 round trips`, async () => {
      const operation = sqlOperations.get(name) as GoldenOperation;
      const answer = await send(operation);
      if (name === 'bench-q4' && !ON_REAL_MONGODB) {
        // CongoDB orders strings by locale ('...And Found' before '"?"'), MongoDB and the SQL
        // Chinook by code point: the same tracks' prices, the order only on a real server.
        const tracks = (answer.data as { tracks: { name: string; unitPrice: string }[] }).tracks;
        expect(tracks).toHaveLength(20);
        expect(tracks.every((track) => track.unitPrice === '1.99')).toBe(true);
      } else {
        expectSameAsSql(name, answer);
      }
      expectCost(answer.commands, expected);
    });
  }
  for (const operation of listOperations(ADAPTED_DIR)) {
    const expected = ADAPTED[operation.name];
    it(`${operation.name} (adapted to ObjectIds) answers as on SQL, at most depth + 1 round trips`, async () => {
      if (!expected) throw new Error(`${operation.name}: add it to ADAPTED`);
      const answer = await send(operation);
      expectSameAsSql(operation.name, answer, expected.omit);
      expectCost(answer.commands, expected);
    });
  }
});

describe('the schema cache of a MongoDB database', () => {
  it('serves from the cache written by `discover` without sending one sampling command', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-mongodb-cache-'));
    const io = captureIo();
    expect(await discoverCommand(['--database-url', server.url(DATABASE), '--cache-dir', cacheDir], io)).toBe(
      0,
    );
    const sent: string[] = [];
    const cached = await startGateway(
      { ...DEFAULT_CONFIG, databaseUrl: server.url(DATABASE), port: 0, cacheDir },
      {
        fromCache: true,
        onSource: (source) => source.dataSource.connector?.observeStatements(({ sql }) => sent.push(sql)),
      },
    );
    try {
      expect(sent.filter((command) => /^(find|aggregate|listIndexes)/.test(command))).toEqual([]);
      const response = await fetch(cached.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ artists(where: { artistId: { eq: 1 } }) { name albums { title } } }',
        }),
      });
      expect(await response.json()).toEqual({
        data: {
          artists: [
            {
              name: 'AC/DC',
              albums: [{ title: 'For Those About To Rock We Salute You' }, { title: 'Let There Be Rock' }],
            },
          ],
        },
      });
    } finally {
      await cached.stop();
    }
  });
});
