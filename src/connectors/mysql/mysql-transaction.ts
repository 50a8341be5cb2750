/**
 * A MySQL transaction: one pooled connection held from START TRANSACTION to COMMIT/ROLLBACK.
 * Passed to connector calls as `options.transaction`.
 */
import type { PoolConnection } from 'mysql2/promise';
import { SqlTransaction, type TransactionControl } from '../sql/sql-transaction.js';

/** A transaction handle of the MySQL connector. */
export class MysqlTransaction extends SqlTransaction<PoolConnection> {
  /** Created by `MysqlConnector.beginTransaction()`. */
  constructor(connection: PoolConnection, control: TransactionControl) {
    super(connection, control, 'START TRANSACTION');
  }

  protected releaseClient(connection: PoolConnection, error?: unknown): void {
    // A connection whose transaction state is unknown is closed, not returned to the pool.
    if (error === undefined) connection.release();
    else connection.destroy();
  }
}
