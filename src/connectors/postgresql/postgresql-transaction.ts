/**
 * A PostgreSQL transaction: one pooled connection held from `begin` to `commit`/`rollback`.
 * Passed to connector calls as `options.transaction`.
 */
import type pg from 'pg';
import { DiscographError } from '../../juggler/errors.js';

/** A transaction handle of the PostgreSQL connector. */
export class PostgresTransaction {
  private finished = false;

  /** Created by `PostgresConnector.beginTransaction()`; `control` runs BEGIN/COMMIT/ROLLBACK observed. */
  constructor(
    private readonly pooled: pg.PoolClient,
    private readonly control: (statement: 'BEGIN' | 'COMMIT' | 'ROLLBACK') => Promise<unknown>,
  ) {}

  /** The connection statements of this transaction run on. Throws once the transaction ended. */
  get client(): pg.PoolClient {
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

  /** Sends BEGIN (called by the connector). */
  async begin(): Promise<void> {
    try {
      await this.control('BEGIN');
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
    this.pooled.release(error instanceof Error ? error : undefined);
  }
}
