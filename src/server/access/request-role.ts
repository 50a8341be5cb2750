/**
 * The role a request runs as, the one rule every part of authorization reads it by: the first
 * role of `state.caller` (the most specific), or `anonymous` when there is no caller.
 */
import type { RequestState } from '../pipeline/gateway-hooks.js';

/** The role of a request without a caller (and of a caller with no roles). */
export const ANONYMOUS_ROLE = 'anonymous';

/** The role of the request whose state is `state`. */
export function requestRole(state: Pick<RequestState, 'caller'> | undefined): string {
  return state?.caller?.roles[0] ?? ANONYMOUS_ROLE;
}

/** The request state a juggler call carries (`options.request`, set by the gateway's context), if any. */
export function requestStateOf(options: unknown): Pick<RequestState, 'caller'> | undefined {
  const request = (options as { request?: unknown } | undefined)?.request;
  return request !== null && typeof request === 'object'
    ? (request as Pick<RequestState, 'caller'>)
    : undefined;
}
