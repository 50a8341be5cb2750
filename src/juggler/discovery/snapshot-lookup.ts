/**
 * Finding tables in a catalog snapshot: which owner a call means, which table a name means,
 * which tables `relations`/`associations` reach from it, and sub-snapshots and merges.
 */
import { DiscographError } from '../errors.js';
import { compareText, tableKey } from './catalog-assembly.js';
import type {
  CatalogSnapshot,
  CatalogTable,
  DiscoverSchemasOptions,
  DiscoveryOptions,
} from './discovery-types.js';
import { defaultModelName } from './naming.js';

/** A table named by owner and name. */
export interface TableRef {
  owner: string;
  name: string;
}

/** The owner calls use when options name none: the snapshot's default, else its first owner. */
export function defaultOwnerOf(snapshot: CatalogSnapshot): string | undefined {
  return snapshot.defaultOwner ?? snapshot.owners[0];
}

/** Which owners the options mean: `owner`/`schema`, else every owner with `all`, else the default. */
export function ownerMatcher(
  snapshot: CatalogSnapshot,
  options: DiscoveryOptions,
): (owner: string) => boolean {
  const owner = options.owner ?? options.schema;
  if (owner) return (candidate) => candidate === owner;
  if (options.all) return () => true;
  const fallback = defaultOwnerOf(snapshot);
  return (candidate) => candidate === fallback;
}

/** Whether the call asks for every table (`'*'`, empty or missing name). */
export function isWholeSchema(table: string | undefined | null): boolean {
  return table === undefined || table === null || table === '' || table === '*';
}

/** Edit distance, for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The UNKNOWN_TABLE error for a name, with "did you mean" suggestions among `candidates`
 * (same name in another case, the table a model name comes from, or a close spelling).
 */
export function unknownTableError(
  table: string,
  owner: string | undefined,
  candidates: readonly TableRef[],
): DiscographError {
  const wanted = table.toLowerCase();
  const suggestions = candidates
    .filter(
      (candidate) =>
        candidate.name.toLowerCase() === wanted ||
        defaultModelName(candidate.name) === table ||
        distance(candidate.name.toLowerCase(), wanted) <= 2,
    )
    .map((candidate) => `${candidate.owner}.${candidate.name}`)
    .slice(0, 5);
  const where = owner ? `schema \`${owner}\`` : 'any schema';
  const hint =
    suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(', ')}?` : '';
  return new DiscographError('UNKNOWN_TABLE', `No table or view \`${table}\` in ${where}${hint}`, {
    details: { table, owner: owner ?? null, suggestions },
    statusCode: 404,
  });
}

/** The owner a call names, or its default unless `all` (for messages). */
export function requestedOwner(snapshot: CatalogSnapshot, options: DiscoveryOptions): string | undefined {
  return options.owner ?? options.schema ?? (options.all ? undefined : defaultOwnerOf(snapshot));
}

/** The table a name means (the default owner's first when `all` finds several), or undefined. */
export function findTable(
  snapshot: CatalogSnapshot,
  table: string,
  options: DiscoveryOptions,
): CatalogTable | undefined {
  const matches = ownerMatcher(snapshot, options);
  const found = snapshot.tables.filter((candidate) => candidate.name === table && matches(candidate.owner));
  const fallback = defaultOwnerOf(snapshot);
  return found.find((candidate) => candidate.owner === fallback) ?? found[0];
}

/**
 * The tables a `discoverSchemas` call starts from: the named table (a view too, when named), or
 * for `'*'` every table of the owner(s), views only with `views: true`. An unknown name fails
 * with UNKNOWN_TABLE and suggestions.
 */
export function startTables(
  snapshot: CatalogSnapshot,
  table: string | undefined,
  options: DiscoveryOptions,
): CatalogTable[] {
  if (isWholeSchema(table)) {
    const matches = ownerMatcher(snapshot, options);
    return snapshot.tables.filter(
      (candidate) =>
        matches(candidate.owner) &&
        (options.views === true || (candidate.kind !== 'view' && candidate.kind !== 'materialized_view')),
    );
  }
  const found = findTable(snapshot, table ?? '', options);
  if (!found) throw unknownTableError(table ?? '', requestedOwner(snapshot, options), snapshot.tables);
  return [found];
}

/**
 * The tables reachable from `start`: with `relations`, following foreign keys to the tables they
 * reference; with `associations`, also back from referenced tables to the tables referencing
 * them (which reaches join tables and their other ends). `missing` lists referenced tables the
 * snapshot does not hold (another schema), for the caller to fetch.
 */
export function relatedTables(
  snapshot: CatalogSnapshot,
  start: readonly CatalogTable[],
  options: Pick<DiscoverSchemasOptions, 'relations' | 'associations'>,
): { tables: CatalogTable[]; missing: TableRef[] } {
  const byKey = new Map(snapshot.tables.map((table) => [tableKey(table.owner, table.name), table]));
  const referencing = new Map<string, CatalogTable[]>();
  if (options.associations) {
    for (const table of snapshot.tables) {
      for (const key of table.foreignKeys) {
        const target = tableKey(key.pkOwner, key.pkTableName);
        const list = referencing.get(target) ?? [];
        if (list[list.length - 1] !== table) list.push(table);
        referencing.set(target, list);
      }
    }
  }
  const reached = new Map<string, CatalogTable>();
  const missing = new Map<string, TableRef>();
  const queue = [...start];
  for (const table of start) reached.set(tableKey(table.owner, table.name), table);
  const visit = (key: string, ref: TableRef) => {
    if (reached.has(key)) return;
    const table = byKey.get(key);
    if (!table) {
      missing.set(key, ref);
      return;
    }
    reached.set(key, table);
    queue.push(table);
  };
  for (let table = queue.shift(); table; table = queue.shift()) {
    if (!options.relations && !options.associations) break;
    for (const key of table.foreignKeys) {
      visit(tableKey(key.pkOwner, key.pkTableName), { owner: key.pkOwner, name: key.pkTableName });
    }
    for (const other of referencing.get(tableKey(table.owner, table.name)) ?? []) {
      visit(tableKey(other.owner, other.name), { owner: other.owner, name: other.name });
    }
  }
  const tables = [...reached.values()].sort(
    (a, b) => compareText(a.owner, b.owner) || compareText(a.name, b.name),
  );
  return { tables, missing: [...missing.values()] };
}

/** The snapshot restricted to some of its tables. */
export function selectTables(snapshot: CatalogSnapshot, tables: readonly CatalogTable[]): CatalogSnapshot {
  const keep = new Set(tables);
  return { ...snapshot, tables: snapshot.tables.filter((table) => keep.has(table)) };
}

/** One snapshot from several reads of the same database (tables deduplicated and sorted). */
export function mergeSnapshots(base: CatalogSnapshot, others: readonly CatalogSnapshot[]): CatalogSnapshot {
  const tables = new Map(base.tables.map((table) => [tableKey(table.owner, table.name), table]));
  const owners = new Set(base.owners);
  let statementCount = base.statementCount;
  for (const other of others) {
    for (const table of other.tables) {
      const key = tableKey(table.owner, table.name);
      if (!tables.has(key)) tables.set(key, table);
    }
    for (const owner of other.owners) owners.add(owner);
    statementCount += other.statementCount;
  }
  return {
    ...base,
    owners: [...owners].sort(compareText),
    tables: [...tables.values()].sort((a, b) => compareText(a.owner, b.owner) || compareText(a.name, b.name)),
    statementCount,
  };
}
