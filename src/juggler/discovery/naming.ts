/**
 * Every name discovery generates: model names from tables, property names from columns and
 * relation names from foreign keys. LoopBack's rules (`invoice_line` → `InvoiceLine`,
 * `unit_price` → `unitPrice`), made safe: PascalCase and camelCase names keep their humps
 * (`InvoiceLine` stays `InvoiceLine`, `TrackId` becomes `trackId`), every result is a valid
 * GraphQL/JavaScript identifier (`[_A-Za-z][_0-9A-Za-z]*`), and collisions are resolved by a
 * `NameRegistry` rather than silently overwritten.
 */
import pluralize from 'pluralize';
import { InvalidArgumentError } from '../errors.js';

const IDENTIFIER = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Whether `name` is a valid GraphQL (and JavaScript) identifier that is not reserved (`__x`). */
export function isValidIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !name.startsWith('__');
}

/** Splits a database name into ASCII alphanumeric chunks (accents dropped, other characters separate). */
function chunks(name: string): string[] {
  const ascii = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFD').replace(/\p{M}/gu, '');
  return ascii.split(/[^A-Za-z0-9]+/).filter((chunk) => chunk.length > 0);
}

function isShouting(chunk: string): boolean {
  return /[A-Z]/.test(chunk) && chunk === chunk.toUpperCase();
}

/** `invoice` → `Invoice`, `INVOICE` → `Invoice`, `InvoiceLine` → `InvoiceLine`. */
function capitalizeChunk(chunk: string): string {
  const base = isShouting(chunk) ? chunk.toLowerCase() : chunk;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * Lower-cases the leading capitals of a camel-cased word: `TrackId` → `trackId`,
 * `URLPath` → `urlPath`, `ID` → `id`, `Album` → `album`.
 */
export function lowerFirst(word: string): string {
  if (isShouting(word)) return word.toLowerCase();
  const run = /^[A-Z]+/.exec(word)?.[0] ?? '';
  if (run.length <= 1) return word.charAt(0).toLowerCase() + word.slice(1);
  // `URLPath`: the last capital of the run starts the next word.
  const keep = /[a-z]/.test(word.charAt(run.length)) ? run.length - 1 : run.length;
  return word.slice(0, keep).toLowerCase() + word.slice(keep);
}

/** Upper-cases the first character: `trackId` → `TrackId`. */
export function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function leadingDigitSafe(name: string): string {
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** LoopBack's model name for a table: `invoice_line` → `InvoiceLine`, `MEDIA_TYPE` → `MediaType`. */
export function defaultModelName(tableName: string): string {
  const name = chunks(tableName).map(capitalizeChunk).join('');
  return name ? leadingDigitSafe(name) : 'Unnamed';
}

/** LoopBack's property name for a column: `unit_price` → `unitPrice`, `TrackId` → `trackId`, `2fa` → `_2fa`. */
export function defaultPropertyName(columnName: string): string {
  const [first, ...rest] = chunks(columnName);
  if (first === undefined) return 'unnamed';
  return leadingDigitSafe(lowerFirst(first) + rest.map(capitalizeChunk).join(''));
}

/**
 * A column name kept as it is (`disableCamelCase`), only made a valid identifier:
 * `track_id` stays, `unit price` → `unit_price`, `2fa` → `_2fa`, `__x` → `_x`.
 */
export function sanitizedName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/^_{2,}/, '_');
  if (!ascii || ascii === '_') return 'unnamed';
  return leadingDigitSafe(ascii);
}

/** The plural of a model name, as a relation name: `Album` → `albums`, `InvoiceLine` → `invoiceLines`. */
export function pluralRelationName(modelName: string): string {
  return lowerFirst(pluralize.plural(modelName));
}

/** The singular of a model name, as a hasOne relation name: `ArtistDetail` → `artistDetail`, `SemTypes` → `semType`. */
export function singularRelationName(modelName: string): string {
  return lowerFirst(pluralize.singular(modelName));
}

/**
 * The singular name of a foreign key column, as a belongsTo name: the property without its
 * `Id`/`_id` suffix (`trackId` → `track`, `support_rep_id` → `support_rep`), or the property
 * itself when it has no such suffix (`reportsTo`).
 */
export function withoutIdSuffix(propertyName: string): string {
  const stripped = propertyName.replace(/(?:_(?:id|ID|Id)|(?<=[a-z0-9])(?:Id|ID))$/, '');
  return stripped && isValidIdentifier(stripped) && !stripped.endsWith('_') ? stripped : propertyName;
}

/** Checks a name a user's `nameMapper` returned. */
export function assertMappedName(name: unknown, what: string, from: string): string {
  if (typeof name !== 'string' || !isValidIdentifier(name)) {
    throw new InvalidArgumentError(
      `nameMapper returned ${JSON.stringify(name)} for the ${what} of \`${from}\`; expected an identifier matching ${IDENTIFIER.source}`,
      { name, what, from },
    );
  }
  return name;
}

/**
 * Hands out unique names: the first free candidate, else the last candidate with a numeric
 * suffix (`userId2`, `userId3`). Names are compared exactly (GraphQL names are case-sensitive).
 */
export class NameRegistry {
  readonly #taken = new Set<string>();

  /** Marks names as used without claiming a candidate list. */
  reserve(...names: string[]): void {
    for (const name of names) this.#taken.add(name);
  }

  /** Whether a name is already used. */
  has(name: string): boolean {
    return this.#taken.has(name);
  }

  /** Claims the first free candidate (or the last one suffixed with 2, 3, ...). */
  claim(candidates: readonly string[]): string {
    for (const candidate of candidates) {
      if (!this.#taken.has(candidate)) {
        this.#taken.add(candidate);
        return candidate;
      }
    }
    const base = candidates[candidates.length - 1] ?? 'unnamed';
    for (let n = 2; ; n += 1) {
      const candidate = `${base}${n}`;
      if (!this.#taken.has(candidate)) {
        this.#taken.add(candidate);
        return candidate;
      }
    }
  }
}
