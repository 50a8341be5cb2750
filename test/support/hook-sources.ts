/**
 * The data sources the operation hook suites run on (memory, PostgreSQL, MariaDB), each with the
 * same models migrated into a database of its own: Owner hasMany notes, Note belongsTo owner.
 * Also: a wrapper of a real connector that records the `OperationOptions` of every data access
 * call, and what each test needs to start from no listeners.
 *
 * @example
 * describe.each(HOOK_SOURCES)('... on $name', (source) => {
 *   beforeAll(async () => { ds = await source.open('juggler_hooks'); ({ Owner, Note } = await notesModels(ds)); });
 *   afterAll(async () => { await ds.disconnect(); await source.drop('juggler_hooks'); });
 * });
 */
import type { OperationOptions } from '../../src/juggler/connector/connector.js';
import type { ReadRequest } from '../../src/juggler/connector/prepared-read.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import type { DataSource } from '../../src/juggler/datasource.js';
import type { ConnectorHarness } from '../connectors/harness/connector-harness.js';
import { memoryHarness } from '../connectors/harness/memory-harness.js';
import { mysqlHarness } from '../connectors/harness/mysql-harness.js';
import { postgresqlHarness } from '../connectors/harness/postgresql-harness.js';

/** A data source of one kind, in a database of its own per test file. */
export interface HookSource {
  readonly name: 'memory' | 'PostgreSQL' | 'MariaDB';
  /** Creates the database `<base>_<pg|my>` (none for memory) and a data source on it. */
  open(base: string): Promise<DataSource>;
  drop(base: string): Promise<void>;
}

/** A hook source on a connector harness (test/connectors/harness/), under a display name. */
function hookSource(name: HookSource['name'], harness: ConnectorHarness): HookSource {
  return {
    name,
    open: (base) => harness.createDataSource(base),
    drop: (base) => harness.dropDatabase(base),
  };
}

/** Memory, PostgreSQL and MariaDB. */
export const HOOK_SOURCES: readonly HookSource[] = [
  hookSource('memory', memoryHarness),
  hookSource('PostgreSQL', postgresqlHarness),
  hookSource('MariaDB', mysqlHarness),
];

/** Owner {id, name} hasMany notes; Note {id, title, ownerId} belongsTo owner; tables migrated. */
export async function notesModels(ds: DataSource): Promise<{ Owner: ModelClass; Note: ModelClass }> {
  const Owner = ds.define('Owner', { name: String });
  const Note = ds.define('Note', { title: String, ownerId: Number });
  Note.belongsTo(Owner, { as: 'owner', foreignKey: 'ownerId' });
  Owner.hasMany(Note, { as: 'notes', foreignKey: 'ownerId' });
  await ds.automigrate(['Owner', 'Note']);
  return { Owner, Note };
}

/** Every operation the DAO notifies. */
export const OPERATIONS = [
  'access',
  'loaded',
  'before save',
  'persist',
  'after save',
  'before delete',
  'after delete',
] as const;

/** Removes every listener of the models (each test starts from none). */
export function clearAllObservers(...models: ModelClass[]): void {
  for (const Model of models) for (const operation of OPERATIONS) Model.clearObservers(operation);
}

/** One data access call a connector received: its method, the model's name and its options. */
export interface ConnectorCall {
  method: string;
  model: string;
  options: OperationOptions | undefined;
}

const DATA_ACCESS = new Set(['create', 'upsert', 'updateAll', 'updateRow', 'destroyAll']);

/** A compiled read or count whose runs are recorded as `method` of `model`. */
function recordedRuns<T extends { run(bindings: readonly unknown[], options?: OperationOptions): unknown }>(
  compiled: T,
  method: string,
  model: string,
  calls: ConnectorCall[],
): T {
  return {
    ...compiled,
    explain: (compiled as unknown as { explain(): string[] }).explain.bind(compiled),
    run: (bindings: readonly unknown[], options?: OperationOptions) => {
      calls.push({ method, model, options });
      return compiled.run(bindings, options);
    },
  };
}

/**
 * Replaces the data source's (real, connected) connector with a wrapper that records each data
 * access call's `OperationOptions` (its last argument) and hands the call on unchanged.
 */
export async function recordConnectorCalls(ds: DataSource): Promise<ConnectorCall[]> {
  await ds.ready();
  const connector = ds.connector;
  if (!connector) throw new Error('the data source has no connector');
  const calls: ConnectorCall[] = [];
  ds.connector = new Proxy(connector, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      // Reads are prepared, then run: their runs are the calls (a partition's is a grouped find).
      if (key === 'prepareRead') {
        return (request: ReadRequest, prepareOptions?: unknown) =>
          recordedRuns(
            target.prepareRead(request, prepareOptions as never),
            request.partition ? 'findGrouped' : 'find',
            request.model.name,
            calls,
          );
      }
      if (key === 'prepareCount') {
        return (model: { name: string }, where: unknown) =>
          recordedRuns(target.prepareCount(model as never, where as never), 'count', model.name, calls);
      }
      if (typeof key !== 'string' || !DATA_ACCESS.has(key)) return value.bind(target);
      return (...args: unknown[]) => {
        calls.push({
          method: key,
          model: (args[0] as { name: string }).name,
          options: args[args.length - 1] as OperationOptions | undefined,
        });
        return value.apply(target, args);
      };
    },
  });
  return calls;
}
