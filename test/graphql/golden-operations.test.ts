/**
 * Golden operation files (test/graphql/operations/, see its README): for each schema and
 * dialect, the real gateway, started in-process on a fresh database, answers every operation of
 * the schema's folder over HTTP; the JSON result and the SQL statements that request sent are
 * compared with the files beside the operation (UPDATE_GOLDEN=1 writes them instead). A read is
 * sent twice and must answer and send the same the second time, when the gateway has it cached.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { DIALECTS } from '../support/dialects.js';
import { lineDiff } from '../support/line-diff.js';
import { createGoldenDatabase, dropGoldenDatabase, GOLDEN_SCHEMAS } from './support/golden-databases.js';
import {
  checkGolden,
  formatResult,
  formatStatements,
  type GoldenAnswer,
  type GoldenOperation,
  listOperations,
  OPERATIONS_DIR,
  type RecordedStatement,
  strayFiles,
  UPDATE_GOLDEN,
} from './support/golden-files.js';

// PostgreSQL `timestamp` columns are read in the process's time zone: fix it, for the same
// results on every machine.
process.env.TZ = 'UTC';

for (const schema of GOLDEN_SCHEMAS) {
  it(`${schema}: every golden file belongs to an operation`, () => {
    const stray = strayFiles(path.join(OPERATIONS_DIR, schema));
    if (UPDATE_GOLDEN) {
      for (const file of stray) rmSync(path.join(OPERATIONS_DIR, schema, file));
      return;
    }
    expect(stray, 'remove them, or run with UPDATE_GOLDEN=1').toEqual([]);
  });
}

it('chinook: bench-q1 to bench-q4 are the benchmark queries of bench/queries/discograph', () => {
  const bench = path.join(OPERATIONS_DIR, '..', '..', '..', 'bench', 'queries', 'discograph');
  const pairs = [1, 2, 3, 4].map((n) => [`bench-q${n}.graphql`, `Q${n}.graphql`]);
  for (const [golden, original] of [...pairs, ['bench-q3.variables.json', 'Q3.variables.json']] as const) {
    expect(readFileSync(path.join(OPERATIONS_DIR, 'chinook', golden), 'utf8'), golden).toBe(
      readFileSync(path.join(bench, original), 'utf8'),
    );
  }
});

for (const dialect of DIALECTS) {
  for (const schema of GOLDEN_SCHEMAS) {
    describe(`${schema} on ${dialect.name}`, () => {
      const statements: RecordedStatement[] = [];
      let gateway: RunningGateway | undefined;

      beforeAll(async () => {
        const databaseUrl = await createGoldenDatabase(schema, dialect);
        gateway = await startGateway(
          {
            ...DEFAULT_CONFIG,
            databaseUrl,
            port: 0,
            // One connection: statements complete in the order they were sent, so the files
            // list them in that order however the requests' statements overlap.
            poolSize: 1,
            cacheDir: mkdtempSync(path.join(os.tmpdir(), `discograph-golden-${schema}-`)),
          },
          {
            onSource: (source) =>
              source.dataSource.connector?.observeStatements(({ sql, params }) =>
                statements.push({ sql, params }),
              ),
          },
        );
        // Every operation runs compiled by graphql-jit, as it does once a gateway has settled.
        await gateway.http.operations.loadJit();
        statements.length = 0;
      });
      afterAll(async () => {
        await gateway?.stop();
        await dropGoldenDatabase(schema, dialect);
      });

      async function send(operation: GoldenOperation): Promise<GoldenAnswer> {
        if (!gateway) throw new Error('the gateway starts in beforeAll');
        if (statements.length > 0) {
          throw new Error(
            `statements were sent after the previous request was answered:\n${formatStatements(statements)}`,
          );
        }
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
          body: JSON.stringify({ query: operation.query, variables: operation.variables }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: unknown };
        // A statement the answer did not wait for would report after it: give it a turn to, so
        // that the check above fails the next request instead of counting it as its own.
        await new Promise((resolve) => setImmediate(resolve));
        return { result: formatResult(body), sql: formatStatements(statements.splice(0)) };
      }

      for (const operation of listOperations(path.join(OPERATIONS_DIR, schema))) {
        it(`${schema} on ${dialect.name}: ${operation.name}`, async () => {
          const answer = await send(operation);
          if (!operation.mutation) {
            const again = await send(operation);
            const differences = [lineDiff(answer.result, again.result), lineDiff(answer.sql, again.sql)];
            if (differences.some(Boolean)) {
              throw new Error(
                `the same request sent again answered or sent differently (- first, + second):\n\n${differences.filter(Boolean).join('\n\n')}`,
              );
            }
          }
          checkGolden(operation, dialect.name, answer);
        });
      }
    });
  }
}
