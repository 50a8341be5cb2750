/**
 * A request's database session: who the database should see running the request's statements
 * (the caller's claims and role), and the sessions connectors open for it. The server puts one in
 * the request's options (`options.request.databaseSession`, which every juggler call of the
 * request hands the connector as `OperationOptions.options`); a connector that can run a request
 * as its caller (PostgreSQL: one transaction on one pooled connection, with the claims as settings
 * and `SET LOCAL ROLE`) opens its session on the request's first statement and runs the request's
 * later statements on it; one that cannot (MySQL/MariaDB: no row-level security) runs them as
 * before. Whoever made the `RequestSession` ends it once the request is done, which commits (or
 * rolls back) and returns every connection it holds to its pool; a statement that comes later is
 * refused (`RequestSessionEndedError`), never run with the pool's own rights.
 *
 * A mutation field runs as one unit of its session (`runField`): a connector session undoes all of
 * the field's statements when one of them fails (SQL: one savepoint per field, not per statement),
 * so a field that sends two writes never keeps the first when the second fails.
 *
 * An atomic session (`atomic`, an operation marked `mutation @atomic`) is all or nothing: every
 * SQL connector runs the request's statements in one transaction (MySQL/MariaDB too, and without a
 * caller), no statement is undone by itself, and after the first failure (`markFailed`) nothing
 * more runs and the session ends with a rollback.
 *
 * @example
 * const session = new RequestSession({ claims: { sub: '42', role: 'customer' }, role: 'customer' });
 * await Invoice.find({}, { request: { databaseSession: session } }); // BEGIN; set_config(...); SET LOCAL ROLE "customer"; SELECT ...
 * await session.end(true); // COMMIT, connection back to the pool
 */

import { DiscographError, RolledBackError } from '../errors.js';
import type { OperationOptions } from './connector.js';

/** The identity a request's statements run with, as the database is to see it. */
export interface SessionIdentity {
  /** The caller's verified claims (PostgreSQL: `request.jwt.claims` and one `request.jwt.claim.<name>` each). */
  readonly claims: Readonly<Record<string, unknown>>;
  /** The database role to run as (PostgreSQL: `SET LOCAL ROLE`), already checked; undefined keeps the pool's. */
  readonly role: string | undefined;
}

/** What a connector opened for one request: ended with a commit or a rollback. */
export interface ConnectorSession {
  /** Waits for the statements under way, then commits (`commit`) or rolls back, and releases the connection. */
  end(commit: boolean): Promise<void>;
}

/** A statement of a request whose session already ended (the request was answered). */
export class RequestSessionEndedError extends DiscographError {
  constructor() {
    super('INVALID_ARGUMENT', 'The request is over: its database session has ended', { statusCode: 400 });
  }
}

/**
 * One mutation field of a request (`RequestSession.runField`): the connector session undoes its
 * statements together, and records here the error that made it do so.
 */
export class SessionField {
  /** The statement error that undid the field's statements, once one failed. */
  failure: { error: unknown } | undefined;

  /** Records the first failure; the field's later statements are refused (`assertNotFailed`). */
  fail(error: unknown): void {
    this.failure ??= { error };
  }

  /** Throws `RolledBackError` (not run) once a statement of the field failed and undid the others. */
  assertNotFailed(): void {
    if (this.failure === undefined) return;
    throw new RolledBackError(
      'Not run: an earlier statement of this mutation field failed, so the field wrote nothing',
      { ran: false },
      this.failure.error,
    );
  }
}

/** No session on this connector: the request's statements run on the pool as usual. */
const NONE = null;

/** One request's database session: its identity and the connector sessions opened for it. */
export class RequestSession {
  private readonly sessions = new Map<object, ConnectorSession | null>();
  private ended = false;

  /**
   * Whether the request only reads (a GraphQL query): a connector that can run a single statement
   * as the caller without a transaction (PostgreSQL: the caller's settings sent ahead of the
   * statement in its round trip) then does so for each statement and holds no connection for the
   * request. Set by whoever runs the operation, before its first statement.
   */
  readOnly = false;

