/**
 * The text that opens a request's database session on PostgreSQL, sent as one simple query (one
 * round trip): BEGIN, the caller's claims as transaction-local settings (as PostGraphile and
 * PostgREST set them, so that RLS policies read them with `current_setting`), and the role
 * (`set_config('role', …, true)`, which is `SET LOCAL ROLE`) when the request runs as a role.
 * Everything local to the transaction: COMMIT or ROLLBACK returns the connection to the pool as it
 * was. The text depends only on the identity, which the authentication keeps per token: it is
 * written once per identity, not per request. (A read-only request sends the same settings ahead
 * of each statement instead, without a transaction: postgresql-caller-query.ts.)
 *
 * A simple query takes no parameters, so values are written as literals by `quotePostgresLiteral`
 * (pg's own escaping: quotes doubled, and with backslashes an `E'...'` literal with them doubled,
 * right whatever `standard_conforming_strings` says).
 *
 * @example
 * postgresSessionBegin({ claims: { sub: '42', role: 'customer_role' }, role: 'customer_role' });
 * // BEGIN; SELECT set_config('request.jwt.claims', '{"sub":"42","role":"customer_role"}', true),
 * //   set_config('request.jwt.claim.sub', '42', true), set_config('request.jwt.claim.role', 'customer_role', true),
 * //   set_config('role', 'customer_role', true)
 */
import type { SessionIdentity } from '../../juggler/connector/request-session.js';

/** A claim name PostgreSQL accepts as the last part of a custom setting's name. */
const SETTING_NAME_PART = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** A string as a PostgreSQL literal (pg's `escapeLiteral`). */
export function quotePostgresLiteral(text: string): string {
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/** A claim's value as its own setting: strings as they are, anything else as JSON. */
function claimSettingValue(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // A NUL cannot travel in a query text; such a claim is still in `request.jwt.claims` (escaped).
  return text === undefined || text.includes('\0') ? undefined : text;
}

function setConfig(name: string, value: string): string {
  return `set_config(${quotePostgresLiteral(name)}, ${quotePostgresLiteral(value)}, true)`;
}

/**
 * The settings a session running as `identity` makes, in order: the claims as one JSON setting and
 * one setting per claim whose name PostgreSQL accepts, then the role (`set_config('role', …)` is
 * `SET LOCAL ROLE`) when there is one.
 */
export function callerSettings(identity: SessionIdentity): [name: string, value: string][] {
  const settings: [string, string][] = [['request.jwt.claims', JSON.stringify(identity.claims)]];
  for (const [name, value] of Object.entries(identity.claims)) {
    const text = claimSettingValue(value);
    if (text !== undefined && SETTING_NAME_PART.test(name))
      settings.push([`request.jwt.claim.${name}`, text]);
  }
  if (identity.role !== undefined) settings.push(['role', identity.role]);
  return settings;
}

const written = new WeakMap<SessionIdentity, string>();

/** The begin text of a session running as `identity` (see the file comment). */
export function postgresSessionBegin(identity: SessionIdentity): string {
  let text = written.get(identity);
  if (text === undefined) {
    text = `BEGIN; SELECT ${callerSettings(identity)
      .map(([name, value]) => setConfig(name, value))
      .join(', ')}`;
    written.set(identity, text);
  }
  return text;
}
