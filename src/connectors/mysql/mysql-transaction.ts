/**
 * A MySQL transaction: one pooled connection held from `begin` to `commit`/`rollback`.
 * Passed to connector calls as `options.transaction`.
 */
import type { PoolConnection } from 'mysql2/promise';
import { DiscographError } from '../../juggler/errors.js';

/** A transaction handle of the MySQL connector. */
export class MysqlTransaction {
  private finished = false;

  /** Created by `MysqlConnector.beginTransaction()`; `control` runs START TRANSACTION/COMMIT/ROLLBACK observed. */
  constructor(
    private readonly pooled: PoolConnection,
    private readonly control: (statement: 'START TRANSACTION' | 'COMMIT' | 'ROLLBACK') => Promise<unknown>,
  ) {}

  /** The connection statements of this transaction run on. Throws once the transaction ended. */
  get client(): PoolConnection {
    if (this.finished) {
      throw new DiscographError('INVALID_ARGUMENT', 'The transaction is already committed or rolled back', {
        statusCode: 400,
      });
    }
    return this.pooled;
  }

  /** True until `commit` or `rollback` ran. */
  get active(): boolean {
    return !this.finished;
  }

  /** Sends START TRANSACTION (called by the connector). */
  async begin(): Promise<void> {
    try {
      await this.control('START TRANSACTION');
    } catch (error) {
      this.release(error);
      throw error;
    }
  }

  /** Commits and returns the connection to the pool. */
  async commit(): Promise<void> {
    await this.finish('COMMIT');
  }

  /** Rolls back and returns the connection to the pool. */
  async rollback(): Promise<void> {
    await this.finish('ROLLBACK');
  }

  private async finish(statement: 'COMMIT' | 'ROLLBACK'): Promise<void> {
    if (this.finished) return;
    try {
      await this.control(statement);
      this.release();
    } catch (error) {
      // A connection that failed to end its transaction is not reused.
      this.release(error);
      throw error;
    }
  }

  private release(error?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    // A connection whose transaction state is unknown is closed, not returned to the pool.
    if (error === undefined) this.pooled.release();
    else this.pooled.destroy();
  }
}
