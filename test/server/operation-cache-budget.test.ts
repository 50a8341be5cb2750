import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS_CONFIG } from '../../src/server/config/limits-config.js';
import type { RunningGateway } from '../../src/server/gateway.js';
import { estimatedDocumentBytes } from '../../src/server/pipeline/operation-cache.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { rawRequest, startSecurityGateway } from '../support/security-gateways.js';

const BUDGET = 16 * 1024 * 1024;
const DOCUMENT_LENGTH = 64_000;
let gateway: RunningGateway;

beforeAll(async () => {
  ({ gateway } = await startSecurityGateway(CHINOOK_PG_URL, {
    operationCacheBytes: BUDGET,
    maxRequestBodyBytes: 2_000_000,
    // Documents of 64 KB, over the default document size limit (50,000 bytes).
    limits: { ...DEFAULT_LIMITS_CONFIG, maxDocumentBytes: 100_000 },
  }));
});
afterAll(async () => {
  await gateway?.stop();
});

/** A distinct valid document of `DOCUMENT_LENGTH` characters: a query padded with a comment. */
function document(index: number): string {
  const query = `query Padded${index} { albums(limit: 1) { albumId } }\n#`;
  return query + 'x'.repeat(DOCUMENT_LENGTH - query.length);
}

async function send(query: string, operationName?: string): Promise<number> {
  const answer = await rawRequest(gateway.url, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, ...(operationName ? { operationName } : {}) }),
  });
  return answer.status;
}

describe('the operation cache', () => {
  it('does not grow when a cached document is sent with ever-new unknown operation names', async () => {
    const query = 'query Known { albums(limit: 1) { albumId } }';
    expect(await send(query)).toBe(200);
    const before = { ...gateway.http.operations.usage };
    for (let batch = 0; batch < 500; batch += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, offset) => send(query, `Unknown${batch + offset}`)));
    }
    expect(gateway.http.operations.usage).toEqual(before);
  });
  it('stays within its byte budget with 1,500 distinct 64 KB documents', async () => {
    const { operations } = gateway.http;
    let peak = 0;
    for (let batch = 0; batch < 1_500; batch += 10) {
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, offset) => send(document(batch + offset))),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      peak = Math.max(peak, operations.usage.bytes);
    }
    expect(peak).toBeLessThanOrEqual(BUDGET);
    const { documents, bytes } = operations.usage;
    // Full, and holding what the budget allows: ~63 documents of 64 KB, not 1,500 (nor 1,000 by count).
    expect(bytes).toBeGreaterThan(BUDGET - estimatedDocumentBytes(document(0)));
    expect(documents).toBe(Math.floor(BUDGET / estimatedDocumentBytes(document(0))));
  }, 300_000);
});
