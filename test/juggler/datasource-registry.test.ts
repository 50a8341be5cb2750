import { describe, expect, it } from 'vitest';
import { registerBuiltInConnectors } from '../../src/connectors/index.js';
import { MemoryConnector, connectorFactory as memoryFactory } from '../../src/connectors/memory/index.js';
import { connectorFactory as mysqlFactory } from '../../src/connectors/mysql/index.js';
import { connectorFactory as postgresFactory } from '../../src/connectors/postgresql/index.js';
import {
  canonicalConnectorName,
  createConnector,
  getConnectorFactory,
  getLoadedConnectorFactory,
  knownConnectorNames,
  registerConnector,
} from '../../src/juggler/connector/connector-registry.js';
import { DiscographError } from '../../src/juggler/errors.js';

describe('the connector registry', () => {
  it('creates the built-in memory connector by name', async () => {
    const connector = await createConnector('memory');
    expect(connector).toBeInstanceOf(MemoryConnector);
    expect(connector.name).toBe('memory');
  });

  it('maps aliases to canonical connector names', () => {
    expect(canonicalConnectorName('pg')).toBe('postgresql');
    expect(canonicalConnectorName('Postgres')).toBe('postgresql');
    expect(canonicalConnectorName('mariadb')).toBe('mysql');
  });

  it('passes a connector object through unchanged', async () => {
    const connector = new MemoryConnector();
    expect(await createConnector(connector)).toBe(connector);
  });

  it('rejects an unknown name with the known names and a suggestion', async () => {
    const error = await getConnectorFactory('memroy').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscographError);
    expect((error as DiscographError).code).toBe('INVALID_CONFIGURATION');
    expect((error as DiscographError).message).toContain('did you mean `memory`?');
    expect((error as DiscographError).message).toContain('postgresql');
  });

  it('loads lazily registered connector modules on first use', async () => {
    let loads = 0;
    registerConnector('lazy-test', async () => {
      loads++;
      return { connectorFactory: { name: 'lazy-test', create: () => new MemoryConnector() } };
    });
    await createConnector('lazy-test');
    await createConnector('lazy-test');
    expect(loads).toBe(1);
  });

  it('reports a module without connectorFactory as a configuration error', async () => {
    registerConnector('broken-test', async () => ({}));
    await expect(getConnectorFactory('broken-test')).rejects.toMatchObject({ code: 'INVALID_CONFIGURATION' });
  });

  it('reports a connector module that cannot be imported as a configuration error naming the connector', async () => {
    registerConnector('absent-test', () => import(['.', 'absent-connector.js'].join('/')));
    const error = await getConnectorFactory('absent-test').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIGURATION',
      message: 'The absent-test connector could not be loaded; is its module present in this build?',
    });
  });
});

describe('the built-in connectors, registered at the edge', () => {
  it('are known by their names and LoopBack’s aliases', async () => {
    expect(knownConnectorNames()).toEqual(
      expect.arrayContaining([
        'memory',
        'postgresql',
        'postgres',
        'pg',
        'loopback-connector-postgresql',
        'mysql',
        'mariadb',
        'loopback-connector-mysql',
      ]),
    );
    expect(await getConnectorFactory('loopback-connector-postgresql')).toBe(postgresFactory);
    expect(await getConnectorFactory('loopback-connector-mysql')).toBe(mysqlFactory);
  });

  it('are registered once: a later call keeps a connector registered in between', () => {
    const custom = { name: 'memory', create: () => new MemoryConnector() };
    registerConnector('memory', custom);
    registerBuiltInConnectors();
    expect(getLoadedConnectorFactory('memory')).toBe(custom);
    registerConnector('memory', memoryFactory);
  });
});
