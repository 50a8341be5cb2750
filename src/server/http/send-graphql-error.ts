/**
 * Answers a request refused before GraphQL ran (a guard, an unreadable body) with a GraphQL over
 * HTTP error body: `{"errors":[{"message", "extensions":{"code", ...details}}]}` and its status.
 */
import type { ServerResponse } from 'node:http';

/** Writes one coded error as the whole answer (JSON, with `status`). */
export function sendGraphQLError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code, ...details } }] });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
