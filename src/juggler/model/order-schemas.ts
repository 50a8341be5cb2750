/**
 * The order `buildModels` defines an array of schemas in: a schema whose property type (or array
 * item type) names another schema of the array comes after that schema, so
 * `buildModels([{name: 'Customer', properties: {address: 'Address'}}, {name: 'Address', ...}])`
 * works in any order. Otherwise the array's order is kept; a cycle is left in the array's order.
 */

/** A schema with its resolved model name. */
export interface NamedSchema<S> {
  name: string;
  schema: S & { properties: Record<string, unknown> };
}

function typeNamesOf(properties: Record<string, unknown>): string[] {
  const names: string[] = [];
  const visit = (type: unknown): void => {
    if (typeof type === 'string') names.push(type);
    else if (Array.isArray(type)) type.forEach(visit);
  };
  for (const property of Object.values(properties)) {
    if (typeof property === 'string' || Array.isArray(property)) visit(property);
    else if (property !== null && typeof property === 'object') {
      const { type, itemType } = property as { type?: unknown; itemType?: unknown };
      visit(type);
      visit(itemType);
    }
  }
  return names;
}

/**
 * Orders schemas so each comes after the schemas of the array its property types name (by model
 * name).
 *
 * @example
 * orderByPropertyTypes([{name: 'A', schema: {properties: {b: 'B'}}}, {name: 'B', schema: {properties: {}}}])
 * // B, then A
 */
export function orderByPropertyTypes<S>(schemas: readonly NamedSchema<S>[]): NamedSchema<S>[] {
  const byName = new Map(schemas.map((entry) => [entry.name, entry]));
  const ordered: NamedSchema<S>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (entry: NamedSchema<S>): void => {
    if (state.has(entry.name)) return;
    state.set(entry.name, 'visiting');
    for (const typeName of typeNamesOf(entry.schema.properties)) {
      const dependency = byName.get(typeName);
      if (dependency && dependency !== entry) visit(dependency);
    }
    state.set(entry.name, 'done');
    ordered.push(entry);
  };
  for (const entry of schemas) visit(entry);
  return ordered;
}
