/**
 * GraphQL Code Generator configuration: typed client operations from the schema snapshot
 * (`schema-cache/schema.graphql`) that `discograph export-schema` writes.
 * Run with `npx graphql-codegen --config codegen.ts`.
 */
interface CodegenConfig {
  schema: string;
  documents: string[];
  generates: Record<string, { preset?: string; plugins?: string[]; config?: Record<string, unknown> }>;
}

const config: CodegenConfig = {
  schema: 'schema-cache/schema.graphql',
  documents: ['examples/**/*.graphql'],
  generates: {
    'generated/graphql.ts': {
      plugins: ['typescript', 'typescript-operations'],
      config: {
        strictScalars: true,
        scalars: { BigInt: 'string', Decimal: 'string', DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
