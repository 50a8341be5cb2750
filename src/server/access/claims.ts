/**
 * Claim substitution in configured values: a string `"$claims.<name>"` (dots reach into nested
 * claims: `"$claims.app.tenant"`) stands for the caller's claim. A claim the caller does not have
 * is FORBIDDEN, never `null`: `{"customerId": {"eq": null}}` would read the rows without a customer.
 *
 * @example
 * substituteClaims({ customerId: { eq: '$claims.customer_id' } }, { customer_id: 7 }, 'Invoice');
 * // { customerId: { eq: 7 } }
 */
import { ForbiddenError } from '../../juggler/errors.js';

const PREFIX = '$claims.';

/** Whether a configured value reads a claim. */
export function isClaimReference(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** Whether `value` (a where template, a value) reads any claim. */
export function readsClaims(value: unknown): boolean {
  if (isClaimReference(value)) return true;
  if (Array.isArray(value)) return value.some(readsClaims);
  if (value !== null && typeof value === 'object') return Object.values(value).some(readsClaims);
  return false;
}

function claimValue(reference: string, claims: Readonly<Record<string, unknown>>, rule: string): unknown {
  let value: unknown = claims;
  for (const part of reference.slice(PREFIX.length).split('.')) {
    value =
      value !== null && typeof value === 'object' && Object.hasOwn(value, part)
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  if (value === undefined || value === null) {
    throw new ForbiddenError(
      `The rule for ${rule} needs the claim ${reference.slice(PREFIX.length)}, which the caller does not have`,
      {
        rule,
        claim: reference.slice(PREFIX.length),
      },
    );
  }
  return value;
}

/** `template` with every claim reference replaced by the caller's claim (a copy; the template is kept). */
export function substituteClaims(
  template: unknown,
  claims: Readonly<Record<string, unknown>>,
  rule: string,
): unknown {
  if (isClaimReference(template)) return claimValue(template, claims, rule);
  if (Array.isArray(template)) return template.map((item) => substituteClaims(item, claims, rule));
  if (template !== null && typeof template === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(template)) copy[key] = substituteClaims(value, claims, rule);
    return copy;
  }
  return template;
}
