import { connect, type Socket } from 'node:net';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLString } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { assembleSchema, DeferredObjectType } from '../../src/graphql/schema/deferred-types.js';
import { createHttpGateway, type HttpGateway } from '../../src/server/http-server.js';

let release: (() => void) | undefined;
const schema = makeExecutableSchema({
  typeDefs: 'type Query { hello(name: String): String, slow: String }',
  resolvers: {
    Query: {
      hello: (_: unknown, args: { name?: string }) => `hello ${args.name ?? 'world'}`,
      slow: () => new Promise<string>((resolve) => (release = () => resolve('done'))),
    },
  },
});

let gateway: HttpGateway | undefined;
afterEach(async () => {
  await gateway?.close(1_000);
  gateway = undefined;
});

async function start(ready = true, fastPath = true): Promise<string> {
  gateway = createHttpGateway({
    schema,
    context: () => ({}),
    graphiql: { defaultQuery: '{ hello }' },
    maxRequestBodyBytes: 200,
    readiness: async () => (ready ? { ready: true } : { ready: false, reason: 'database unreachable' }),
    fastPath,
  });
  const port = await gateway.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

describe('the gateway HTTP server', () => {
  it('answers GraphQL over HTTP with POST and GET', async () => {
    const base = await start();
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ hello(name: "you") }' }),
    });
    expect(post.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await post.json()).toEqual({ data: { hello: 'hello you' } });
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(await get.json()).toEqual({ data: { hello: 'hello world' } });
  });

  it('serves GraphiQL with the example query to a browser', async () => {
    const base = await start();
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<title>Discograph</title>');
    expect(html).toContain('{ hello }');
  });

  it('reports liveness and readiness separately', async () => {
    const base = await start(false);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const readyz = await fetch(`${base}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({
      ready: false,
      reason: 'database unreachable',
      code: 'DATABASE_UNAVAILABLE',
    });
  });

  it('rejects a body over the limit by its Content-Length and a chunked one by counting', async () => {
    const base = await start();
    const big = JSON.stringify({ query: `{ hello(name: "${'x'.repeat(300)}") }` });
    const declared = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    const chunked = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const small = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ query: '{ hello }' })]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(await small.json()).toEqual({ data: { hello: 'hello world' } });
  });

  /**
   * Sends a chunked request whose body passes the 200-byte limit after its third piece and goes on
   * after the answer, then a small request on the same connection; resolves to what the server
   * wrote and whether it closed the connection.
   */
  async function refuseChunkedBody(base: string): Promise<{ written: string; closed: boolean }> {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const answers: string[] = [];
    let closed = false;
    socket.on('data', (data: Buffer) => answers.push(data.toString('utf8')));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined);
    const chunk = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
    const piece = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!closed) socket.write(chunk('x'.repeat(90)));
    };
    const hello = JSON.stringify({ query: '{ hello }' });
    try {
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunk('{"query": "{ hello(name: \\"')}`,
      );
      for (let count = 0; count < 3; count += 1) await piece();
      await vi.waitFor(() => expect(answers.join('')).toMatch(/^HTTP\/1\.1 413/), { timeout: 2_000 });
      for (let count = 0; count < 3; count += 1) await piece();
      if (!closed) {
        socket.write(`${chunk('\\") }"}')}0\r\n\r\n`);
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(hello)}\r\n\r\n${hello}`,
        );
      }
      await vi.waitFor(
        () => expect(closed || answers.join('').includes('{"data":{"hello":"hello world"}}')).toBe(true),
        { timeout: 2_000 },
      );
      return { written: answers.join(''), closed };
    } finally {
      socket.destroy();
    }
  }

  it('discards the rest of a chunked body refused past the limit and answers the next request on the connection (fast path)', async () => {
    const { written, closed } = await refuseChunkedBody(await start(true, true));
    expect(written).toContain('{"data":{"hello":"hello world"}}');
    expect(closed).toBe(false);
  });

  it('closes the connection after refusing a chunked body past the limit instead of leaving it stalled (yoga)', async () => {
    const { written, closed } = await refuseChunkedBody(await start(true, false));
    expect(written).toMatch(/^HTTP\/1\.1 413/);
    expect(written).toMatch(/\r\nconnection: close\r\n/i);
    expect(closed).toBe(true);
  });

  it('finishes an in-flight request before closing', async () => {
    const base = await start();
    const pending = fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ slow }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = gateway!.close(5_000);
    gateway = undefined;
    release?.();
    expect(await (await pending).json()).toEqual({ data: { slow: 'done' } });
    await closing;
  });

  it('refuses a request that arrives on a kept-alive connection while closing with 503 SHUTTING_DOWN, not running it, and tells the in-flight answer to close its connection', async () => {
    const base = await start();
    const port = Number(new URL(base).port);
    const post = (query: string) => {
      const body = JSON.stringify({ query });
      return `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const read = (socket: Socket) =>
      new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(chunk.toString('utf8'))));
    const idle = connect(port, '127.0.0.1');
    const busy = connect(port, '127.0.0.1');
    try {
      // One connection answered and kept alive (idle), one with a request under way.
      idle.write(post('{ hello }'));
      expect(await read(idle)).toMatch(/^HTTP\/1\.1 200/);
      const slowAnswer = read(busy);
      busy.write(post('{ slow }'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closing = gateway!.close(5_000);
      gateway = undefined;
      const refusal = read(idle);
      idle.write(post('{ hello }'));
      const refused = await refusal;
      expect(refused).toMatch(/^HTTP\/1\.1 503/);
      expect(refused).toMatch(/\r\nconnection: close\r\n/i);
      expect(JSON.parse(refused.slice(refused.indexOf('\r\n\r\n') + 4))).toMatchObject({
        errors: [{ extensions: { code: 'SHUTTING_DOWN' } }],
      });
      release?.();
      const answered = await slowAnswer;
      expect(answered).toMatch(/^HTTP\/1\.1 200/);
      expect(answered).toMatch(/\r\nconnection: close\r\n/i);
      expect(answered).toContain('{"data":{"slow":"done"}}');
      await closing;
    } finally {
      idle.destroy();
      busy.destroy();
    }
  });
});

describe('the settled server', () => {
  it('defines the fields of the root types shortly after listen, before any request asks', async () => {
    let definedQueryFields = 0;
    const deferredSchema = assembleSchema({
      query: new DeferredObjectType({
        name: 'Query',
        fields: () => {
          definedQueryFields += 1;
          return { hello: { type: GraphQLString, resolve: () => 'hello' } };
        },
      }),
      types: [GraphQLString],
    });
    gateway = createHttpGateway({
      schema: deferredSchema,
      context: () => ({}),
      graphiql: false,
      maxRequestBodyBytes: 200,
      readiness: async () => ({ ready: true }),
    });
    await gateway.listen(0, '127.0.0.1');
    expect(definedQueryFields).toBe(0);
    await vi.waitFor(() => expect(definedQueryFields).toBe(1), { timeout: 5_000, interval: 50 });
    expect(deferredSchema.getQueryType()?.getFields().hello).toBeDefined();
    expect(definedQueryFields).toBe(1);
  });
});
