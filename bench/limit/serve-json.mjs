/**
 * The HTTP part shared by the hand-written-SQL limit servers: POST /graphql, pick the statement
 * by operationName (or the first `query Qn` in the text), run it, send the JSON text it built.
 */
import http from 'node:http';

function send(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/**
 * Starts the server on 127.0.0.1:PORT; `run(op, variables, headers)` resolves to the response JSON
 * text, or null when it knows no such operation; an error it throws answers its `statusCode`
 * (default 500). `close()` is called on SIGINT/SIGTERM.
 */
export function serveJson({ name, run, close }) {
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST') return send(res, 405, '{"errors":[{"message":"POST only"}]}');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, '{"errors":[{"message":"bad JSON"}]}');
      }
      const op = body.operationName ?? /\bquery\s+(Q\d+)/.exec(body.query ?? '')?.[1];
      try {
        const text = op ? await run(op, body.variables, req.headers) : null;
        if (text !== null) return send(res, 200, text);
        if (/__typename/.test(body.query ?? '')) return send(res, 200, '{"data":{"__typename":"Query"}}');
        send(res, 400, JSON.stringify({ errors: [{ message: `unknown operation ${op}` }] }));
      } catch (e) {
        send(res, e.statusCode ?? 500, JSON.stringify({ errors: [{ message: String(e.message) }] }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  const port = Number(process.env.PORT ?? 5000);
  server.listen(port, '127.0.0.1', () =>
    console.log(`${name} listening on http://127.0.0.1:${port}/graphql`),
  );
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      server.close();
      server.closeAllConnections();
      Promise.resolve(close()).finally(() => process.exit(0));
    });
  }
}
