/**
 * Every setting has a README row: each setting of the configuration's schema (at any depth), each
 * environment variable and each settings flag appears in the configuration table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FLAG_NAMES } from '../../src/cli/cli-args.js';
import { CONFIG_SCHEMA, SECTION_ENV, TOP_LEVEL_ENV } from '../../src/server/config/config-file-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const afterHeader = readme.slice(readme.indexOf('| setting (config file) |')).split('\n');
const table = afterHeader
  .slice(
    0,
    afterHeader.findIndex((row) => !row.startsWith('|')),
  )
  .join('\n');

/** The setting paths of an object schema, recursing into the objects it holds (`auth.jwt.secret`). */
function settingPaths(schema: z.ZodType, prefix = ''): string[] {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  if (!(inner instanceof z.ZodObject) || prefix === 'rename') return [prefix];
  return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, value]) =>
    settingPaths(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('the README configuration table', () => {
  it('has a row for every setting of the configuration schema', () => {
    const paths = settingPaths(CONFIG_SCHEMA);
    expect(paths.length).toBeGreaterThan(70);
    expect(paths.filter((setting) => !table.includes(`\`${setting}\``))).toEqual([]);
  });

  it('names every environment variable and every settings flag', () => {
    const variables = [...Object.values(TOP_LEVEL_ENV), ...Object.values(SECTION_ENV).flatMap(Object.values)];
    expect(variables.filter((variable) => !table.includes(`\`${variable}\``))).toEqual([]);
    expect(Object.values(FLAG_NAMES).filter((flag) => !table.includes(`\`${flag}`))).toEqual([]);
  });
});
