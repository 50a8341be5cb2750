import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { MAX_NAMED_STATEMENT_LENGTH } from '../../src/connectors/postgresql/postgresql-statement-budget.js';
import { connectorOf } from '../../src/server/gateway-source.js';
import { type ChinookGateway, startChinookGateway } from '../support/chinook-gateway.js';

const BUDGET = 20;
const POOL_SIZE = 2;

/**
 * A document whose `or` list has `length` alternatives from track `first` on: a statement text of
 * its own (a cached operation's numbers are written into its statement).
 */
function orList(length: number, first = 1): string {
  const alternatives = Array.from({ length }, (_, index) => `{ trackId: { eq: ${first + index} } }`);
  return `{ tracks(where: { or: [${alternatives.join(', ')}] }) { trackId } }`;
}

/** The named statements of every pooled connection (longer than `minLength`), each counted on its own connection. */
async function preparedPerConnection(connector: PostgresConnector, minLength = 0): Promise<number[]> {
  // Holding POOL_SIZE transactions at once takes every connection of the pool.
  const transactions = await Promise.all(
    Array.from({ length: POOL_SIZE }, () => connector.beginTransaction()),
  );
  try {
    const counts: number[] = [];
    for (const transaction of transactions) {
      const [row] = await connector.execute<{ n: number }>(
        'select count(*)::int as n from pg_prepared_statements where length(statement) > $1',
        [minLength],
        { transaction },
      );
      counts.push(Number(row?.n));
    }
    return counts;
  } finally {
    await Promise.all(transactions.map((transaction) => transaction.rollback()));
  }
}

describe('the prepared-statement budget of a PostgreSQL connection', () => {
  let client: ChinookGateway;
  let connector: PostgresConnector;

  beforeAll(async () => {
    client = await startChinookGateway('postgresql', {
      poolSize: POOL_SIZE,
      database: { maxPreparedStatements: BUDGET },
      // Room for one document whose statement is longer than any kept (the query limits would refuse it).
      limits: { maxTokens: 20_000, maxDocumentBytes: 100_000, defaultPageSize: 1_000 },
    });
    connector = connectorOf(client.gateway.source) as PostgresConnector;
  });

  afterAll(async () => {
    await client?.stop();
  });

  it('keeps every backend within the budget while clients send 300 distinct statement shapes', async () => {
    for (let shape = 1; shape <= 300; shape++) {
      const length = (shape % 10) + 1;
      const answer = await client.post(orList(length, shape));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.tracks).toHaveLength(length);
    }
    const counts = await preparedPerConnection(connector);
    expect(counts).toHaveLength(POOL_SIZE);
    for (const count of counts) expect(count).toBeLessThanOrEqual(BUDGET);
    // The budget is used, not bypassed: statements are still prepared and kept.
    expect(Math.max(...counts)).toBe(BUDGET);
  });

  it('prepares an evicted statement again when it comes back, and answers it right', async () => {
    for (const length of [1, 2, 3, 1, 2, 3]) {
      const answer = await client.post(orList(length));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.tracks).toEqual(Array.from({ length }, (_, index) => ({ trackId: index + 1 })));
    }
    for (const count of await preparedPerConnection(connector)) expect(count).toBeLessThanOrEqual(BUDGET);
  });

  it('never prepares a statement too long to keep: it is planned at each run instead', async () => {
    const lengths: number[] = [];
    const stop = connector.observeStatements((event) => lengths.push(event.sql.length));
    for (let run = 0; run < 3; run++) {
      const answer = await client.post(orList(1_000));
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.tracks).toHaveLength(1_000);
    }
    stop();
    expect(Math.min(...lengths)).toBeGreaterThan(MAX_NAMED_STATEMENT_LENGTH);
    expect(await preparedPerConnection(connector, MAX_NAMED_STATEMENT_LENGTH)).toEqual([0, 0]);
  });
});
