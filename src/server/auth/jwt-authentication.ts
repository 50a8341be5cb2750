/**
 * The built-in identity hook (`onRequest`), registered when `auth.jwt` is configured, on both HTTP
 * paths (it is a pipeline hook): reads `Authorization: Bearer <token>`, verifies the token
 * (jwt-verifier.ts; a repeated token from the verified-token cache without a second
 * verification), and sets `state.caller`; with a database session, also `state.databaseSession`
 * (the claims and, with `auth.setRole`, the role the request's statements run as). A request
 * without a token is anonymous (`auth.anonymous: allow`, role `auth.anonymousRole`) or refused
 * (`refuse`). A refused request gets UNAUTHENTICATED (401) or FORBIDDEN (403) before anything is
 * parsed, so no statement reaches the database.
 *
 * A cache hit, and an anonymous request, are answered synchronously: the pipeline then adds no
 * tick to the request.
 */
import type { JWTPayload } from 'jose';
import { RequestSession, type SessionIdentity } from '../../juggler/connector/request-session.js';
import type { AuthConfig, JwtConfig } from '../config/auth-config.js';
import type { GatewayHooks, GatewayRequest, RequestCaller, RequestState } from '../pipeline/gateway-hooks.js';
import { roleNotAllowed, unauthenticated } from './auth-errors.js';
import { loadVerificationKey, type VerificationKey } from './jwt-keys.js';
import { JwtVerifier } from './jwt-verifier.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

/** What a request is identified as: its caller, and the identity its database session runs with. */
interface Identification {
  readonly caller: RequestCaller;
  readonly identity: SessionIdentity;
}

/** Options of `createJwtAuthentication`. */
export interface JwtAuthenticationOptions {
  /** The `auth` settings, with `jwt` set. */
  auth: AuthConfig & { jwt: JwtConfig };
  /** Give each request a database session carrying its caller (`state.databaseSession`). */
  databaseSession: boolean;
  /** The key, when already loaded (default: loaded from `auth.jwt` now). */
  key?: VerificationKey;
}

const BEARER = /^Bearer +([^\s]+) *$/i;

function freezeIdentification(caller: RequestCaller, identity: SessionIdentity): Identification {
  Object.freeze(caller.roles);
  Object.freeze(caller);
  return Object.freeze({ caller, identity: Object.freeze(identity) });
}

/** The built-in JWT authentication hook (see the file comment). */
export function createJwtAuthentication(options: JwtAuthenticationOptions): GatewayHooks {
  const { auth, databaseSession } = options;
  const { jwt } = auth;
  const key = options.key ?? loadVerificationKey(jwt);
  const verifier = new JwtVerifier(jwt, key);
  const cache =
    jwt.verifiedTokenCacheBytes > 0
      ? new VerifiedTokenCache<Identification>(jwt.verifiedTokenCacheBytes)
      : undefined;
  const allowed =
    auth.allowedRoles.length > 0 ? new Set([...auth.allowedRoles, auth.anonymousRole]) : undefined;
  const claims = Object.freeze({});
  const anonymous = freezeIdentification(
    { id: '', roles: [auth.anonymousRole], claims, authenticated: false },
    { claims, role: auth.setRole ? auth.anonymousRole : undefined },
  );

  const apply = (state: RequestState, identification: Identification): void => {
    state.caller = identification.caller;
    if (databaseSession) state.databaseSession = new RequestSession(identification.identity);
  };

  /** The caller a verified token names; throws for a role claim that is not a role, or not allowed. */
  const identify = (payload: JWTPayload): Identification => {
    const claimed = payload[jwt.roleClaim];
    if (claimed !== undefined && (typeof claimed !== 'string' || claimed === '')) {
      throw unauthenticated('TOKEN_CLAIM_INVALID', `The token's claim "${jwt.roleClaim}" must name a role`);
    }
    const role = claimed ?? auth.anonymousRole;
    if (allowed && !allowed.has(role)) throw roleNotAllowed(role);
    const frozenClaims = Object.freeze({ ...payload });
    return freezeIdentification(
      {
        id: typeof payload.sub === 'string' ? payload.sub : '',
        roles: [role],
        claims: frozenClaims,
        authenticated: true,
      },
      { claims: frozenClaims, role: auth.setRole ? role : undefined },
    );
  };

  const remember = (token: string, payload: JWTPayload, identification: Identification): void => {
    if (!cache) return;
    const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY;
    // The claims as JSON, twice (the claims object and the session's copy of them): an estimate.
    cache.set(token, identification, expiresAt, JSON.stringify(payload).length * 4);
  };

  return {
    name: 'jwt-authentication',
    onRequest(request: GatewayRequest, state: RequestState): void | Promise<void> {
      const header = request.header('authorization');
      if (header === undefined || header === '') {
        if (auth.anonymous === 'refuse') {
          throw unauthenticated(
            'TOKEN_MISSING',
            'This gateway needs a token: send Authorization: Bearer <JWT>',
          );
        }
        apply(state, anonymous);
        return;
      }
      const token = BEARER.exec(header)?.[1];
      if (token === undefined) {
        throw unauthenticated('TOKEN_MALFORMED', 'The Authorization header must be "Bearer <JWT>"');
      }
      const known = cache?.get(token, Date.now());
      if (known) {
        apply(state, known);
        return;
      }
      return verifier.verify(token).then((payload) => {
        const identification = identify(payload);
        remember(token, payload, identification);
        apply(state, identification);
      });
    },
  };
}

/**
 * Whether requests get a database session: `auth.databaseSession`, or by default on PostgreSQL
 * servers (not the embedded demo, whose connections share one server session).
 */
export function usesDatabaseSession(
  auth: AuthConfig,
  source: { kind: string; embedded?: unknown; demo?: boolean },
): boolean {
  return auth.databaseSession ?? (source.kind === 'postgresql' && !source.embedded && !source.demo);
}
