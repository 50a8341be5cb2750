/**
 * The errors of authentication, as the GraphQL errors a client gets before anything is read:
 * `UNAUTHENTICATED` (HTTP 401, with `WWW-Authenticate: Bearer` as RFC 6750 asks) for a missing,
 * malformed, forged, expired or not-yet-valid token, and `FORBIDDEN` (HTTP 403) for a verified
 * token whose role the gateway does not allow. `extensions.reason` says which, in a stable code;
 * messages never repeat the token.
 */
import { GraphQLError } from 'graphql';

/** Why a token was refused. */
export type TokenRefusal =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_ALGORITHM_NOT_ALLOWED'
  | 'TOKEN_SIGNATURE_INVALID'
  | 'TOKEN_KEY_UNKNOWN'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_ISSUER_INVALID'
  | 'TOKEN_AUDIENCE_INVALID'
  | 'TOKEN_CLAIM_INVALID';

/** A request refused for its token (or its lack of one): UNAUTHENTICATED, HTTP 401. */
export function unauthenticated(reason: TokenRefusal, message: string): GraphQLError {
  const error = reason === 'TOKEN_MISSING' ? 'invalid_request' : 'invalid_token';
  return new GraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      reason,
      http: { status: 401, headers: { 'www-authenticate': `Bearer error="${error}"` } },
    },
  });
}

/** A verified caller whose role is not one of `auth.allowedRoles`: FORBIDDEN, HTTP 403. */
export function roleNotAllowed(role: string): GraphQLError {
  return new GraphQLError(`The role "${role}" of the token is not allowed here`, {
    extensions: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED', role, http: { status: 403 } },
  });
}
