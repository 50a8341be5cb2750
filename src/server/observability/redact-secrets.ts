/**
 * Redaction of secrets in log output: what pino's `redact` removes from structured fields (an
 * `authorization` header, passwords, tokens, keys), and `redactSecrets` for free text (messages,
 * error messages and stacks), which may quote a connection string or a token: the password of a
 * URL, a JWT, a bearer token and `password=…`-style pairs are replaced.
 *
 * @example
 * redactSecrets('cannot reach postgres://app:s3cret@db:5432/app');
 * // 'cannot reach postgres://app:***@db:5432/app'
 */

/** Field paths pino censors in every log line (any depth up to two levels). */
export const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'password',
  'token',
  'secret',
  'databaseUrl',
  '*.authorization',
  '*.password',
  '*.token',
  '*.secret',
  '*.databaseUrl',
  '*.headers.authorization',
  '*.headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** What replaces a secret. */
export const CENSORED = '[redacted]';

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):([^\s@/]+)@/gi;
const JWT = /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[\w~+/.=-]+/gi;
const SECRET_PAIR = /\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)=([^\s&;,]+)/gi;

/** What every pattern above needs somewhere in the text: most lines have none, and are returned as they are. */
const SECRET_HINT = /:\/\/|eyJ|bearer|basic|=/i;

/** `text` with URL passwords, JWTs, bearer/basic credentials and `password=…` pairs replaced. */
export function redactSecrets(text: string): string {
  if (!SECRET_HINT.test(text)) return text;
  return text
    .replace(URL_PASSWORD, '$1:***@')
    .replace(JWT, CENSORED)
    .replace(AUTH_SCHEME, `$1 ${CENSORED}`)
    .replace(SECRET_PAIR, `$1=${CENSORED}`);
}
