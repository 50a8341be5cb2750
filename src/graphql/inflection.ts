/**
 * The one place GraphQL names are made. Every type, field, argument and enum value name the
 * schema shows comes from an `Inflection`; a caller overrides single functions with
 * `createInflection({...})`. Names are always valid GraphQL names (`/^[_A-Za-z][_0-9A-Za-z]*$/`),
 * whatever the table or column was called.
 *
 * @example
 * const inflection = createInflection();
 * inflection.listField('Track');        // 'tracks'
 * inflection.singleField('Track');      // 'track'
 * inflection.orderValue('unitPrice', 'DESC'); // 'UNIT_PRICE_DESC'
 */
import pluralize from 'pluralize';

/** The naming functions of the generated schema; every one can be overridden. */
export interface Inflection {
  /** Object type of a model, singular: `Track`, `InvoiceLine`, `SemType` (table `sem_types`). */
  typeName(modelName: string): string;
  /** Top-level list query, plural and never the single-row query's name: `tracks`, `staffs`. */
  listField(modelName: string, plural?: string): string;
  /** Top-level single-row query by id, singular: `track`, `semType`. */
  singleField(modelName: string): string;
  /** Count query: `tracksCount`. */
  countField(modelName: string, plural?: string): string;
  /** Relay connection query: `tracksConnection`. */
  connectionField(modelName: string, plural?: string): string;
  /** Connection object type: `TrackConnection`. */
  connectionType(modelName: string): string;
  /** Connection edge type: `TrackEdge`. */
  edgeType(modelName: string): string;
  /** Where input type: `TrackWhere`. */
  whereType(modelName: string): string;
  /** Order enum type: `TrackOrder`. */
  orderType(modelName: string): string;
  /** Order enum value: `NAME_ASC`, `UNIT_PRICE_DESC`. */
  orderValue(propertyName: string, direction: 'ASC' | 'DESC'): string;
  /** Create input type: `TrackCreateInput`. */
  createInputType(modelName: string): string;
  /** Update input type: `TrackUpdateInput`. */
  updateInputType(modelName: string): string;
  /** Upsert input type, used when generated ids make it differ from the create input: `TrackUpsertInput`. */
  upsertInputType(modelName: string): string;
  /** Create mutation: `createTrack`. */
  createMutation(modelName: string): string;
  /** Update mutation: `updateTrack`. */
  updateMutation(modelName: string): string;
  /** Upsert mutation: `upsertTrack`. */
  upsertMutation(modelName: string): string;
  /** Delete mutation: `deleteTrack`. */
  deleteMutation(modelName: string): string;
  /** Object or input field of a property: `unitPrice`. */
  fieldName(propertyName: string): string;
  /** Field of a relation: `album`, `invoiceLines`. */
  relationField(relationName: string): string;
  /** GraphQL enum generated from a property's `enum` values: `TrackMood`. */
  enumType(modelName: string, propertyName: string): string;
  /**
   * GraphQL enum of a named database enum type (PostgreSQL), shared by every column of that type:
   * `mpaa_rating` → `MpaaRating`.
   */
  databaseEnumType(typeName: string): string;
  /** One value of a generated enum: `'in progress'` → `IN_PROGRESS`. */
  enumValue(value: string): string;
  /** Operator input of a scalar or enum type for where filters: `StringFilter`, `TrackMoodFilter`. */
  filterType(typeName: string): string;
  /**
   * Object type of the embedded documents a property holds, from its owner's type name:
   * `Invoice` + `lines` → `InvoiceLine`, `Customer` + `address` → `CustomerAddress`.
   */
  embeddedType(ownerTypeName: string, propertyName: string): string;
  /** Where input of an embedded type: `InvoiceLineWhere`. */
  embeddedWhereType(embeddedTypeName: string): string;
  /** Write input of an embedded type (create and update inputs take it): `InvoiceLineInput`. */
  embeddedInputType(embeddedTypeName: string): string;
}

const NAME_PATTERN = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** True when `name` is a valid GraphQL name. */
export function isValidGraphQLName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/** Already PascalCase: a capital, then letters and digits. */
const PASCAL_CASE = /^[A-Z][0-9A-Za-z]*$/;

/** Already camelCase: a lowercase letter, then letters and digits. */
const CAMEL_CASE = /^[a-z][0-9A-Za-z]*$/;

/**
 * PascalCase whose first word is not an acronym (`Track`, `InvoiceLine`, `Account0001s`): its
 * camelCase only loses the capital, as splitting it into words and joining them would give.
 */
const PASCAL_CASE_WORD_FIRST = /^[A-Z][a-z][0-9A-Za-z]*$/;

