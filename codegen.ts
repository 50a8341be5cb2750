/**
 * GraphQL Code Generator configuration: TypeScript types for client operations, from the SDL
 * snapshot that `discograph discover` / `discograph export-schema` write. Run `npm run codegen`.
 * Every custom scalar Discograph serves is mapped, so `strictScalars` catches a new one.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** How Discograph's scalars arrive in JSON: exact values travel as strings. */
export const DISCOGRAPH_SCALARS = {
  BigInt: 'string',
  Decimal: 'string',
  DateTime: 'string',
  LocalDateTime: 'string',
  Date: 'string',
  JSON: 'unknown',
  Base64: 'string',
} as const;

const config: CodegenConfig = {
  schema: 'schema-cache/schema.graphql',
  documents: ['examples/operations/**/*.graphql'],
  generates: {
    'generated/graphql.ts': {
      plugins: ['typescript', 'typescript-operations'],
      config: {
        strictScalars: true,
        scalars: DISCOGRAPH_SCALARS,
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true },
      },
    },
  },
};

export default config;
