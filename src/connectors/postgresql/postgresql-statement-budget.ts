/**
 * A budget of named prepared statements per PostgreSQL connection. Each named statement holds its
 * parse tree and plans in the backend's memory for the session's life, so a client that makes ever
 * new statement texts (an `or` list of every length) would otherwise grow every pooled backend
 * without bound: 150 such texts held 2.7 GB over 10 connections.
 *
 * The pool's connections are `pg.Client`s of a class made here: a query with a `name` goes through
 * the connection's own least-recently-used list of the statements it prepared. Past the budget the
 * least recently used one is deallocated: a protocol Close message written just ahead of the query
 * that evicted it, answered within that query's round trip (pg ignores the CloseComplete, as it does
 * for the Close it sends itself when a Bind fails; closing an unknown name is no error), so an
 * eviction costs no round trip and never queues a second query on the connection. pg's record of
 * the statement is dropped, so the name is parsed again if it comes back. Because a connection, not the pool, keeps
 * the list, statements sent inside a transaction (one pooled connection per request) are counted on
 * the connection they use. A budget of 0 sends every statement unnamed.
 *
 * The count alone does not bound the memory: a statement's parse tree and plans take some 55 times
 * its text (an `or` list of 450 alternatives, 9 KB of SQL, held 0.5 MB in a backend). So a
 * connection also keeps at most `MAX_PREPARED_TEXT` characters of statement text prepared (256 K,
 * about 15 MB of backend memory; the longest statement of the golden operations is 1 K), and a statement longer than `MAX_NAMED_STATEMENT_LENGTH` is sent
 * unnamed: planned at each run, never kept.
 *
 * A statement that comes back after an eviction gets a new name on that connection (the name with
 * the eviction count), so a Close still on its way can never remove the new preparation.
 *
 * @example
 * const Client = budgetedClientClass({ maxPreparedStatements: 2 });
 * // on one connection: dg0_a, dg0_b, dg0_c → Close dg0_a is written just before Parse dg0_c
 */
import pg from 'pg';

/** Options of `budgetedClientClass`. */
export interface StatementBudgetOptions {
  /** Named statements one connection keeps; 0 sends every statement unnamed. */
  maxPreparedStatements: number;
  /** Milliseconds a new connection may take to open (pg's `connectionTimeoutMillis` of the client). */
  connectTimeoutMs?: number;
}

/** pg's connection: its record of the statements parsed, and its Close message (not in its type definitions). */
interface StatementConnection {
  parsedStatements: Record<string, string | undefined>;
  close(message: { type: 'S'; name: string }): void;
}

/** The part of a query config the budget reads. */
interface NamedQuery {
  name?: string;
  text?: string;
}

function isNamedQuery(value: unknown): value is NamedQuery & { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as NamedQuery).name === 'string';
}

/** Statement text one connection keeps prepared at most, in characters (see the file comment). */
export const MAX_PREPARED_TEXT = 262_144;

/** The longest statement that gets a name; a longer one is planned at each run and never kept. */
export const MAX_NAMED_STATEMENT_LENGTH = MAX_PREPARED_TEXT / 16;

/** The statements one connection has prepared, least recently used first. */
class ConnectionStatements {
  /** Name asked for → name prepared on this connection and its text length, in use order (a Map keeps insertion order). */
  private readonly names = new Map<string, { prepared: string; length: number }>();
  private evictions = 0;
  private textLength = 0;

  constructor(private readonly budget: number) {}

  /**
   * The name to prepare `name` (of `length` characters) under on this connection, or undefined when
   * it is too long to keep; what that pushes out of the budget is handed to `deallocate`.
   */
  use(name: string, length: number, deallocate: (prepared: string) => void): string | undefined {
    const kept = this.names.get(name);
    if (kept !== undefined) {
      this.names.delete(name);
      this.names.set(name, kept);
      return kept.prepared;
    }
    if (length > MAX_NAMED_STATEMENT_LENGTH) return undefined;
    while (
      this.names.size > 0 &&
      (this.names.size >= this.budget || this.textLength + length > MAX_PREPARED_TEXT)
    ) {
      const [oldest, evicted] = this.names.entries().next().value as [
        string,
        { prepared: string; length: number },
      ];
      this.names.delete(oldest);
      this.textLength -= evicted.length;
      this.evictions++;
      deallocate(evicted.prepared);
    }
    const prepared = this.evictions === 0 ? name : `${name}_${this.evictions}`;
    this.names.set(name, { prepared, length });
    this.textLength += length;
    return prepared;
  }

  get size(): number {
    return this.names.size;
  }
}

/**
 * A `pg.Client` class for a pool (`new pg.Pool({ Client })`) whose connections keep at most
 * `maxPreparedStatements` named statements each (see the file comment).
 */
export function budgetedClientClass(options: StatementBudgetOptions): typeof pg.Client {
  const { maxPreparedStatements, connectTimeoutMs } = options;
  const query = pg.Client.prototype.query;
  // pg's query has a dozen overloads; the budget passes its arguments on as they came.
  const send = query as (this: pg.Client, ...args: unknown[]) => unknown;

  class BudgetedClient extends pg.Client {
    private readonly statements = new ConnectionStatements(maxPreparedStatements);

    constructor(config?: string | pg.ClientConfig) {
      // The pool times the wait for a connection; opening one has its own limit.
      super(
        connectTimeoutMs === undefined || typeof config === 'string'
          ? config
          : { ...config, connectionTimeoutMillis: connectTimeoutMs },
      );
    }

    /** Named statements this connection keeps now. */
    get preparedStatementCount(): number {
      return this.statements.size;
    }

    /** A named query's config with the name this connection prepares it under (or none). */
    withBudget(config: NamedQuery & { name: string }): NamedQuery {
      const name =
        maxPreparedStatements === 0
          ? undefined
          : this.statements.use(config.name, config.text?.length ?? 0, (evicted) => this.deallocate(evicted));
      return name === config.name ? config : { ...config, name };
    }

    private deallocate(name: string): void {
      const connection = this.connection as unknown as StatementConnection;
      connection.close({ type: 'S', name });
      delete connection.parsedStatements[name];
    }
  }

  // Only the `name` of a config object is changed; every other call goes to pg as it came.
  BudgetedClient.prototype.query = function budgetedQuery(
    this: BudgetedClient,
    config: unknown,
    ...rest: unknown[]
  ) {
    if (!isNamedQuery(config)) return send.call(this, config, ...rest);
    const budgeted = this.withBudget(config);
    if (typeof (config as { submit?: unknown }).submit !== 'function')
      return send.call(this, budgeted, ...rest);
    // A query object (postgresql-caller-query.ts) is renamed in place: a copy would lose its class.
    config.name = budgeted.name as string;
    return send.call(this, config, ...rest);
  } as typeof query;

  return BudgetedClient;
}
