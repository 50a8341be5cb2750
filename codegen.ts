/**
 * GraphQL Code Generator configuration: TypeScript types for client operations, from the SDL
 * snapshot that `discograph discover` writes. Run `npm run codegen`.
 *
 * The schema is the snapshot of the database the gateway is configured with (the same
 * `DATABASE_URL`, `DISCOGRAPH_CACHE_DIR` or discograph.config.json): with none, the embedded demo's
 * `schema-cache/demo/schema.graphql`; for your own database, run `npm run discograph -- discover`
 * first, then `DATABASE_URL=… npm run codegen`. `DISCOGRAPH_SCHEMA_FILE` names any other SDL
 * file, `DISCOGRAPH_OPERATIONS` the operations (a glob; default `examples/operations/**\/*.graphql`)
 * and `DISCOGRAPH_CODEGEN_OUT` the file written (default `generated/graphql.ts`).
 *
 * Only `typescript-operations` runs: since 6.x it writes the enums, input types and scalars the
 * operations use itself (running the `typescript` plugin into the same file as well declares
 * them twice: TS2300 "Duplicate identifier"). Every custom scalar Discograph serves is mapped, so
 * `strictScalars` catches a new one.
 */
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { loadConfig } from './src/server/config.js';

/** How Discograph's scalars arrive in JSON (output) and are sent (input): exact values travel as strings. */
export const DISCOGRAPH_SCALARS = {
  BigInt: 'string',
  Decimal: 'string',
  DateTime: 'string',
  LocalDateTime: 'string',
  Date: 'string',
  JSON: 'unknown',
  Base64: 'string',
} as const;

/** The plugin and its options: what `generates` holds for one output file. */
export const DISCOGRAPH_CODEGEN_OUTPUT = {
  plugins: ['typescript-operations'],
  config: {
    strictScalars: true,
    scalars: DISCOGRAPH_SCALARS,
    enumType: 'string-literal',
    useTypeImports: true,
    avoidOptionals: { field: true },
  },
} satisfies CodegenConfig['generates'][string];

/** The SDL file the types are generated from (see the module comment). */
export function discographSchemaFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DISCOGRAPH_SCHEMA_FILE) return env.DISCOGRAPH_SCHEMA_FILE;
  return path.join(loadConfig({ env }).cacheDir, 'schema.graphql');
}

const config: CodegenConfig = {
  schema: discographSchemaFile(),
  documents: [process.env.DISCOGRAPH_OPERATIONS || 'examples/operations/**/*.graphql'],
  generates: {
    [process.env.DISCOGRAPH_CODEGEN_OUT || 'generated/graphql.ts']: DISCOGRAPH_CODEGEN_OUTPUT,
  },
};

export default config;
