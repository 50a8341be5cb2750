/**
 * One namespace of a generated schema (type names, the fields of one type, the values of one
 * enum...): the first claimant of a name keeps it, later ones get a numeric suffix, and every
 * name that is not given as wanted is reported as a collision.
 */
import { isValidGraphQLName } from './inflection.js';

/** A name that two things wanted; `given` is what the later one got instead. */
export interface NameCollision {
  /** `'type'`, `'query field'`, `'mutation field'`, `'field of Track'`, `'value of TrackOrder'`... */
  scope: string;
  wanted: string;
  given: string;
  /** What asked for the name (`model InvoiceLine`, `property unit_price`...). */
  owner: string;
}

/** Claims names in one scope, suffixing duplicates and recording each rename. */
export class NameScope {
  private readonly used: Set<string>;

  constructor(
    private readonly scope: string,
    private readonly collisions: NameCollision[],
    reserved: Iterable<string> = [],
  ) {
    this.used = new Set(reserved);
  }

  /** Whether `name` is already given (or reserved) in this scope. */
  has(name: string): boolean {
    return this.used.has(name);
  }

  /**
   * Gives `wanted`, or a valid, unused variant of it. The owner (`property unit_price`) is
   * passed in two parts and joined only for a collision report: most names never collide.
   */
  claim(wanted: string, ownerKind: string, ownerName: string): string {
    const valid = isValidGraphQLName(wanted) && !wanted.startsWith('__') ? wanted : sanitize(wanted);
    let given = valid;
    for (let suffix = 2; this.used.has(given); suffix += 1) given = `${valid}${suffix}`;
    this.used.add(given);
    if (given !== wanted) {
      this.collisions.push({ scope: this.scope, wanted, given, owner: `${ownerKind} ${ownerName}` });
    }
    return given;
  }
}

/** Makes an override's output a valid name rather than failing later in the GraphQL parser. */
function sanitize(name: string): string {
  const cleaned = name.replace(/[^_0-9A-Za-z]/g, '_').replace(/^_+(?=_)/, '');
  return /^[_A-Za-z]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
