/**
 * Request body checks of the requests yoga answers, without yoga's default TransformStream (which
 * every request body is piped through, at a measurable cost per request): the size limit — a
 * declared Content-Length is checked up front (Node's HTTP parser never delivers more bytes than
 * declared), a chunked body is counted while read — a body that is not valid UTF-8 (400, where
 * yoga would parse it with replacement characters), and a POST of a content type no parser
 * reads (400 with a code, where yoga answers an empty 415).
 */
import { isUtf8 } from 'node:buffer';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { pairExactNumbers } from '../juggler/types/json-number.js';
import { mediaTypeOf } from './http/csrf-prevention.js';

/** The error answering a request body over `limit` bytes (status 413). */
export function requestTooLarge(limit: number): GraphQLError {
  return new GraphQLError(`Request body too large: the limit is ${limit} bytes`, {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });
}

/** The error answering a body that is not valid UTF-8 (status 400). */
export function invalidUtf8(): GraphQLError {
  return new GraphQLError('The request body is not valid UTF-8', {
    extensions: { http: { status: 400 }, code: 'INVALID_UTF8' },
  });
}

function badContentLength() {
  return new GraphQLError('Content-Length header is invalid.', {
    extensions: { http: { status: 400 }, code: 'BAD_REQUEST' },
  });
}

function unsupportedMediaType(contentType: string | null): GraphQLError {
  return new GraphQLError(
    `Unsupported Content-Type ${contentType === null ? '(none)' : `"${mediaTypeOf(contentType)}"`}: send application/json (or application/graphql-response+json)`,
    { extensions: { http: { status: 400 }, code: 'UNSUPPORTED_MEDIA_TYPE' } },
  );
}

/**
 * The body of `request` within `limit` bytes. Past the limit, the answer closes the connection
 * (`response`, the node:http response): cancelling the body's reader destroys node's request stream,
 * whose parser then stops reading the socket, so a request the client sent next on a kept-alive
 * connection would wait for an answer until the keep-alive timeout (the fast path, reading node's
 * stream itself, discards the rest and keeps the connection).
 */
async function readLimited(
  request: Request,
  limit: number,
  response: ServerResponse | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array(new ArrayBuffer(0));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      if (response !== undefined && !response.headersSent) response.shouldKeepAlive = false;
      throw requestTooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(total));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * A yoga plugin enforcing `limit` bytes per request body (use with `maxRequestBodySize: false`),
 * UTF-8 bodies (multipart uploads excepted: files are bytes), and a content type yoga can read.
 */
export function useRequestBodyChecks(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI, serverContext }) {
      const contentLength = request.headers.get('content-length');
      if (contentLength !== null) {
        if (!/^\d+$/.test(contentLength)) throw badContentLength();
        if (Number(contentLength) > limit) throw requestTooLarge(limit);
      }
      if (request.method === 'POST' && !requestParser) {
        throw unsupportedMediaType(request.headers.get('content-type'));
      }
      if (!requestParser || !request.body) return;
      const checkUtf8 =
        mediaTypeOf(request.headers.get('content-type') ?? undefined) !== 'multipart/form-data';
      if (contentLength !== null && !checkUtf8) return;
      const parse = requestParser;
      setRequestParser(async (original) => {
        const body = await readLimited(original, limit, (serverContext as { res?: ServerResponse }).res);
        if (checkUtf8 && !isUtf8(body)) throw invalidUtf8();
        const params = await parse(
          new fetchAPI.Request(original.url, { method: original.method, headers: original.headers, body }),
        );
        // JSON inputs keep the numbers a double would change (juggler/types/json-number.ts).
        if (!checkUtf8) return params;
        return pairExactNumbers(
          params,
          Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
        );
      });
    },
  };
}
