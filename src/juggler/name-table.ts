/**
 * Plain objects for tables keyed by names that differ from model to model (relations by relation
 * name), kept in V8's dictionary mode.
 */

/**
 * An empty plain object (`Object.prototype`, like `{}`) in V8's dictionary mode.
 *
 * Built up from `{}`, an object gets a hidden class per key; when its first keys are names no
 * other object shares (a 1,000-table schema has thousands of relation names), each of them also
 * adds a transition to the one hidden class every `{}` starts from, whose transition list is
 * copied on every insertion. A dictionary-mode object keeps its keys in a hash table instead.
 * Deleting a property that is not the last one added is what switches an object to that mode;
 * it stays there. Nothing but speed and memory tells such an object from `{}`.
 */
export function nameTable<Value>(): Record<string, Value> {
  const table: Record<string, Value> = { first: undefined as Value, second: undefined as Value };
  delete table.first;
  delete table.second;
  return table;
}

/** A name-table copy of `source`'s own enumerable members, in the order `{...source}` copies them. */
export function copyToNameTable<Value>(
  source: Readonly<Record<string, Value>> | undefined,
): Record<string, Value> {
  const table = nameTable<Value>();
  if (source === undefined || source === null) return table;
  for (const key of Object.keys(source)) {
    // An own `__proto__` member is copied as a member, as a spread copies it, not set as the prototype.
    if (key === '__proto__') Object.defineProperty(table, key, { ...MEMBER, value: source[key] });
    else table[key] = source[key] as Value;
  }
  for (const symbol of Object.getOwnPropertySymbols(source)) {
    if (Object.prototype.propertyIsEnumerable.call(source, symbol)) {
      (table as Record<symbol, unknown>)[symbol] = (source as Record<symbol, unknown>)[symbol];
    }
  }
  return table;
}

const MEMBER = { writable: true, enumerable: true, configurable: true } as const;
