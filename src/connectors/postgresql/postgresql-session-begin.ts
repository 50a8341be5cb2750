/**
 * The text that opens a request's database session on PostgreSQL, sent as one simple query (one
 * round trip): BEGIN, the caller's claims as transaction-local settings (as PostGraphile and
 * PostgREST set them, so that RLS policies read them with `current_setting`), `SET LOCAL ROLE`
 * when the request runs as a role, and the savepoint a failed read goes back to
 * (sql-request-session.ts). Everything local to the transaction: COMMIT or ROLLBACK returns the
 * connection to the pool as it was.
 *
 * A simple query takes no parameters, so values are written as literals by `quotePostgresLiteral`
 * (pg's own escaping: quotes doubled, and with backslashes an `E'...'` literal with them doubled,
 * right whatever `standard_conforming_strings` says) and the role by `quotePostgresIdentifier`.
 *
 * @example
 * postgresSessionBegin({ claims: { sub: '42', role: 'customer_role' }, role: 'customer_role' });
 * // BEGIN; SELECT set_config('request.jwt.claims', '{"sub":"42","role":"customer_role"}', true),
 * //   set_config('request.jwt.claim.sub', '42', true), set_config('request.jwt.claim.role', 'customer_role', true);
 * // SET LOCAL ROLE "customer_role"; SAVEPOINT discograph_session
 */
import type { SessionIdentity } from '../../juggler/connector/request-session.js';
import { SESSION_SAVEPOINT } from '../sql/sql-request-session.js';
import { quotePostgresIdentifier } from './postgresql-query-compiler.js';

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

/** The begin text of a session running as `identity` (see the file comment). */
export function postgresSessionBegin(identity: SessionIdentity): string {
  const settings = [setConfig('request.jwt.claims', JSON.stringify(identity.claims))];
  for (const [name, value] of Object.entries(identity.claims)) {
    const text = claimSettingValue(value);
    if (text !== undefined && SETTING_NAME_PART.test(name)) {
      settings.push(setConfig(`request.jwt.claim.${name}`, text));
    }
  }
  const role =
    identity.role === undefined ? '' : ` SET LOCAL ROLE ${quotePostgresIdentifier(identity.role)};`;
  return `BEGIN; SELECT ${settings.join(', ')};${role} SAVEPOINT ${SESSION_SAVEPOINT}`;
}
