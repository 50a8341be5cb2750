/**
 * GraphQL requests sent as a given caller, for gateways started with the test hooks module
 * (test/support/test-caller-hooks.mjs: the caller travels in the `x-test-caller` header).
 */
import path from 'node:path';
import type { ResponseData } from './json.js';

/** The hooks module to put in a gateway's `hooks` setting. */
export const CALLER_HOOKS = path.resolve('test/support/test-caller-hooks.mjs');

/** A caller as an `onRequest` hook would set it. */
export interface TestCaller {
  id: string;
  roles: string[];
  claims: Record<string, unknown>;
}

/** A caller with one role (and claims). */
export function callerWithRole(role: string, claims: Record<string, unknown> = {}): TestCaller {
  return { id: role, roles: [role], claims };
}

/** Options of `postAs`. */
export interface PostAsOptions {
  variables?: Record<string, unknown>;
  /** What sends the request (default the global `fetch`; a gateway's `(await http.yoga()).fetch` asks yoga directly). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** POSTs `query` to `url` as `caller` (none: anonymous); resolves to the status, the raw text and the parsed body. */
export async function postAs(
  url: string,
  caller: TestCaller | undefined,
  query: string,
  options: PostAsOptions = {},
): Promise<{ status: number; text: string; body: ResponseData }> {
  const send = options.fetch ?? fetch;
  const response = await send(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(caller ? { 'x-test-caller': JSON.stringify(caller) } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as ResponseData };
}
