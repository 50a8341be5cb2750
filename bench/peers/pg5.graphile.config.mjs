// PostGraphile v5 config for the Discograph benchmark (amber preset, production-ish); copied to $BENCH_PEERS/pg5 by start.sh.
// Env: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/chinook), PORT (default 5005),
//      PG5_LISTS=1 to additionally expose simple list fields (behavior "+list").

import { makePgService } from 'postgraphile/adaptors/pg';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const connectionString = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/chinook';
/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public'] })],
  grafserv: {
    port: Number(process.env.PORT ?? 5005),
    host: '127.0.0.1',
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    watch: false,
    websockets: false,
  },
  grafast: { explain: false },
  // v5 only exposes condition/orderBy for indexed columns by default; chinook has no index on
  // track.unit_price / track.name, so Q4 needs this (v4 behaves like this by default).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  ...(process.env.PG5_LISTS === '1' ? { schema: { defaultBehavior: '+list' } } : {}),
};
export default preset;
