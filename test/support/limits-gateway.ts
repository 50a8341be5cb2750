/** A gateway on a real database for the query-limit tests, and a POST helper that times the answer. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { LimitsConfig } from '../../src/server/config/limits-config.js';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import type { ResponseData } from './json.js';

/** A started gateway and the statements it sent. */
export interface LimitsGateway {
  gateway: RunningGateway;
  statements: StatementEvent[];
}

/** Starts a gateway on `databaseUrl` with `limits` over the defaults. */
export async function startLimitsGateway(
  databaseUrl: string,
  limits: Partial<LimitsConfig> = {},
): Promise<LimitsGateway> {
  const statements: StatementEvent[] = [];
  const config: GatewayConfig = {
    ...DEFAULT_CONFIG,
    port: 0,
    databaseUrl,
    cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-limits-cache-')),
    limits: { ...DEFAULT_CONFIG.limits, ...limits },
  };
  const gateway = await startGateway(config, {
    onSource: (source) => source.dataSource.connector?.observeStatements((event) => statements.push(event)),
  });
  return { gateway, statements };
}

/** A GraphQL answer with its status and how long it took. */
export interface TimedAnswer {
  status: number;
  body: ResponseData;
  ms: number;
}

/** POSTs a GraphQL request as JSON. */
export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<TimedAnswer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as TimedAnswer['body'];
  return { status: response.status, body, ms: performance.now() - started };
}

/** The first error's code and extensions. */
export function firstError(answer: TimedAnswer): Record<string, unknown> {
  return (answer.body.errors?.[0]?.extensions ?? {}) as Record<string, unknown>;
}
