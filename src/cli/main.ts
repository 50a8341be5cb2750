#!/usr/bin/env node
/**
 * The `discograph` command. The gateway (serve, discover, export-schema, check) is built on the
 * juggler core; until the GraphQL layer lands, `serve` says what it will do.
 */
const command = process.argv[2] ?? 'serve';

if (command === 'serve') {
  const source = process.env.DATABASE_URL ? 'the database in DATABASE_URL' : 'an embedded demo database';
  console.log(
    `discograph: will discover ${source} with discoverAndBuildModels (associations: true) and serve it as GraphQL on http://localhost:${process.env.PORT ?? 4000}/graphql. The GraphQL layer is not built yet.`,
  );
} else {
  console.error(`discograph: unknown command "${command}". Commands: serve`);
  process.exitCode = 2;
}
