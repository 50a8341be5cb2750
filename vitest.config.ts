import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds without an exports map: Node
    // loads the CommonJS one for graphql-yoga, so the tests must load the same copy, or
    // `instanceof GraphQLError` fails across the two (the dual package hazard).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // The juggler knows no connector: register the built-in ones by name in every test file.
    setupFiles: ['test/support/register-connectors.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
