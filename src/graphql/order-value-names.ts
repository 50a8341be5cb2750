/**
 * The values of a model's order enum (`NAME_ASC`, `NAME_DESC`...): two per sortable property,
 * 20,000 on a 1,000-table schema, which a start rarely needs. With the default inflection,
 * whether they can collide is decided from the constant-case stems of the field names, and the
 * values are listed when first read; with an overridden `orderValue`, or stems that could
 * collide, every value is claimed at once (renames reported, as for any other name). The fields
 * of a single embedded document are sorted on by dotted path (`ADDRESS_CITY_ASC` for
 * `address.city`); their values are always claimed at once.
 */
import { constantCase, defaultInflection, type Inflection } from './inflection.js';
import type { GraphQLModelSource, GraphQLPropertySource } from './model-source.js';
import { type NameCollision, NameScope } from './name-scope.js';

/** The field names of an embedded type and of those it holds (schema-names.ts' `EmbeddedNames`). */
export interface EmbeddedFieldNames {
  fields: ReadonlyMap<string, string>;
  embedded: ReadonlyMap<string, EmbeddedFieldNames>;
}

/**
 * Whether a property holds one embedded document (not a list of them): its fields can be sorted
 * on by dotted path (`address.city` → `ADDRESS_CITY_ASC`). A list has no one value per row to
 * sort by (juggler/errors.ts, EmbeddedListOrderError), so its fields get no order values.
 */
function holdsOneDocument(property: GraphQLPropertySource): boolean {
  return property.embedded !== undefined && property.typeName === 'Object';
}

/** One order enum value: which property, which direction (shared between models: read only). */
export interface OrderValueName {
  readonly property: string;
  readonly direction: 'ASC' | 'DESC';
}

/** Value name → property and direction, in declaration order. */
export type OrderValueMap = Map<string, OrderValueName>;

/** The order values of one model: claimed already, or listed by a function when first read. */
export interface PlannedOrderValues {
  /** Whether there is at least one (some property can be sorted on). */
  any: boolean;
  values: OrderValueMap | (() => OrderValueMap);
}

const UNORDERABLE_TYPES: ReadonlySet<string> = new Set([
  'Object',
  'JSON',
  'Any',
  'GeoPoint',
  'Buffer',
  'Array',
]);

/** Whether a property type can be sorted on (not JSON, GeoPoint, Buffer or arrays). */
export function isOrderable(typeName: string): boolean {
  return !UNORDERABLE_TYPES.has(typeName);
}

const LETTERS_AND_DIGITS = /^[0-9A-Za-z]+$/;

/**
 * The stem of a field's default order values (`constantCase(field)`: `UNIT_PRICE`) without its
 * underscores (`UNITPRICE`): its letters and digits, uppercased, which a field name made of
 * letters and digits gives without splitting it into words. Empty when the stem is (`_`).
 */
function stemKey(field: string): string {
  return LETTERS_AND_DIGITS.test(field) ? field.toUpperCase() : constantCase(field).replaceAll('_', '');
}

