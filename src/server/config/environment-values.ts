/**
 * Reading setting values from environment variables, shared by the settings files: a comma list
 * (`DISCOGRAPH_CORS_ORIGINS=https://a.example,https://b.example`).
 */

/** The items of a comma list, trimmed, empty ones dropped; undefined when the variable is not set. */
export function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
