/**
 * Reads a node:http request body into one Buffer with a byte limit, without any web stream: a
 * declared Content-Length is checked by the caller before reading (Node's parser never delivers
 * more than it declares), and a chunked body is counted while it arrives and abandoned as soon as
 * it passes the limit.
 */
import type { IncomingMessage } from 'node:http';

/** What `readRequestBody` resolves to when the body passed the limit. */
export const BODY_TOO_LARGE = Symbol('body too large');

/** The whole body of `request`, or `BODY_TOO_LARGE` once more than `limit` bytes arrived. */
export function readRequestBody(
  request: IncomingMessage,
  limit: number,
): Promise<Buffer | typeof BODY_TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    // Function declarations, not named arrows: see "Closures made per request" in
    // scripts/bundle-cli.mjs (a named arrow costs the bundled gateway a redefinition of its name).
    function onData(chunk: Buffer): void {
      total += chunk.byteLength;
      if (total > limit) {
        request.off('data', onData);
        request.off('end', onEnd);
        // Whatever is still coming is discarded by node:http once the response is sent.
        resolve(BODY_TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    }
    function onEnd(): void {
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    }
    request.on('data', onData);
    request.once('end', onEnd);
    request.once('error', reject);
  });
}
