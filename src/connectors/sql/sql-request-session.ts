/**
 * A request's database session on a SQL connector (see juggler/connector/request-session.ts): one
 * transaction on one pooled connection, opened on the request's first statement with the
 * dialect's begin text (PostgreSQL: `BEGIN; SELECT set_config(...); SET LOCAL ROLE ...`, one round
 * trip), carrying every later statement of the request, ended by COMMIT or ROLLBACK when the
 * request is done.
 *
 * Statements run one after another, in the order they were asked for (a connection runs one at a
 * time anyway), so that a statement that fails can be undone before the next one runs: a failed
 * statement aborts the whole transaction, and the request's other fields must not fail with it.
 * - While the request has written nothing, a failed statement is undone by `ROLLBACK` and the begin
 *   text again, in one round trip: nothing is lost, the caller's settings are back, and no
 *   statement is added to the common, read-only request.
 * - A write, and every statement after the request's first write, runs behind a savepoint of its
 *   own (`SAVEPOINT discograph_statement`, replaced by the next one), so a failed one is undone by
 *   `ROLLBACK TO SAVEPOINT discograph_statement` and the request's earlier writes are kept, as
 *   GraphQL wants of mutation fields (each succeeds or fails by itself).
 * A savepoint that cannot be sent or rolled back to (a lost connection) breaks the session: its
 * later statements fail with that error, and its end rolls back (or discards the connection) —
 * and when a commit was asked for, says so (`RolledBackError`), so that no answer reports a write
 * that was not committed.
 *
 * An atomic session (`mutation @atomic`) sends no savepoint: the first statement that fails marks
 * the request failed (`RequestSession.markFailed`), its later statements are refused, and its end
 * rolls everything back.
 */
import type { ConnectorSession, RequestSession } from '../../juggler/connector/request-session.js';
import { RolledBackError } from '../../juggler/errors.js';
import type { SqlTransaction } from './sql-transaction.js';

const STATEMENT_SAVEPOINT = 'discograph_statement';
const FIRST_STATEMENT_SAVEPOINT = `SAVEPOINT ${STATEMENT_SAVEPOINT}`;
const NEXT_STATEMENT_SAVEPOINT = `RELEASE SAVEPOINT ${STATEMENT_SAVEPOINT}; SAVEPOINT ${STATEMENT_SAVEPOINT}`;

const ignore = (): void => {};

/** Opens the session's transaction: a pooled connection with `beginText` sent. */
export type OpenSessionTransaction = (beginText: string) => Promise<SqlTransaction<unknown>>;

/** One request's transaction on a SQL connector (see the file comment). */
export class SqlRequestSession implements ConnectorSession {
  private transaction: SqlTransaction<unknown> | undefined;
  /** The previous statement (settled either way): the next one starts after it. */
  private tail: Promise<void> = Promise.resolve();
  /** Set when the session cannot run statements any more (its begin or a savepoint failed). */
  private failure: { error: unknown } | undefined;
  /** Whether a write succeeded since the begin: statements then run behind a savepoint. */
  private wrote = false;
  /** Whether the statement savepoint exists (the next one releases it first). */
  private statementSavepoint = false;

  /**
   * `beginText` opens the transaction with the caller's settings (several statements, one round
   * trip); `open` takes a pooled connection and sends it.
   */
  constructor(
    private readonly beginText: string,
    private readonly open: OpenSessionTransaction,
    /** The request, when it is atomic (`RequestSession.atomic`): told of the first failure. */
    private readonly atomic?: RequestSession,
  ) {}

  /** Runs `work` (one statement) on the session's transaction after the statements before it. */
  run<T>(work: (transaction: SqlTransaction<unknown>) => Promise<T>, write: boolean): Promise<T> {
    const step = this.tail.then(() => this.step(work, write));
    this.tail = step.then(ignore, ignore);
    return step;
  }

  /** Ends the session after its statements: COMMIT (when `commit` and nothing broke it) or ROLLBACK. */
  end(commit: boolean): Promise<void> {
    const ended = this.tail.then(() => this.finish(commit));
    this.tail = ended.then(ignore, ignore);
    return ended;
  }

  private async step<T>(
    work: (transaction: SqlTransaction<unknown>) => Promise<T>,
    write: boolean,
  ): Promise<T> {
    if (this.failure) throw this.failure.error;
    const transaction = this.transaction ?? (await this.begin());
    if (this.atomic) return this.stepAtomic(transaction, work, this.atomic);
    const guarded = write || this.wrote;
    if (guarded) {
      await this.control(
        transaction,
        this.statementSavepoint ? NEXT_STATEMENT_SAVEPOINT : FIRST_STATEMENT_SAVEPOINT,
      );
      this.statementSavepoint = true;
    }
    try {
      const result = await work(transaction);
      if (write) this.wrote = true;
      return result;
    } catch (error) {
      await this.undo(transaction, guarded);
      throw error;
    }
  }

  /** A statement of an atomic session: no savepoint; a failure ends what the session may run. */
  private async stepAtomic<T>(
    transaction: SqlTransaction<unknown>,
    work: (transaction: SqlTransaction<unknown>) => Promise<T>,
    request: RequestSession,
  ): Promise<T> {
    try {
      return await work(transaction);
    } catch (error) {
      request.markFailed();
      this.failure = {
        error: new RolledBackError(
          'Not run: an earlier statement of this atomic mutation failed, so it wrote nothing',
          { ran: false },
          error,
        ),
      };
      throw error;
    }
  }

  private async begin(): Promise<SqlTransaction<unknown>> {
    try {
      // A begin that fails has released its connection already (SqlTransaction.begin).
      this.transaction = await this.open(this.beginText);
      return this.transaction;
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  /** Undoes the failed statement: back to its savepoint, or (nothing written yet) a new transaction. */
  private async undo(transaction: SqlTransaction<unknown>, guarded: boolean): Promise<void> {
    try {
      await transaction.send(
        guarded ? `ROLLBACK TO SAVEPOINT ${STATEMENT_SAVEPOINT}` : `ROLLBACK; ${this.beginText}`,
      );
      if (!guarded) this.statementSavepoint = false;
    } catch (error) {
      this.failure = { error };
    }
  }

  private async control(transaction: SqlTransaction<unknown>, statement: string): Promise<void> {
    try {
      await transaction.send(statement);
    } catch (error) {
      this.failure = { error };
      throw error;
    }
  }

  private async finish(commit: boolean): Promise<void> {
    const transaction = this.transaction;
    if (!transaction) return;
    if (commit && !this.failure) {
      await transaction.commit();
      return;
    }
    // A broken session's statements already reported its error; ROLLBACK (or discarding the
    // connection, when even that fails) is all that is left to do — but a commit that was asked
    // for and did not happen is not kept quiet: the request's earlier writes are gone.
    await transaction.rollback().catch(ignore);
    if (commit) {
      throw new RolledBackError(
        "Rolled back: the request's transaction broke before it could be committed",
        {},
        this.failure?.error,
      );
    }
  }
}
