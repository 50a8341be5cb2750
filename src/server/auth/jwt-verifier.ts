/**
 * Verifies a JWT with jose (`jwtVerify`): the signature with the configured key and algorithms
 * only (a token signed with `alg: none`, or with an algorithm the key is not for, never verifies),
 * then `exp` and `nbf` with the clock tolerance, and `iss` and `aud` when configured. A token that
 * fails any check rejects with an UNAUTHENTICATED GraphQL error whose `reason` says which check
 * (auth-errors.ts); what jose says in detail stays out of the answer.
 */
import { errors, type JWTPayload, jwtVerify } from 'jose';
import type { JwtConfig } from '../config/auth-config.js';
import { type TokenRefusal, unauthenticated } from './auth-errors.js';
import type { VerificationKey } from './jwt-keys.js';

/** The refusal of a jose error: which check failed, and a message for the client. */
function refusalOf(error: unknown): { reason: TokenRefusal; message: string } {
  if (error instanceof errors.JWTExpired)
    return { reason: 'TOKEN_EXPIRED', message: 'The token has expired' };
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf')
      return { reason: 'TOKEN_NOT_YET_VALID', message: 'The token is not valid yet (nbf)' };
    if (error.claim === 'iss')
      return { reason: 'TOKEN_ISSUER_INVALID', message: 'The token has the wrong issuer (iss)' };
    if (error.claim === 'aud')
      return { reason: 'TOKEN_AUDIENCE_INVALID', message: 'The token is not for this audience (aud)' };
    return { reason: 'TOKEN_CLAIM_INVALID', message: `The token's claim "${error.claim}" is not valid` };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return { reason: 'TOKEN_SIGNATURE_INVALID', message: 'The token signature does not verify' };
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return {
      reason: 'TOKEN_ALGORITHM_NOT_ALLOWED',
      message: 'The token is signed with an algorithm not accepted here',
    };
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return { reason: 'TOKEN_KEY_UNKNOWN', message: 'The token names no key this gateway knows (kid)' };
  }
  return { reason: 'TOKEN_MALFORMED', message: 'The token is not a well-formed signed JWT' };
}

/** Verifies tokens against one key (see the file comment). */
export class JwtVerifier {
  private readonly options: Parameters<typeof jwtVerify>[2];

  constructor(
    config: JwtConfig,
    private readonly key: VerificationKey,
  ) {
    this.options = {
      algorithms: key.algorithms,
      clockTolerance: config.clockToleranceSeconds,
      ...(config.issuer !== undefined ? { issuer: config.issuer } : {}),
      ...(config.audience !== undefined ? { audience: config.audience } : {}),
    };
  }

  /** The verified claims of `token`; rejects with UNAUTHENTICATED when any check fails. */
  async verify(token: string): Promise<JWTPayload> {
    try {
      const { key } = this.key;
      const verified =
        typeof key === 'function'
          ? await jwtVerify(token, key, this.options)
          : await jwtVerify(token, key, this.options);
      return verified.payload;
    } catch (error) {
      const { reason, message } = refusalOf(error);
      throw unauthenticated(reason, message);
    }
  }
}
