/**
 * A PostgreSQL transaction: one pooled connection held from BEGIN to COMMIT/ROLLBACK.
 * Passed to connector calls as `options.transaction`.
 */
import type pg from 'pg';
import { SqlTransaction, type TransactionControl } from '../sql/sql-transaction.js';

/** A transaction handle of the PostgreSQL connector. */
export class PostgresTransaction extends SqlTransaction<pg.PoolClient> {
  /** Created by `PostgresConnector.beginTransaction()`. */
  constructor(client: pg.PoolClient, control: TransactionControl, beginStatement = 'BEGIN') {
    super(client, control, beginStatement);
  }

  protected releaseClient(client: pg.PoolClient, error?: unknown): void {
    // pg destroys a client released with an error instead of pooling it.
    client.release(error instanceof Error ? error : error === undefined ? undefined : true);
  }
}
