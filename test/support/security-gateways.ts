/**
 * Gateways for the HTTP security tests: a real gateway on a database of the test slot, with the
 * settings a test gives, and the two ways to reach it (the fast path and yoga alone), plus a
 * raw node:http request for what fetch cannot send (a Host header, bytes as they are).
 */
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG, type GatewayConfig } from '../../src/server/config.js';
import { type RunningGateway, type StartGatewayOptions, startGateway } from '../../src/server/gateway.js';

/** Starts a gateway on `databaseUrl` with `overrides`; its log lines are collected in `lines`. */
export async function startSecurityGateway(
  databaseUrl: string,
  overrides: Partial<GatewayConfig> = {},
  options: StartGatewayOptions = {},
): Promise<{ gateway: RunningGateway; lines: string[] }> {
  const lines: string[] = [];
  const gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl,
      port: 0,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-security-')),
      ...overrides,
    },
    { log: (line) => lines.push(line), ...options },
  );
  return { gateway, lines };
}

/** An answer as the tests read it. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one request with exactly these headers and body bytes (node:http: Host and raw bytes allowed). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const sent = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(options.body);
  });
}

/** The `extensions.code` of the first error of a GraphQL answer body. */
export function firstErrorCode(body: string): unknown {
  return (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions
    ?.code;
}
