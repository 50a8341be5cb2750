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
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import {
  createMysqlDatabase,
  createPgDatabase,
  dropMysqlDatabase,
  dropPgDatabase,
} from '../support/databases.js';

/** A data source of one kind, in a database of its own per test file. */
export interface HookSource {
  readonly name: 'memory' | 'PostgreSQL' | 'MariaDB';
  /** Creates the database `<base>_<pg|my>` (none for memory) and a data source on it. */
  open(base: string): Promise<DataSource>;
  drop(base: string): Promise<void>;
}

/** Memory, PostgreSQL and MariaDB. */
export const HOOK_SOURCES: readonly HookSource[] = [
  { name: 'memory', open: async () => new DataSource('memory'), drop: async () => {} },
  {
    name: 'PostgreSQL',
    open: async (base) => new DataSource('postgresql', { url: await createPgDatabase(`${base}_pg`) }),
    drop: (base) => dropPgDatabase(`${base}_pg`),
  },
  {
    name: 'MariaDB',
    open: async (base) => new DataSource('mysql', { url: await createMysqlDatabase(`${base}_my`) }),
    drop: (base) => dropMysqlDatabase(`${base}_my`),
  },
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

const DATA_ACCESS = new Set([
  'create',
  'upsert',
  'find',
  'findJoined',
  'findGrouped',
  'findGroupedJoined',
  'count',
  'updateAll',
  'destroyAll',
]);

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
