/**
 * The data source of one suite: created fresh by the harness before the suite's tests, with its
 * fixture models defined from LoopBack model definitions and their tables created by
 * `automigrate`; the statements each test sends are recorded; the database is dropped after.
 *
 * @example
 * const db = useDataSource(harness, 'suite_reads', [PERSON], async ({ Person }) => {
 *   await Person.create([{ name: 'Ada' }, { name: 'Grace' }]);
 * });
 * it('counts', async () => expect(await db.model('Person').count()).toBe(2));
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ModelClass } from '../../../src/juggler/dao/model-class.js';
import type { DataSource } from '../../../src/juggler/datasource.js';
import type { ModelDefinition } from '../../../src/juggler/model-definition.js';
import type { ConnectorHarness } from './connector-harness.js';

/** A statement (or, on memory, an operation) the connector reported. */
export type StatementEvent = Parameters<
  Parameters<NonNullable<DataSource['connector']>['observeStatements']>[0]
>[0];

/** Model classes by model name. */
export type Models = Record<string, ModelClass>;

/** The data source of a suite and what its tests read from it. */
export interface SuiteDataSource {
  readonly dataSource: DataSource;
  /** Statements sent since the current test began (cleared in place before each test). */
  readonly statements: StatementEvent[];
  /** A model class of the fixture by name. */
  model(name: string): ModelClass;
}

/** Defines the models on a data source and creates their tables with `automigrate`; resolves to the classes. */
export async function defineModels(
  dataSource: DataSource,
  definitions: readonly ModelDefinition[],
): Promise<Models> {
  const models: Models = {};
  for (const definition of definitions) {
    models[definition.name] = dataSource.createModel(
      definition.name,
      definition.properties,
      definition.options ?? {},
    );
  }
  if (definitions.length > 0) await dataSource.automigrate(definitions.map((definition) => definition.name));
  return models;
}

/**
 * Opens a fresh data source in `beforeAll` (with `settings`), defines and migrates `definitions`,
 * runs `seed`, records the statements of each test, and disconnects and drops the database in
 * `afterAll`.
 */
export function useDataSource(
  harness: ConnectorHarness,
  testName: string,
  definitions: readonly ModelDefinition[],
  seed: (models: Models, dataSource: DataSource) => Promise<void> = async () => {},
  settings: Record<string, unknown> = {},
): SuiteDataSource {
  let dataSource: DataSource | undefined;
  let models: Models = {};
  const statements: StatementEvent[] = [];
  beforeAll(async () => {
    dataSource = await harness.createDataSource(testName, settings);
    models = await defineModels(dataSource, definitions);
    await seed(models, dataSource);
    dataSource.connector?.observeStatements((event) => statements.push(event));
  });
  beforeEach(() => {
    statements.length = 0;
  });
  afterAll(async () => {
    await dataSource?.disconnect();
    await harness.dropDatabase(testName);
  });
  return {
    get dataSource(): DataSource {
      if (!dataSource) throw new Error('the data source opens in beforeAll');
      return dataSource;
    },
    statements,
    model(name: string): ModelClass {
      const Model = models[name] ?? dataSource?.models[name];
      if (!Model) throw new Error(`no model ${name} in this suite's fixture`);
      return Model;
    },
  };
}

/** `{[connector name]: block}`: a table or column block of this harness's connector for a definition. */
export function onConnector(
  harness: ConnectorHarness,
  block: Record<string, unknown>,
): Record<string, unknown> {
  return { [harness.name]: block };
}
