/**
 * The bridge from the fast path back to yoga's WHATWG objects, for the rare answers the fast path
 * leaves to yoga: writing a fetch `Response` to a node:http response, and replaying a request
 * whose body was already read through `yoga.fetch`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayYoga } from './yoga-server.js';

export type { GatewayYoga } from './yoga-server.js';

/** Writes `response` (status, headers, whole body) to the node:http `target`. */
export async function sendFetchResponse(target: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  headers['content-length'] = String(body.byteLength);
  target.writeHead(response.status, headers);
  target.end(body);
}

// Hop-by-hop and framing headers describe the original transfer, not the buffered body.
const NOT_REPLAYED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Answers `request` with yoga, given its body already read into `body`. */
export async function replayToYoga(
  yoga: GatewayYoga,
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer,
): Promise<void> {
  const headers = new yoga.fetchAPI.Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set('content-length', String(body.byteLength));
  const url = `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`;
  const replayed = new yoga.fetchAPI.Request(url, {
    method: request.method ?? 'POST',
    headers,
    body: Uint8Array.from(body),
  });
  await sendFetchResponse(response, await yoga.fetch(replayed, { req: request, res: response }));
}
