/**
 * Columns that look like secrets — `password`, `password_hash`, `passwd`, `secret`, `token`,
 * `api_key`, `salt`, `private_key`, with a prefix (`reset_token`, `client_secret`) or a hash-like
 * suffix (`password_digest`) — are hidden unless `exposeSecretColumns` is set: a schema made from a
 * database nobody reviewed must not serve Sakila's `staff.password`.
 *
 * @example
 * looksSecret('password_hash'); // true
 * looksSecret('apiKey');        // true (camelCase is read as snake_case)
 * looksSecret('token_count');   // false
 */
const SECRET_NAME =
  /^(?:.*_)?(?:password|passwd|pwd|secret|token|api_?key|salt|private_?key|credentials?)(?:_(?:hash|hashed|digest|enc|encrypted|salt))?$/;

/** Whether a column (or property) name looks like it holds a secret. */
export function looksSecret(name: string): boolean {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return SECRET_NAME.test(snake);
}