  /**
   * Whether the request is all or nothing (`mutation @atomic`): its statements run in one
   * transaction on every connector that has sessions, and the first failure ends it with a
   * rollback. Set by whoever runs the operation, before its first statement.
   */
  atomic = false;

  /** The mutation field whose statements are being sent (`runField`), if one is. */
  private field: SessionField | undefined;

  /** The first failure of an atomic request: the field that failed, when a field did. */
  private failure: { field: string | undefined } | undefined;

  /**
   * `identity` is who the statements run as; undefined runs them with the pool's own rights (an
   * atomic request of a gateway without authentication).
   */
  constructor(readonly identity: SessionIdentity | undefined) {}

  /** Throws `RequestSessionEndedError` once the request's session has ended. */
  assertOpen(): void {
    if (this.ended) throw new RequestSessionEndedError();
  }

  /**
   * Records that an atomic request failed (a field threw, or a statement did), naming the field
   * when it is known; the first record wins. Nothing more of the request is to run.
   */
  markFailed(field?: string): void {
    if (this.failure === undefined) this.failure = { field };
    else this.failure.field ??= field;
  }

  /** Whether `markFailed` was called. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The field whose failure `markFailed` recorded, if known. */
  get failedField(): string | undefined {
    return this.failure?.field;
  }

  /**
   * Throws `RolledBackError` (not run) once an atomic request has failed: what the next field
   * would have written is not attempted.
   */
  assertNotFailed(): void {
    if (this.failure === undefined) return;
    const failed = this.failure.field;
    throw new RolledBackError(
      `Not run: ${failed === undefined ? 'an earlier field' : `the field \`${failed}\``} of this atomic mutation failed, so it wrote nothing`,
      { ...(failed === undefined ? {} : { failedField: failed }), ran: false },
    );
  }

  /** The mutation field running now (`runField`): statements sent meanwhile are its statements. */
  get currentField(): SessionField | undefined {
    return this.field;
  }

  /**
   * Runs `work`, the DAO calls of one mutation field (mutation fields run one after another), as
   * one unit: a connector session undoes all of the statements it sends when one of them fails,
   * and refuses the ones after. The field then fails, with `RolledBackError` if `work` itself
   * caught the statement's error: it cannot report success for writes that were undone.
   */
  async runField<T>(work: () => Promise<T>): Promise<T> {
    const field = new SessionField();
    this.field = field;
    try {
      const result = await work();
      if (field.failure !== undefined) {
        throw new RolledBackError(
          'Rolled back: a statement of this mutation field failed, so the field wrote nothing',
          { ran: true },
          field.failure.error,
        );
      }
      return result;
    } finally {
      if (this.field === field) this.field = undefined;
    }
  }

  /**
   * The session `owner` (a connector) runs this request's statements on, opened by `open` on the
   * first call (null from `open`: this connector runs them on its pool). Throws
   * `RequestSessionEndedError` once the request's session has ended.
   */
  connectorSession<S extends ConnectorSession>(owner: object, open: () => S | null): S | null {
    if (this.ended) throw new RequestSessionEndedError();
    let session = this.sessions.get(owner) as S | null | undefined;
    if (session === undefined) {
      session = open() ?? NONE;
      this.sessions.set(owner, session);
    }
    return session;
  }

  /** Whether a connector opened a session for this request (a statement ran on it). */
  get opened(): boolean {
    for (const session of this.sessions.values()) if (session) return true;
    return false;
  }

  /** Ends every connector session (commit when `commit`, else roll back); later statements are refused. */
  async end(commit: boolean): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const open = [...this.sessions.values()].filter((session): session is ConnectorSession => !!session);
    if (open.length === 0) return;
    const results = await Promise.allSettled(open.map((session) => session.end(commit)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** The request session a connector call carries (`options.request.databaseSession`), if any. */
export function requestSessionOf(options: OperationOptions | undefined): RequestSession | undefined {
  const request = options?.options?.request as { databaseSession?: unknown } | undefined;
  const session = request?.databaseSession;
  return session instanceof RequestSession ? session : undefined;
}
