/**
 * The benchmark's JWT: one HS256 secret shared by every secure system (read from
 * discograph.secure.config.json, the file Discograph is started with) and one token signed with
 * node:crypto at the start of a run, sent as `Authorization: Bearer <token>` with every request.
 * The secret is a benchmark fixture, not a credential: it protects nothing but a copy of Chinook.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { benchDir } from '../lib/util.mjs';

/** Discograph's secure configuration (passed with `--config`). */
export const SECURE_CONFIG_FILE = path.join(benchDir, 'secure', 'discograph.secure.config.json');

/** The HS256 secret of the secure benchmark. */
export const JWT_SECRET = JSON.parse(readFileSync(SECURE_CONFIG_FILE, 'utf8')).auth.jwt.secret;

/** The role every token claims: the NOLOGIN role bench/secure/setup.mjs creates. */
export const BENCH_ROLE = 'bench_user';

const base64url = (value) => Buffer.from(value).toString('base64url');

/** A compact HS256 JWT of `claims` signed with `secret`. */
export function signHs256(claims, secret = JWT_SECRET) {
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** The benchmark's token: `{sub: "bench", role: "bench_user"}`, issued now, valid for ten years. */
export function benchToken(now = Math.floor(Date.now() / 1000)) {
  return signHs256({ sub: 'bench', role: BENCH_ROLE, iat: now, exp: now + 10 * 365 * 24 * 3600 });
}

/** The same claims signed with another secret: every secure system must refuse it. */
export function forgedToken() {
  const now = Math.floor(Date.now() / 1000);
  return signHs256({ sub: 'bench', role: BENCH_ROLE, iat: now, exp: now + 3600 }, `${JWT_SECRET}-forged`);
}

/**
 * A valid token whose claims have no `sub`: accepted, but the benchmark's policies admit no row to
 * it — a system that serves rows with it reads as a role RLS does not apply to.
 */
export function tokenWithoutSubject() {
  const now = Math.floor(Date.now() / 1000);
  return signHs256({ role: BENCH_ROLE, iat: now, exp: now + 3600 });
}

/**
 * The claims of an HS256 `token` signed with `secret` and valid now (`exp`, `nbf`), else null.
 * Only for the limit server's secure mode: the gateways use their own maintained libraries.
 */
export function verifyHs256(token, secret, now = Date.now() / 1000) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    if (JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')).alg !== 'HS256') return null;
    const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return null;
    if (
      (typeof claims.exp === 'number' && claims.exp <= now) ||
      (typeof claims.nbf === 'number' && claims.nbf > now)
    )
      return null;
    return claims;
  } catch {
    return null;
  }
}
