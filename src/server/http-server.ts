/**
 * The gateway's HTTP server: graphql-yoga at `/graphql` (GraphiQL for browsers, GraphQL over
 * HTTP for clients), `/healthz` (the process is up), `/readyz` (database reachable and schema
 * built), and a graceful close (stop accepting, let in-flight requests finish, then close).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphQLSchema } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { useRequestSizeLimit } from './request-size-limit.js';

/** What `/readyz` reports. */
export interface Readiness {
  ready: boolean;
  /** Why not ready (safe to show: no credentials). */
  reason?: string;
}

/** Options of `createHttpGateway`. */
export interface HttpGatewayOptions {
  schema: GraphQLSchema;
  /** Builds the per-request GraphQL context (fresh DataLoaders for every request). */
  context: () => Record<string, unknown>;
  /** The query GraphiQL opens with; `false` turns GraphiQL off. */
  graphiql: { defaultQuery: string; title?: string } | false;
  maxRequestBodyBytes: number;
  readiness: () => Promise<Readiness>;
  /** Extra yoga plugins (error masking, statement counting in tests...). */
  plugins?: Plugin[];
  /** Called with a one-line message per notable event. */
  log?: (line: string) => void;
}

/** A gateway HTTP server that is not listening yet. */
export interface HttpGateway {
  server: Server;
  yoga: YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;
  /** Starts listening; resolves to the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, waits for in-flight requests (up to `timeoutMs`), then closes every socket. */
  close(timeoutMs?: number): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Creates the HTTP server around a GraphQL schema. */
export function createHttpGateway(options: HttpGatewayOptions): HttpGateway {
  const yoga = createYoga<Record<string, unknown>>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    context: () => options.context(),
    graphiql:
      options.graphiql === false
        ? false
        : { defaultQuery: options.graphiql.defaultQuery, title: options.graphiql.title ?? 'Discograph' },
    // GraphiQL with its scripts inlined: it works without reaching a CDN (offline, locked-down networks).
    renderGraphiQL,
    landingPage: false,
    // The limit is enforced by useRequestSizeLimit without piping every body through a stream.
    maxRequestBodySize: false,
    plugins: [useRequestSizeLimit(options.maxRequestBodyBytes), ...(options.plugins ?? [])],
    logging: false,
  });
  let inFlight = 0;
  let closing = false;
  const drained: Array<() => void> = [];

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = request.url ?? '/';
    if (url === '/healthz') return sendJson(response, 200, { status: 'ok' });
    if (url === '/readyz') {
      void options.readiness().then(
        (readiness) =>
          sendJson(
            response,
            readiness.ready && !closing ? 200 : 503,
            closing ? { ready: false, reason: 'shutting down' } : readiness,
          ),
        (error: unknown) => sendJson(response, 503, { ready: false, reason: (error as Error).message }),
      );
      return;
    }
    if (url === '/') {
      response.writeHead(302, { location: '/graphql' });
      response.end();
      return;
    }
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const resolve of drained.splice(0)) resolve();
    });
    if (closing) response.setHeader('connection', 'close');
    void yoga.requestListener(request, response);
  });
  server.keepAliveTimeout = 5_000;

  return {
    server,
    yoga,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    async close(timeoutMs = 10_000) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        options.log?.(`waiting for ${inFlight} in-flight request(s)`);
        await Promise.race([
          new Promise<void>((resolve) => drained.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
