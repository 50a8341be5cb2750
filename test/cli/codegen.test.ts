/**
 * `codegen.ts` end to end: its output for the demo's committed snapshot and for a database of
 * the user's own (discovered with `discograph discover`, then found through `DATABASE_URL` as
 * `npm run codegen` finds it) compiles with `tsc --strict` in a client that uses enums, input
 * variables, nested relations and every custom scalar Discograph serves.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCOGRAPH_CODEGEN_OUTPUT, DISCOGRAPH_SCALARS, discographSchemaFile } from '../../codegen.js';
import { runCli } from '../../src/cli/main.js';
import { captureIo } from '../support/cli-io.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-codegen-'));
const DATABASE = 'codegen_scalars';
/** tsc takes seconds per run, and tens of seconds on a busy machine. */
const TSC_TIMEOUT_MS = 180_000;

/** A database with every column type that has a custom scalar, an enum and relations both ways. */
const OWN_SCHEMA_SQL = `
create type item_kind as enum ('tool', 'toy');
create table owner (owner_id integer generated always as identity primary key, name text not null);
create table item (
  item_id bigint generated always as identity primary key,
  owner_id integer not null references owner,
  kind item_kind not null,
  price numeric(10, 2) not null,
  made_at timestamptz not null,
  made_on date not null,
  checked_at timestamp,
  attributes jsonb,
  picture bytea
);
insert into owner (name) values ('Ada');
`;

/** The operations a client of that database writes: enums, input variables, nesting, all scalars. */
const OWN_OPERATIONS = `
query ItemsOfKind($kind: ItemKind!, $where: ItemWhere, $order: [ItemOrder!], $since: DateTime!) {
  items(where: $where, order: $order, limit: 5) {
    itemId kind price madeAt madeOn checkedAt attributes picture
    owner { name items(limit: 2) { itemId kind } }
  }
  recent: items(where: { kind: { eq: $kind }, madeAt: { gte: $since } }) { itemId }
}

mutation CreateItem($data: ItemCreateInput!) {
  createItem(data: $data) { itemId price owner { ownerId name } }
}
`;

/** A strict client of the generated types: every scalar's TypeScript type is asserted. */
const OWN_CLIENT = `
import type { CreateItemMutation, CreateItemMutationVariables, ItemKind, ItemsOfKindQuery, ItemsOfKindQueryVariables } from './own.js';
const kind: ItemKind = 'TOOL';
export const variables: ItemsOfKindQueryVariables = {
  kind,
  since: '2026-01-01T00:00:00Z',
  where: { and: [{ price: { gte: '1.50' } }, { kind: { inq: ['TOY'] } }], madeOn: { lt: '2026-12-31' } },
  order: ['PRICE_DESC'],
};
export function describeItems(result: ItemsOfKindQuery): string[] {
  return result.items.map((item) => {
    const id: string = item.itemId;
    const price: string = item.price;
    const madeAt: string = item.madeAt;
    const madeOn: string = item.madeOn;
    const checkedAt: string | null = item.checkedAt;
    const attributes: unknown = item.attributes;
    const picture: string | null = item.picture;
    const siblings: ItemKind[] = item.owner?.items.map((sibling) => sibling.kind) ?? [];
    return [id, price, madeAt, madeOn, checkedAt ?? '', String(attributes), picture ?? '', siblings.join()].join(' ');
  });
}
export const create: CreateItemMutationVariables = {
  data: { ownerId: 1, kind: 'TOY', price: '9.99', madeAt: '2026-01-01T00:00:00Z', madeOn: '2026-01-01', attributes: { color: 'red' }, picture: 'AAEC' },
};
export const created = (result: CreateItemMutation): number | undefined => result.createItem?.owner?.ownerId;
`;

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

async function generateTypes(schema: string, documents: string, out: string): Promise<void> {
  await generate(
    { schema, documents: [documents], generates: { [out]: DISCOGRAPH_CODEGEN_OUTPUT }, silent: true },
    true,
  );
}

beforeAll(async () => {
  const url = await createPgDatabase(DATABASE);
  await runPgSql(url, OWN_SCHEMA_SQL);
  // The README's path for your own database: discover it, then codegen finds its snapshot by DATABASE_URL.
  const cacheDir = path.join(dir, 'cache');
  expect(await runCli(['discover', '--database-url', url, '--cache-dir', cacheDir], captureIo())).toBe(0);
  const ownSchema = discographSchemaFile({ DATABASE_URL: url, DISCOGRAPH_CACHE_DIR: cacheDir });
  expect(ownSchema).toBe(path.join(cacheDir, 'schema.graphql'));
  writeFileSync(path.join(dir, 'own.graphql'), OWN_OPERATIONS);
  await generateTypes(ownSchema, path.join(dir, 'own.graphql'), path.join(dir, 'own.ts'));
  // The demo: the committed snapshot and the repository's example operations.
  await generateTypes(
    discographSchemaFile({}),
    path.join(root, 'examples/operations/**/*.graphql'),
    path.join(dir, 'demo.ts'),
  );
}, 120_000);
afterAll(async () => {
  await dropPgDatabase(DATABASE);
});

describe('codegen.ts', () => {
  it('reads the demo’s snapshot in schema-cache/demo/ when no database is configured', () => {
    expect(discographSchemaFile({})).toBe(path.join(root, 'schema-cache', 'demo', 'schema.graphql'));
  });

  it(
    'types the demo’s example operation, enum included, so that a strict client compiles',
    () => {
      const file = path.join(dir, 'demo-client.ts');
      writeFileSync(
        file,
        `import type { BookGenre, CheapBooksQuery, CheapBooksQueryVariables } from './demo.js';
export const variables: CheapBooksQueryVariables = { maxPrice: '20.00' };
export const genres = (result: CheapBooksQuery): BookGenre[] => result.books.map((book) => book.genre);
`,
      );
      expect(typecheck(file)).toEqual({ ok: true, output: '' });
    },
    TSC_TIMEOUT_MS,
  );

  it('declares each enum and input type once, never twice', () => {
    const generated = readFileSync(path.join(dir, 'own.ts'), 'utf8');
    for (const name of ['ItemKind', 'ItemWhere', 'ItemCreateInput', 'ItemOrder']) {
      expect(generated.match(new RegExp(`export type ${name} =`, 'g'))).toHaveLength(1);
    }
  });

  it(
    'types operations over your own database with enums, input variables, nested relations and every scalar',
    () => {
      expect(Object.keys(DISCOGRAPH_SCALARS).sort()).toEqual([
        'Base64',
        'BigInt',
        'Date',
        'DateTime',
        'Decimal',
        'JSON',
        'LocalDateTime',
      ]);
      const file = path.join(dir, 'own-client.ts');
      writeFileSync(file, OWN_CLIENT);
      expect(typecheck(file)).toEqual({ ok: true, output: '' });
    },
    TSC_TIMEOUT_MS,
  );

  it(
    'rejects a client that treats an exact Decimal as a number or misspells an enum value',
    () => {
      const file = path.join(dir, 'bad.ts');
      writeFileSync(
        file,
        `import type { ItemKind, ItemsOfKindQuery } from './own.js';
export const price: number = ({} as ItemsOfKindQuery).items[0]!.price;
export const kind: ItemKind = 'tool';
`,
      );
      const result = typecheck(file);
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/Type 'string' is not assignable to type 'number'/);
      expect(result.output).toMatch(/Type '"tool"' is not assignable to type 'ItemKind'/);
    },
    TSC_TIMEOUT_MS,
  );
});
