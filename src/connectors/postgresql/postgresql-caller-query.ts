/**
 * A statement run as a request's caller in one round trip, without a transaction of its own: the
 * caller's settings (the claims as `request.jwt.claims` and `request.jwt.claim.<name>`, the role as
 * `role`) are set by a prepared statement written on the wire just ahead of the statement, both
 * before one Sync. PostgreSQL runs the messages before a Sync as one implicit transaction, so
 * `set_config(…, true)` lasts exactly as long as the statement: the connection is back to the
 * pool's own settings and role when the answer arrives, with no BEGIN and no COMMIT.
 *
 * Used for the statements of read-only requests (a GraphQL query), which need no transaction
 * across their statements; a mutation's statements keep one transaction (sql-request-session.ts).
 *
 * On the wire, per statement: `Bind discograph_caller`, `Execute`, then the statement's own
 * `Parse` (first use on the connection), `Bind`, `Describe`, `Execute`, and `Sync`. The settings
 * statement is one fixed text for every caller (`set_config` over two parallel arrays), parsed once
 * per connection, and its Bind values are written once per identity.
 *
 * @example
 * // for { claims: { sub: '42' }, role: 'customer' }, ahead of the statement, in the same round trip:
 * // SELECT set_config(s.name, s.value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)
 * //   $1 = {"request.jwt.claims","request.jwt.claim.sub","role"}
 * //   $2 = {"{\"sub\":\"42\"}","42","customer"}
 */
import pg from 'pg';
import type { SessionIdentity } from '../../juggler/connector/request-session.js';
import { callerSettings } from './postgresql-session-begin.js';

/** The name the settings statement is prepared under on each connection. */
export const CALLER_SETTINGS_STATEMENT = 'discograph_caller';

/** Sets each named setting for the current (implicit) transaction. */
export const CALLER_SETTINGS_TEXT =
  'SELECT set_config(s.name, s.value, true) FROM unnest($1::text[], $2::text[]) AS s(name, value)';

/** pg's connection, as far as this file writes to it (not in pg's type definitions). */
interface WireConnection {
  parsedStatements: Record<string, string | undefined>;
  submittedNamedStatements: Record<string, string | undefined>;
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name: string; types: readonly number[] }): void;
  bind(message: { statement: string; values: readonly string[] }): void;
  execute(message: Record<string, never>): void;
}

/** The part of pg's Query this class builds on (its message handlers are not in the type definitions). */
interface QueryInternals {
  submit(connection: unknown): Error | null;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: unknown): void;
  handleError(error: unknown, connection: unknown): void;
}

const QueryBase = pg.Query as unknown as new (config: pg.QueryConfig) => QueryInternals;

const bindValues = new WeakMap<SessionIdentity, readonly string[]>();

/** The settings statement's two parameters for `identity`, as PostgreSQL array literals (written once). */
function settingsValues(identity: SessionIdentity): readonly string[] {
  let values = bindValues.get(identity);
  if (values === undefined) {
    const settings = callerSettings(identity);
    values = [arrayLiteral(settings.map(([name]) => name)), arrayLiteral(settings.map(([, value]) => value))];
    bindValues.set(identity, values);
  }
  return values;
}

/** A text[] literal: every element quoted, `"` and `\` escaped. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * One statement with its caller's settings ahead of it (see the file comment): a pg Submittable,
 * given to `pool.query` like a query config.
 */
export class CallerQuery extends QueryBase {
  /** While true, the answers arriving are the settings statement's: swallowed, not the result's. */
  private settingsAnswering = false;
  private readonly statementName: { value: string | undefined };
  private readonly statementText: string;

  constructor(
    private readonly identity: SessionIdentity,
    config: pg.QueryConfig,
  ) {
    // Extended protocol always, also for a statement without parameters: a simple Query message
    // would end the implicit transaction the settings were made for.
    super({ ...config, queryMode: 'extended' } as pg.QueryConfig);
    this.statementName = { value: config.name };
    this.statementText = config.text;
  }

  /**
   * The name pg reads when a ParseComplete arrives: the settings statement's while its answers
   * arrive, so that pg records the right statement as parsed.
   */
  get name(): string | undefined {
    return this.settingsAnswering ? CALLER_SETTINGS_STATEMENT : this.statementName?.value;
  }

  set name(value: string | undefined) {
    // pg's Query constructor assigns the name before this class's fields exist.
    if (this.statementName) this.statementName.value = value;
  }

  /** The text pg records with the name (see `name`). */
  get text(): string {
    return this.settingsAnswering ? CALLER_SETTINGS_TEXT : this.statementText;
  }

  set text(_value: string) {
    // Set by pg's Query constructor; `statementText` keeps it.
  }

  override submit(connection: unknown): Error | null {
    const wire = connection as WireConnection;
    wire.stream.cork?.();
    try {
      if (
        wire.parsedStatements[CALLER_SETTINGS_STATEMENT] === undefined &&
        wire.submittedNamedStatements[CALLER_SETTINGS_STATEMENT] === undefined
      ) {
        wire.parse({ text: CALLER_SETTINGS_TEXT, name: CALLER_SETTINGS_STATEMENT, types: [] });
        wire.submittedNamedStatements[CALLER_SETTINGS_STATEMENT] = CALLER_SETTINGS_TEXT;
      }
      wire.bind({ statement: CALLER_SETTINGS_STATEMENT, values: settingsValues(this.identity) });
      wire.execute({});
      const error = super.submit(connection);
      this.settingsAnswering = error === null;
      return error;
    } finally {
      wire.stream.uncork?.();
    }
  }

  override handleDataRow(message: unknown): void {
    if (!this.settingsAnswering) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: unknown): void {
    if (this.settingsAnswering) {
      this.settingsAnswering = false;
      return;
    }
    super.handleCommandComplete(message, connection);
  }

  override handleError(error: unknown, connection: unknown): void {
    if (this.settingsAnswering) {
      // The settings failed (a role the pool may not take, say): the server skipped the
      // statement's own Parse, so pg must not count it as submitted.
      this.settingsAnswering = false;
      const statement = this.statementName.value;
      if (statement !== undefined) delete (connection as WireConnection).submittedNamedStatements[statement];
    }
    super.handleError(error, connection);
  }
}
