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
 * - A write, and every statement after the request's first write, runs behind a savepoint
 *   (`SAVEPOINT discograph_statement`, replaced by the next one), so a failed one is undone by
 *   `ROLLBACK TO SAVEPOINT discograph_statement` and the request's earlier writes are kept, as
 *   GraphQL wants of mutation fields (each succeeds or fails by itself). The savepoint is one per
 *   mutation field (`RequestSession.runField`), taken before the field's first such statement:
 *   a field that sends several statements (a write and a hook's write) is undone as a whole when
 *   any of them fails, and its later statements are refused. A statement outside any field (a
 *   read of a field's selection after its write) gets a savepoint of its own.
 * A savepoint that cannot be sent or rolled back to (a lost connection) breaks the session: its
 * later statements fail with that error, and its end rolls back (or discards the connection) —
 * and when a commit was asked for, says so (`RolledBackError`), so that no answer reports a write
 * that was not committed.
 *
 * An atomic session (`mutation @atomic`) sends no savepoint: the first statement that fails marks
 * the request failed (`RequestSession.markFailed`), its later statements are refused, and its end
 * rolls everything back.
 */
import type {
  ConnectorSession,
  RequestSession,
  SessionField,
} from '../../juggler/connector/request-session.js';
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
  /** The mutation field the savepoint was taken for (undefined: for one statement). */
  private savepointField: SessionField | undefined;
  /** The request, when it is atomic (`RequestSession.atomic`): told of the first failure. */
  private readonly atomic: RequestSession | undefined;

  /**
   * `beginText` opens the transaction with the caller's settings (several statements, one round
   * trip); `open` takes a pooled connection and sends it; `request` is the request the session
   * serves (its mutation fields, and whether it is atomic).
   */
  constructor(
    private readonly beginText: string,
    private readonly open: OpenSessionTransaction,
    private readonly request: RequestSession,
  ) {
    this.atomic = request.atomic ? request : undefined;
  }

  /** Runs `work` (one statement) on the session's transaction after the statements before it. */
  run<T>(work: (transaction: SqlTransaction<unknown>) => Promise<T>, write: boolean): Promise<T> {
    // The field sending it now, not the one running when its turn comes.
    const field = this.request.currentField;
    const step = this.tail.then(() => this.step(work, write, field));
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
    field: SessionField | undefined,
  ): Promise<T> {
    if (this.failure) throw this.failure.error;
    field?.assertNotFailed();
    const transaction = this.transaction ?? (await this.begin());
    if (this.atomic) return this.stepAtomic(transaction, work, this.atomic);
    // Behind the field's savepoint already: its earlier statement took it.
    const covered = field !== undefined && field === this.savepointField;
    const guarded = covered || write || this.wrote;
    if (guarded && !covered) {
      await this.control(
        transaction,
        this.statementSavepoint ? NEXT_STATEMENT_SAVEPOINT : FIRST_STATEMENT_SAVEPOINT,
      );
      this.statementSavepoint = true;
      this.savepointField = field;
    }
    try {
      const result = await work(transaction);
      if (write) this.wrote = true;
      return result;
    } catch (error) {
      await this.undo(transaction, guarded);
      // Back to the field's savepoint: its earlier statements are undone too.
      if (guarded) field?.fail(error);
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
      if (!guarded) {
        this.statementSavepoint = false;
        this.savepointField = undefined;
      }
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
