/**
 * The one rule of a like pattern beyond being a string: it must not end in an unpaired backslash,
 * which escapes nothing (PostgreSQL rejects such a pattern, MySQL matches a literal backslash). The
 * juggler refuses it for every connector; SQL connectors check it again for direct callers.
 */
import { FilterError } from '../errors.js';

/** Whether a like pattern ends in an unpaired backslash. */
export function endsInLoneEscape(pattern: string): boolean {
  const trailing = /\\+$/.exec(pattern)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

/**
 * The INVALID_FILTER error of a pattern ending in a lone backslash; `details` adds to its details.
 *
 * @example
 * loneEscapeError('like', 'name').message
 * // '`like` on `name`: the pattern ends with an escape character (\); write \\ for a literal backslash'
 */
export function loneEscapeError(
  operator: string,
  property: string,
  details: Record<string, unknown> = {},
): FilterError {
  return new FilterError(
    `\`${operator}\` on \`${property}\`: the pattern ends with an escape character (\\); write \\\\ for a literal backslash`,
    { ...details, property, operator, expected: 'a pattern not ending in a lone backslash' },
  );
}
