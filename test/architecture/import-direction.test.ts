import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const checker = path.join(root, 'scripts', 'check-imports.mjs');

/** Runs scripts/check-imports.mjs on a repository root; resolves to its exit code and output. */
function checkImports(repositoryRoot: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [checker, repositoryRoot], { encoding: 'utf8' });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string };
    return { status: failed.status, output: failed.stdout };
  }
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A small tree with one file per path, as given. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-imports-'));
  temporary.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('the import direction cli → server → graphql, connectors → juggler', () => {
  it('holds for every import in src/', () => {
    const { status, output } = checkImports(root);
    expect(output).toContain('every import in src/ points the right way');
    expect(status).toBe(0);
  });

  it('fails on a juggler file importing a connector, naming the file, the import and the rule', () => {
    const dir = tree({
      'src/juggler/datasource.ts': "import { connectorFactory } from '../connectors/memory/index.js';\n",
      'src/connectors/memory/index.ts':
        "import type { Row } from '../../juggler/row.js';\nexport const connectorFactory = {};\n",
      'src/juggler/row.ts': 'export type Row = Record<string, unknown>;\n',
    });
    const { status, output } = checkImports(dir);
    expect(status).toBe(1);
    expect(output).toContain(
      "src/juggler/datasource.ts:1: imports '../connectors/memory/index.js' (src/connectors/memory/index.ts): src/juggler/** imports only src/juggler/**",
    );
    expect(output).not.toContain('src/connectors/memory/index.ts:');
  });

  it('fails on type-only, dynamic and export-from imports between connectors and the GraphQL layer', () => {
    const dir = tree({
      'src/graphql/field-types.ts': "import type { ModelTypeName } from '../connectors/connector.js';\n",
      'src/connectors/connector.ts': "export type ModelTypeName = 'String';\n",
      'src/connectors/mysql/index.ts': "export const load = () => import('../postgresql/index.js');\n",
      'src/connectors/postgresql/index.ts': "export * from '../../graphql/field-types.js';\n",
      'src/server/gateway.ts': "import { run } from '../cli/main.js';\n",
      'src/cli/main.ts': "import '../server/gateway.js';\nexport const run = 1;\n",
    });
    const { status, output } = checkImports(dir);
    expect(status).toBe(1);
    const lines = output.trim().split('\n');
    expect(lines.slice(0, -1).map((line) => line.split(':')[0])).toEqual([
      'src/connectors/mysql/index.ts',
      'src/connectors/postgresql/index.ts',
      'src/graphql/field-types.ts',
      'src/server/gateway.ts',
    ]);
    expect(lines.at(-1)).toBe('check-imports: 4 import(s) point the wrong way (see the rules above)');
  });

  it('fails on a file in a folder that no rule covers', () => {
    const dir = tree({ 'src/plugins/extra.ts': 'export const extra = 1;\n' });
    const { status, output } = checkImports(dir);
    expect(status).toBe(1);
    expect(output).toContain('src/plugins/extra.ts: no import rule covers this folder');
  });
});
