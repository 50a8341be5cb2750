import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAKING_DRIFT_EXIT_CODE } from '../../src/cli/check-command.js';
import { runCli } from '../../src/cli/main.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { startGateway } from '../../src/server/gateway.js';
import { captureIo } from '../support/cli-io.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const DATABASE = 'cli_drift';
let url: string;
let cacheDir: string;

beforeAll(async () => {
  url = await createPgDatabase(DATABASE, { template: 'chinook' });
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-cli-cache-'));
});
afterAll(async () => {
  await dropPgDatabase(DATABASE);
});

describe('discograph discover', () => {
  it('writes the model definitions, the manifest, the catalog snapshot and the SDL', async () => {
    const io = captureIo();
    expect(await runCli(['discover', '--database-url', url, '--cache-dir', cacheDir], io)).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(cacheDir, 'manifest.json'), 'utf8'));
    expect(manifest.models).toContain('InvoiceLine');
    expect(manifest.source).toMatchObject({ connector: 'postgresql', database: DATABASE });
    const invoiceLine = JSON.parse(readFileSync(path.join(cacheDir, 'models', 'InvoiceLine.json'), 'utf8'));
    expect(invoiceLine.options.relations.track).toMatchObject({ type: 'belongsTo', model: 'Track' });
    expect(readFileSync(path.join(cacheDir, 'schema.graphql'), 'utf8')).toContain('type InvoiceLine {');
    expect(readFileSync(path.join(cacheDir, 'catalog.postgresql.json'), 'utf8')).toContain('"invoice_line"');
  });

  it('writes byte-identical files when run again on the same database', async () => {
    const before = readFileSync(path.join(cacheDir, 'manifest.json'), 'utf8');
    const sdl = readFileSync(path.join(cacheDir, 'schema.graphql'), 'utf8');
    expect(await runCli(['discover', '--database-url', url, '--cache-dir', cacheDir], captureIo())).toBe(0);
    expect(readFileSync(path.join(cacheDir, 'manifest.json'), 'utf8')).toBe(before);
    expect(readFileSync(path.join(cacheDir, 'schema.graphql'), 'utf8')).toBe(sdl);
  });
});

describe('discograph export-schema', () => {
  it('prints the same SDL as the cache holds, from the cache', async () => {
    const io = captureIo();
    expect(
      await runCli(['export-schema', '--from-cache', '--database-url', url, '--cache-dir', cacheDir], io),
    ).toBe(0);
    expect(`${io.stdout.join('\n')}\n`).toBe(readFileSync(path.join(cacheDir, 'schema.graphql'), 'utf8'));
  });

  it('writes the introspection JSON to a file', async () => {
    const out = path.join(cacheDir, 'introspection.json');
    const io = captureIo();
    expect(
      await runCli(
        ['export-schema', '--introspection', '--out', out, '--database-url', url, '--cache-dir', cacheDir],
        io,
      ),
    ).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.data.__schema.queryType.name).toBe('Query');
  });
});

describe('serve --from-cache', () => {
  it('starts without a single catalog statement and serves queries', async () => {
    const statements: StatementEvent[] = [];
    const gateway = await startGateway(
      { ...DEFAULT_CONFIG, databaseUrl: url, port: 0, cacheDir },
      {
        fromCache: true,
        onSource: (source) =>
          source.dataSource.connector?.observeStatements((event) => statements.push(event)),
      },
    );
    try {
      expect(statements).toEqual([]);
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ artist(artistId: 1) { name albums { title } } }' }),
      });
      expect(await response.json()).toEqual({
        data: {
          artist: {
            name: 'AC/DC',
            albums: [{ title: 'For Those About To Rock We Salute You' }, { title: 'Let There Be Rock' }],
          },
        },
      });
      expect(statements.map((event) => event.sql).join('\n')).not.toMatch(
        /pg_catalog|information_schema|pg_class/,
      );
    } finally {
      await gateway.stop();
    }
  });
});

