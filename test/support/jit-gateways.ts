import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { CHINOOK_PG_URL } from './databases.js';

/** Two gateways on PostgreSQL Chinook: one compiling operations with graphql-jit, one on the executor. */
export interface JitAndExecutorGateways {
  jit: RunningGateway;
  executor: RunningGateway;
  stop(): Promise<void>;
}

/** Starts the two gateways (each with its own schema cache in a temporary folder named `prefix...`). */
export async function startJitAndExecutorGateways(prefix: string): Promise<JitAndExecutorGateways> {
  const config = (compile: boolean) => ({
    ...DEFAULT_CONFIG,
    databaseUrl: CHINOOK_PG_URL,
    port: 0,
    jit: compile,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), prefix)),
  });
  const jit = await startGateway(config(true));
  const executor = await startGateway(config(false));
  return {
    jit,
    executor,
    async stop() {
      await jit.stop();
      await executor.stop();
    },
  };
}
