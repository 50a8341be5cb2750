/**
 * Assigns model names to the tables of a snapshot and property names to the columns of a table,
 * applying the user's `nameMapper` (or LoopBack's default rules) and resolving collisions:
 *
 * - Two tables mapping to one model name (`public.airport` and `inventory.airport`, or
 *   `invoice_line` and `"InvoiceLine"`): one keeps the name, chosen in this order: the table in
 *   the default owner, the table whose name already equals the model name, the first by owner
 *   then table name. Tables of another owner are prefixed with it (`InventoryAirport`); tables
 *   of the same owner get a number (`InvoiceLine2`).
 * - Two columns mapping to one property (`user_id` and `userId`): the first column keeps it, the
 *   next gets a number (`userId2`).
 */
import { compareText, tableKey } from './catalog-assembly.js';
import type { CatalogTable, NameMapper } from './discovery-types.js';
import {
  assertMappedName,
  defaultModelName,
  defaultPropertyName,
  NameRegistry,
  sanitizedName,
  upperFirst,
} from './naming.js';

/** Naming options shared by the builders. */
export interface NamingOptions {
  nameMapper?: NameMapper;
  /** Keep column names as property names (made valid identifiers only). */
  disableCamelCase?: boolean;
  /** The owner whose tables keep a contested model name. */
  defaultOwner?: string;
}

function mappedModelName(table: CatalogTable, options: NamingOptions): string {
  const mapper = options.nameMapper?.modelName;
  if (!mapper) return defaultModelName(table.name);
  return assertMappedName(mapper(table.name, table.owner), 'model name', `${table.owner}.${table.name}`);
}

/** Model names of the tables, keyed by `tableKey(owner, name)`; unique across the list. */
export function assignModelNames(
  tables: readonly CatalogTable[],
  options: NamingOptions,
): Map<string, string> {
  const wanted = new Map<string, CatalogTable[]>();
  for (const table of tables) {
    const name = mappedModelName(table, options);
    const group = wanted.get(name);
    if (group) group.push(table);
    else wanted.set(name, [table]);
  }
  const registry = new NameRegistry();
  registry.reserve(...wanted.keys());
  const names = new Map<string, string>();
  for (const [name, group] of [...wanted].sort(([a], [b]) => compareText(a, b))) {
    const ordered = [...group].sort(
      (a, b) =>
        Number(a.owner !== options.defaultOwner) - Number(b.owner !== options.defaultOwner) ||
        Number(a.name !== name) - Number(b.name !== name) ||
        compareText(a.owner, b.owner) ||
        compareText(a.name, b.name),
    );
    const [keeper, ...others] = ordered;
    if (!keeper) continue;
    names.set(tableKey(keeper.owner, keeper.name), name);
    for (const table of others) {
      const prefixed = `${defaultModelName(table.owner)}${upperFirst(name)}`;
      const candidates = table.owner === keeper.owner ? [name] : [prefixed];
      names.set(tableKey(table.owner, table.name), registry.claim(candidates));
    }
  }
  return names;
}

/** Property names of a table's columns, keyed by column name; unique within the table. */
export function assignPropertyNames(table: CatalogTable, options: NamingOptions): Map<string, string> {
  const mapper = options.nameMapper?.propertyName;
  const registry = new NameRegistry();
  const names = new Map<string, string>();
  for (const column of table.columns) {
    let name: string;
    if (mapper) {
      name = assertMappedName(
        mapper(column.columnName, table.name, table.owner),
        'property name',
        `${table.owner}.${table.name}.${column.columnName}`,
      );
    } else {
      name = options.disableCamelCase
        ? sanitizedName(column.columnName)
        : defaultPropertyName(column.columnName);
    }
    names.set(column.columnName, registry.claim([name]));
  }
  return names;
}