describe('discograph check', () => {
  it('finds an added column (not breaking) and a dropped table (breaking), and exits non-zero', async () => {
    await runPgSql(url, 'alter table artist add column country varchar(40); drop table playlist_track;');
    const io = captureIo();
    const code = await runCli(['check', '--database-url', url, '--cache-dir', cacheDir], io);
    const report = io.stdout.join('\n');
    expect(report).toMatch(/Artist\.country was added/);
    expect(report).toMatch(/BREAKING model PlaylistTrack was removed/);
    expect(code).toBe(BREAKING_DRIFT_EXIT_CODE);
  });

  it('exits 0 when only additions happened', async () => {
    const freshCache = mkdtempSync(path.join(os.tmpdir(), 'discograph-cli-cache-'));
    await runCli(['discover', '--database-url', url, '--cache-dir', freshCache], captureIo());
    await runPgSql(url, 'alter table genre add column description text');
    const io = captureIo();
    expect(await runCli(['check', '--database-url', url, '--cache-dir', freshCache], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Genre\.description was added/);
  });
});

describe('CLI errors', () => {
  it('names an unknown option and prints the usage, exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['serve', '--prot', '4000'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/Unknown option '--prot'[\s\S]*Usage: discograph serve/);
  });

  it('names an unknown command, exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['srve'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/unknown command "srve"/);
  });

  it('explains a bad database URL in one line, exit code 2 (a configuration error)', async () => {
    const io = captureIo();
    expect(
      await runCli(['discover', '--database-url', 'localhost:5432/db', '--cache-dir', cacheDir], io),
    ).toBe(2);
    expect(io.stderr).toEqual([
      'discograph discover: flag: "--database-url" is "localhost:5432/db"; expected a postgres://, mysql:// or mongodb:// URL (the scheme "localhost" is not supported)',
    ]);
  });

  it('says which host and port could not be reached, without the password', async () => {
    const io = captureIo();
    const code = await runCli(
      ['discover', '--database-url', 'postgres://app:s3cret@127.0.0.1:1/nothing', '--cache-dir', cacheDir],
      io,
    );
    const message = io.stderr.join('\n');
    expect(code).toBe(1);
    expect(message).toMatch(/127\.0\.0\.1:1/);
    expect(message).toMatch(/CONNECTION_FAILED/);
    expect(message).not.toMatch(/s3cret/);
  });

  it('says when there is no schema cache to start from', async () => {
    const io = captureIo();
    const empty = mkdtempSync(path.join(os.tmpdir(), 'discograph-empty-'));
    expect(
      await runCli(['export-schema', '--from-cache', '--database-url', url, '--cache-dir', empty], io),
    ).toBe(1);
    expect(io.stderr.join('\n')).toMatch(
      /No schema cache at .*manifest\.json; run `npm run discograph -- discover`/,
    );
  });

  it('prints help for every command', async () => {
    for (const command of ['serve', 'discover', 'export-schema', 'check']) {
      const io = captureIo();
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.stdout.join('\n')).toContain(`Usage: discograph ${command}`);
    }
  });
});

describe('discograph plan', () => {
  it('prints the plan of an operation from the schema cache, with its SQL, without running it', async () => {
    const io = captureIo();
    const query =
      'query Cheap($price: Decimal) { tracks(where: { unitPrice: { gt: $price } }, limit: 2) { name album { title } } }';
    expect(
      await runCli(
        ['plan', '--query', query, '--database-url', url, '--cache-dir', cacheDir, '--from-cache'],
        io,
      ),
    ).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('operation Cheap (query), binds $price');
    expect(text).toContain('tracks: list of Track');
    expect(text).toContain('read with: album');
    expect(text).toMatch(/statement: SELECT .*FROM "public"\."track" AS "t0" LEFT JOIN "public"\."album"/);
  });

  it('refuses an operation the schema does not have, naming the problem', async () => {
    const io = captureIo();
    expect(
      await runCli(
        [
          'plan',
          '--query',
          '{ trakcs { name } }',
          '--database-url',
          url,
          '--cache-dir',
          cacheDir,
          '--from-cache',
        ],
        io,
      ),
    ).toBe(1);
    expect(io.stderr.join('\n')).toContain(
      'Cannot query field "trakcs" on type "Query". Did you mean "tracks"',
    );
  });

  it('asks for the document as a file or --query', async () => {
    const io = captureIo();
    expect(await runCli(['plan', '--cache-dir', cacheDir], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('give the operation either as a FILE or with --query');
  });
});
