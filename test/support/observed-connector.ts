/**
 * A connector opened once for a describe block, with the statements it sent during the current
 * test: what the connector tests that count statements share.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';

interface ObservableConnector {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  observeStatements(listener: (event: StatementEvent) => void): () => void;
}

/** The connector (opened in `beforeAll`) and the statements of the running test (cleared in place before each). */
export interface ObservedConnector<C> {
  readonly connector: C;
  readonly statements: StatementEvent[];
}

/** Opens `open()` before the block's tests, records its statements per test, disconnects after. */
export function observedConnector<C extends ObservableConnector>(open: () => C): ObservedConnector<C> {
  let connector: C | undefined;
  const statements: StatementEvent[] = [];
  beforeAll(async () => {
    connector = open();
    await connector.connect();
    connector.observeStatements((event) => statements.push(event));
  });
  beforeEach(() => {
    statements.length = 0;
  });
  afterAll(async () => {
    await connector?.disconnect();
  });
  return {
    get connector(): C {
      if (!connector) throw new Error('the connector opens in beforeAll');
      return connector;
    },
    statements,
  };
}
