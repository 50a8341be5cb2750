import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../../codegen.js';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { CHINOOK_PG_URL } from '../support/databases.js';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-codegen-'));

function typecheck(file: string): { ok: boolean; output: string } {
  try {
    execFileSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        file,
      ],
      { encoding: 'utf8', stdio: 'pipe' },
    );
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

beforeAll(async () => {
  const schema = path.join(dir, 'schema.graphql');
  expect(
    await runCli(['export-schema', '--database-url', CHINOOK_PG_URL, '--out', schema], captureIo()),
  ).toBe(0);
  writeFileSync(
    path.join(dir, 'albums.graphql'),
    'query AlbumsWithArtists { albums(limit: 2, order: [TITLE_ASC]) { albumId title artist { name } tracks { name unitPrice } } }\n',
  );
  const output = (codegenConfig.generates as Record<string, unknown>)['generated/graphql.ts'];
  await generate(
    {
      ...codegenConfig,
      schema,
      documents: [path.join(dir, '*.graphql')],
      generates: { [path.join(dir, 'graphql.ts')]: output as never },
      silent: true,
    },
    true,
  );
}, 60_000);

describe('codegen.ts on the Chinook snapshot', () => {
  it('generates operation types that a correct client type-checks against', () => {
    const file = path.join(dir, 'good.ts');
    writeFileSync(
      file,
      `import type { AlbumsWithArtistsQuery } from './graphql.js';
const result: AlbumsWithArtistsQuery = {
  albums: [{ albumId: 1, title: 'x', artist: { name: 'y' }, tracks: [{ name: 't', unitPrice: '0.99' }] }],
};
export const firstPrice: string | undefined = result.albums[0]?.tracks[0]?.unitPrice;
`,
    );
    expect(typecheck(file)).toEqual({ ok: true, output: '' });
  });

  it('rejects a client that treats an exact Decimal as a number', () => {
    const file = path.join(dir, 'bad.ts');
    writeFileSync(
      file,
      `import type { AlbumsWithArtistsQuery } from './graphql.js';
export const price: number = ({} as AlbumsWithArtistsQuery).albums[0]!.tracks[0]!.unitPrice;
`,
    );
    const result = typecheck(file);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Type 'string' is not assignable to type 'number'/);
  });
});
