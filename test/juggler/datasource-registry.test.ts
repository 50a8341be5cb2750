import { describe, expect, it } from 'vitest';
import { MemoryConnector } from '../../src/connectors/memory/index.js';
import {
  canonicalConnectorName,
  createConnector,
  getConnectorFactory,
  registerConnector,
} from '../../src/connectors/registry.js';
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
});