/** Splits any identifier (`invoice_line`, `InvoiceLine`, `unit-price`, `HTTPServer2`) into words. */
export function splitWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Guards a name that would start with a digit (or be empty) by prefixing an underscore. */
function guardStart(name: string): string {
  if (name.length === 0) return '_';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Cached names per transformation at most; a cache that fills up starts over. */
const MEMO_LIMIT = 50_000;

/** Caches a pure name transformation: column names repeat across tables (`id`, `name`, `created_at`). */
function memoized(transform: (name: string) => string): (name: string) => string {
  const cache = new Map<string, string>();
  // The names of one model are made one after the other (`TrackWhere`, `TrackOrder`... all ask
  // for `typeName('Track')`): the last name asked for is answered without a lookup.
  let lastName: string | undefined;
  let lastResult = '';
  return (name) => {
    if (name === lastName) return lastResult;
    let result = cache.get(name);
    if (result === undefined) {
      result = transform(name);
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(name, result);
    }
    lastName = name;
    lastResult = result;
    return result;
  };
}

/** `invoice_line` → `InvoiceLine`; keeps already-PascalCase names as they are. */
export const pascalCase = memoized(function pascalCase(name: string): string {
  if (PASCAL_CASE.test(name)) return name;
  const shouting = !/[a-z]/.test(name);
  return guardStart(
    splitWords(name)
      .map((word) => capitalize(shouting ? word.toLowerCase() : word))
      .join(''),
  );
});

/** `unit_price` → `unitPrice`, `TrackId` → `trackId`; valid camelCase names stay unchanged. */
export const camelCase = memoized(function camelCase(name: string): string {
  if (CAMEL_CASE.test(name)) return name;
  if (PASCAL_CASE_WORD_FIRST.test(name)) return lowerFirst(name);
  const shouting = !/[a-z]/.test(name);
  const words = splitWords(name).map((word) => (shouting ? word.toLowerCase() : word));
  const [first, ...rest] = words;
  if (first === undefined) return '_';
  const head = first.toUpperCase() === first && first.length > 1 ? first.toLowerCase() : lowerFirst(first);
  return guardStart(head + rest.map(capitalize).join(''));
});

function lowerFirst(word: string): string {
  return word.charAt(0).toLowerCase() + word.slice(1);
}

/** `unitPrice` → `UNIT_PRICE`, `in progress` → `IN_PROGRESS`. */
export const constantCase = memoized(function constantCase(name: string): string {
  return guardStart(
    splitWords(name)
      .map((word) => word.toUpperCase())
      .join('_'),
  );
});

/** Pluralizes the last word of a PascalCase name: `InvoiceLine` → `InvoiceLines`, `Person` → `People`. */
export const pluralizeLastWord = memoized(function pluralizeLastWord(typeName: string): string {
  const match = /^(.*?)([A-Z]?[a-z0-9]+|[A-Z0-9]+)$/.exec(typeName);
  if (!match) return pluralize(typeName);
  const [, head = '', last = ''] = match;
  return head + pluralize(last);
});

/** Shortest singular a last word is cut to: `Sms`, `Gps`, `Os` would lose their meaning as `Sm`, `Gp`, `O`. */
const MIN_SINGULAR_LENGTH = 3;

/**
 * Singularizes the last word of a PascalCase name with the `pluralize` package: `SemTypes` →
 * `SemType`, `People` → `Person` (and, as in PostGraphile, `Data` → `Datum`). A last word without
 * lowercase letters (an acronym: `HTTPS`), ending in a digit, or whose singular would be shorter
 * than three letters (`Sms`) stays as it is.
 */
export const singularizeLastWord = memoized(function singularizeLastWord(typeName: string): string {
  const match = /^(.*?)([A-Z]?[a-z]+)$/.exec(typeName);
  if (!match) return typeName;
  const [, head = '', last = ''] = match;
  const singular = pluralize.singular(last);
  return singular.length >= MIN_SINGULAR_LENGTH ? head + singular : typeName;
});

/**
 * A plural that differs from the singular, after PostGraphile's `distinctPluralize`: the plural of
 * a countable noun (`semType` → `semTypes`), and for a noun whose plural is itself (`staff`,
 * `series`, `media`, `money`) the regular English ending: `staffs`, `serieses`, `medias`, `monies`. A `List` suffix
 * would not stay unambiguous: a table `staff_list` lists as `staffLists`.
 */
export function distinctPlural(singular: string, plural: string): string {
  if (plural !== singular) return plural;
  if (/(?:s|x|z|ch|sh)$/.test(singular)) return `${singular}es`;
  return singular.endsWith('y') ? `${singular.slice(0, -1)}ies` : `${singular}s`;
}

/**
 * A type name with its indefinite article, for descriptions: `An Author`, `A Book`, `An Int`,
 * `A User` (a `U` sounding "you", as in `Unit` and `Usage`, takes `a`).
 *
 * @example withArticle('Author') // 'an Author'; withArticle('Author', true) // 'An Author'
 */
export function withArticle(typeName: string, capitalized = false): string {
  const vowelSound = /^[aeio]/i.test(typeName) || /^u(?![bcdfghjklmnpqrstvwxyz][aeiou])/i.test(typeName);
  const article = vowelSound ? 'an' : 'a';
  return `${capitalized ? article[0]?.toUpperCase() + article.slice(1) : article} ${typeName}`;
}

/** `unitPrice` → `UNIT_PRICE_ASC`; column names repeat across tables, and so do their order values. */
const ascendingOrderValue = memoized((propertyName) => `${constantCase(propertyName)}_ASC`);

/** `unitPrice` → `UNIT_PRICE_DESC`. */
const descendingOrderValue = memoized((propertyName) => `${constantCase(propertyName)}_DESC`);

/** The default type name of a model: PascalCase, its last word singular (`sem_types` → `SemTypes` → `SemType`). */
const singularTypeName = memoized((modelName) => singularizeLastWord(pascalCase(modelName)));

/**
 * The default list field of a model: its singular type name pluralized (`SemType` → `semTypes`),
 * or `plural` from its settings; never the name of the single-row field (see `distinctPlural`).
 */
function listFieldOf(modelName: string, plural: string | undefined): string {
  const type = singularTypeName(modelName);
  const single = camelCase(type);
  return distinctPlural(single, plural ? camelCase(plural) : camelCase(pluralizeLastWord(type)));
}

/** `listFieldOf` without a `plural` setting, once per model: list, count and connection fields all ask. */
const pluralListField = memoized((modelName) => listFieldOf(modelName, undefined));

/** The default inflection (LoopBack model names, pluralized with the `pluralize` package). */
export const defaultInflection: Inflection = {
  typeName: (modelName) => singularTypeName(modelName),
  listField: (modelName, plural) => (plural ? listFieldOf(modelName, plural) : pluralListField(modelName)),
  singleField: (modelName) => camelCase(singularTypeName(modelName)),
  countField(modelName, plural) {
    return `${this.listField(modelName, plural)}Count`;
  },
  connectionField(modelName, plural) {
    return `${this.listField(modelName, plural)}Connection`;
  },
  connectionType(modelName) {
    return `${this.typeName(modelName)}Connection`;
  },
  edgeType(modelName) {
    return `${this.typeName(modelName)}Edge`;
  },
  whereType(modelName) {
    return `${this.typeName(modelName)}Where`;
  },
  orderType(modelName) {
    return `${this.typeName(modelName)}Order`;
  },
  orderValue: (propertyName, direction) =>
    direction === 'ASC' ? ascendingOrderValue(propertyName) : descendingOrderValue(propertyName),
  createInputType(modelName) {
    return `${this.typeName(modelName)}CreateInput`;
  },
  updateInputType(modelName) {
    return `${this.typeName(modelName)}UpdateInput`;
  },
  upsertInputType(modelName) {
    return `${this.typeName(modelName)}UpsertInput`;
  },
  createMutation(modelName) {
    return `create${this.typeName(modelName)}`;
  },
  updateMutation(modelName) {
    return `update${this.typeName(modelName)}`;
  },
  upsertMutation(modelName) {
    return `upsert${this.typeName(modelName)}`;
  },
  deleteMutation(modelName) {
    return `delete${this.typeName(modelName)}`;
  },
  fieldName: (propertyName) => camelCase(propertyName),
  relationField: (relationName) => camelCase(relationName),
  enumType(modelName, propertyName) {
    return `${this.typeName(modelName)}${pascalCase(propertyName)}`;
  },
  databaseEnumType: (typeName) => pascalCase(typeName),
  enumValue(value) {
    const name = constantCase(value);
    // `true`, `false` and `null` are not allowed as enum values.
    return name === 'TRUE' || name === 'FALSE' || name === 'NULL' ? `${name}_` : name;
  },
  filterType: (typeName) => `${typeName}Filter`,
  embeddedType: (ownerTypeName, propertyName) =>
    `${ownerTypeName}${pascalCase(pluralize.singular(propertyName))}`,
  embeddedWhereType: (embeddedTypeName) => `${embeddedTypeName}Where`,
  embeddedInputType: (embeddedTypeName) => `${embeddedTypeName}Input`,
};

/** An inflection with some functions replaced; `this` in an override is the full inflection. */
export function createInflection(overrides: Partial<Inflection> = {}): Inflection {
  return { ...defaultInflection, ...overrides };
}