/** `address` + `city` → `addressCity`: the stem of an embedded field's order values. */
function joinedField(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}${field.charAt(0).toUpperCase()}${field.slice(1)}`;
}

/** Plans the order values of every model of one schema. */
export class OrderValuePlanner {
  /** Property name → its ascending and descending value, shared by the models that have it. */
  private readonly pairs = new Map<string, readonly [OrderValueName, OrderValueName]>();
  /** Field name → its stem key (see `stemKey`), computed once per distinct field name. */
  private readonly stemKeys = new Map<string, string>();
  /** Stem key → the one field name that has it, or null once two field names have had it. */
  private readonly stemKeyFields = new Map<string, string | null>();
  private readonly defaultNames: boolean;

  constructor(
    private readonly inflection: Inflection,
    private readonly collisions: NameCollision[],
  ) {
    this.defaultNames = inflection.orderValue === defaultInflection.orderValue;
  }

  /**
   * The order values of `source` (whose fields are named `fieldNames`) in its order enum
   * `order`: listed later when the default inflection names them without a collision, else
   * claimed now with every rename reported.
   */
  plan(
    source: GraphQLModelSource,
    fieldNames: ReadonlyMap<string, string>,
    order: string,
    embedded?: ReadonlyMap<string, EmbeddedFieldNames>,
  ): PlannedOrderValues {
    const nested = embedded !== undefined && embedded.size > 0 && source.properties.some(holdsOneDocument);
    const count = this.defaultNames && !nested ? this.distinctStems(source, fieldNames) : undefined;
    if (count !== undefined) {
      return { any: count > 0, values: () => this.list(source, fieldNames, undefined) };
    }
    const scope = new NameScope(`value of ${order}`, this.collisions);
    const values = this.list(source, fieldNames, scope);
    if (nested) this.addEmbedded(values, source.properties, fieldNames, embedded, scope, '', '');
    return { any: values.size > 0, values };
  }

  /**
   * How many properties of `source` can be sorted on, when their default order values cannot
   * collide; else undefined. Those values are `<constantCase(field)>_ASC` and `_DESC`: valid
   * names, distinct as long as the stems are distinct and none is empty (`_`), as an `_ASC`
   * name never equals a `_DESC` one. Equal stems have equal stem keys: a key that only one field
   * name of the whole schema has cannot repeat within one model (its field names differ); a
   * model with a key that several field names share has its values claimed one by one instead.
   */
  private distinctStems(
    source: GraphQLModelSource,
    fieldNames: ReadonlyMap<string, string>,
  ): number | undefined {
    const { properties } = source;
    let count = 0;
    // Indexed loops here and below: a `for...of` allocates a result object per step until the
    // code is optimised, and this runs once per property at every start.
    for (let index = 0; index < properties.length; index += 1) {
      const property = properties[index] as GraphQLPropertySource;
      if (!isOrderable(property.typeName)) continue;
      const field = fieldNames.get(property.name) as string;
      let key = this.stemKeys.get(field);
      if (key === undefined) {
        key = stemKey(field);
        this.stemKeys.set(field, key);
        this.stemKeyFields.set(key, this.stemKeyFields.has(key) ? null : field);
      }
      if (key === '' || this.stemKeyFields.get(key) === null) return undefined;
      count += 1;
    }
    return count;
  }

  /**
   * The order values of `source`'s sortable properties, claimed in `scope` (renames reported), or
   * taken as the inflection names them when no scope is given (known not to collide).
   */
  private list(
    source: GraphQLModelSource,
    fieldNames: ReadonlyMap<string, string>,
    scope: NameScope | undefined,
  ): OrderValueMap {
    const { inflection } = this;
    const values: OrderValueMap = new Map();
    const { properties } = source;
    for (let index = 0; index < properties.length; index += 1) {
      const property = properties[index] as GraphQLPropertySource;
      if (!isOrderable(property.typeName)) continue;
      const field = fieldNames.get(property.name) as string;
      const [ascending, descending] = this.pairOf(property.name);
      const ascendingName = inflection.orderValue(field, 'ASC');
      values.set(scope ? scope.claim(ascendingName, 'property', property.name) : ascendingName, ascending);
      const descendingName = inflection.orderValue(field, 'DESC');
      values.set(scope ? scope.claim(descendingName, 'property', property.name) : descendingName, descending);
    }
    return values;
  }

  /**
   * Adds the order values of the fields of single embedded documents among `properties`
   * (recursively): `ADDRESS_CITY_ASC` for `address.city`, claimed in `scope`.
   */
  private addEmbedded(
    values: OrderValueMap,
    properties: readonly GraphQLPropertySource[],
    fieldNames: ReadonlyMap<string, string>,
    embedded: ReadonlyMap<string, EmbeddedFieldNames>,
    scope: NameScope,
    pathPrefix: string,
    fieldPrefix: string,
  ): void {
    for (const property of properties) {
      const names = embedded.get(property.name);
      if (!names || !holdsOneDocument(property)) continue;
      const path = `${pathPrefix}${property.name}`;
      const field = joinedField(fieldPrefix, fieldNames.get(property.name) ?? property.name);
      for (const inner of property.embedded ?? []) {
        if (inner.embedded || !isOrderable(inner.typeName)) continue;
        const stem = joinedField(field, names.fields.get(inner.name) ?? inner.name);
        const about = `${path}.${inner.name}`;
        const [ascending, descending] = this.pairOf(about);
        values.set(scope.claim(this.inflection.orderValue(stem, 'ASC'), 'property', about), ascending);
        values.set(scope.claim(this.inflection.orderValue(stem, 'DESC'), 'property', about), descending);
      }
      this.addEmbedded(
        values,
        property.embedded ?? [],
        names.fields,
        names.embedded,
        scope,
        `${path}.`,
        field,
      );
    }
  }

  private pairOf(property: string): readonly [OrderValueName, OrderValueName] {
    let pair = this.pairs.get(property);
    if (pair === undefined) {
      pair = [
        { property, direction: 'ASC' },
        { property, direction: 'DESC' },
      ];
      this.pairs.set(property, pair);
    }
    return pair;
  }
}
