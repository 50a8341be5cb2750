/**
 * A transaction of a SQL connector: one pooled connection held from BEGIN to COMMIT/ROLLBACK,
 * passed to connector calls as `options.transaction`. Dialects supply the connection type, the
 * BEGIN statement and how a connection goes back to its pool.
 */
import { DiscographError } from '../../juggler/errors.js';

/** Runs a transaction-control statement (observed like every other statement). */
export type TransactionControl = (statement: string) => Promise<unknown>;

function endedError(): DiscographError {
  return new DiscographError('INVALID_ARGUMENT', 'The transaction is already committed or rolled back', {
    statusCode: 400,
  });
}

/** A transaction handle; subclasses say how their driver's connection is released. */
export abstract class SqlTransaction<Client> {
  private finished = false;

  /** `control` runs BEGIN/COMMIT/ROLLBACK on `pooled`; `beginStatement` is the dialect's BEGIN. */
  constructor(
    private readonly pooled: Client,
    private readonly control: TransactionControl,
    private readonly beginStatement: string,
  ) {}

  /** Returns the connection to its pool, or discards it when its state is unknown (`error` set). */
  protected abstract releaseClient(client: Client, error?: unknown): void;

  /** The connection statements of this transaction run on. Throws once the transaction ended. */
  get client(): Client {
    if (this.finished) throw endedError();
    return this.pooled;
  }

  /** True until `commit` or `rollback` ran. */
  get active(): boolean {
    return !this.finished;
  }

  /** Sends the dialect's BEGIN (called by the connector). */
  async begin(): Promise<void> {
    try {
      await this.control(this.beginStatement);
    } catch (error) {
      this.release(error);
      throw error;
    }
  }

  /**
   * Sends a transaction-control statement inside the open transaction (`SAVEPOINT s`,
   * `ROLLBACK TO SAVEPOINT s`); a failure leaves the transaction open, for `rollback` to end.
   */
  async send(statement: string): Promise<void> {
    if (this.finished) throw endedError();
    await this.control(statement);
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
    this.releaseClient(this.pooled, error);
  }
}

/**
 * Opens a transaction: takes a pooled connection (connection errors mapped by `mapError`), wraps
 * it with `create`, whose statements run through `run` (observed, on that transaction), and sends BEGIN.
 */
export async function openTransaction<Client, X extends SqlTransaction<Client>>(
  acquire: () => Promise<Client>,
  mapError: (error: unknown) => Error,
  create: (client: Client, control: TransactionControl) => X,
  run: (statement: string, transaction: X) => Promise<unknown>,
): Promise<X> {
  let client: Client;
  try {
    client = await acquire();
  } catch (error) {
    throw mapError(error);
  }
  const transaction: X = create(client, (statement) => run(statement, transaction));
  await transaction.begin();
  return transaction;
}

/** Runs `work` in the transaction `begin` opens: committed when it resolves, rolled back when it throws. */
export async function runInTransaction<T, X extends { commit(): Promise<void>; rollback(): Promise<void> }>(
  begin: () => Promise<X>,
  work: (transaction: X) => Promise<T>,
): Promise<T> {
  const transaction = await begin();
  try {
    const result = await work(transaction);
    await transaction.commit();
    return result;
  } catch (error) {
    await transaction.rollback();
    throw error;
  }
}
