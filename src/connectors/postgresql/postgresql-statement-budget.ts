/**
 * A budget of named prepared statements per PostgreSQL connection. Each named statement holds its
 * parse tree and plans in the backend's memory for the session's life, so a client that makes ever
 * new statement texts (an `or` list of every length) would otherwise grow every pooled backend
 * without bound: 150 such texts held 2.7 GB over 10 connections.
 *
 * The pool's connections are `pg.Client`s of a class made here: a query with a `name` goes through
 * the connection's own least-recently-used list of the statements it prepared. Past the budget the
 * least recently used one is deallocated (`DEALLOCATE`, queued on the same connection ahead of the
 * query that evicted it: only a query that evicts pays a round trip), and pg's record of it is
 * dropped, so the name is parsed again if it comes back. Because a connection, not the pool, keeps
 * the list, statements sent inside a transaction (one pooled connection per request) are counted on
 * the connection they use. A budget of 0 sends every statement unnamed.
 *
 * A statement that comes back after an eviction gets a new name on that connection (the name with
 * the eviction count), so a `DEALLOCATE` still queued can never remove the new preparation.
 *
 * @example
 * const Client = budgetedClientClass({ maxPreparedStatements: 2 });
 * // on one connection: dg0_a, dg0_b, dg0_c → DEALLOCATE "dg0_a" is sent before dg0_c is prepared
 */
import pg from 'pg';

/** Options of `budgetedClientClass`. */
export interface StatementBudgetOptions {
  /** Named statements one connection keeps; 0 sends every statement unnamed. */
  maxPreparedStatements: number;
  /** Milliseconds a new connection may take to open (pg's `connectionTimeoutMillis` of the client). */
  connectTimeoutMs?: number;
}

/** pg's own record of the statements parsed on a connection (not in its type definitions). */
interface ParsedStatements {
  parsedStatements: Record<string, string | undefined>;
  submittedNamedStatements?: Record<string, string | undefined>;
}

/** The part of a query config the budget reads. */
interface NamedQuery {
  name?: string;
  text?: string;
}

function isNamedQuery(value: unknown): value is NamedQuery & { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as NamedQuery).name === 'string';
}

/** `"name"` for DEALLOCATE; names are made by the connector (`dg…`), quoting keeps any name inert. */
function quotedName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The statements one connection has prepared, least recently used first. */
class ConnectionStatements {
  /** Name asked for → name prepared on this connection, in use order (a Map keeps insertion order). */
  private readonly names = new Map<string, string>();
  private evictions = 0;

  constructor(private readonly budget: number) {}

  /**
   * The name to prepare `name` under on this connection; when that makes one too many, the least
   * recently used is handed to `deallocate`.
   */
  use(name: string, deallocate: (prepared: string) => void): string {
    const prepared = this.names.get(name);
    if (prepared !== undefined) {
      this.names.delete(name);
      this.names.set(name, prepared);
      return prepared;
    }
    if (this.names.size >= this.budget) {
      const [oldest, evicted] = this.names.entries().next().value as [string, string];
      this.names.delete(oldest);
      this.evictions++;
      deallocate(evicted);
    }
    const fresh = this.evictions === 0 ? name : `${name}_${this.evictions}`;
    this.names.set(name, fresh);
    return fresh;
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
  // pg's query has a dozen overloads; the budget calls it as the untyped function it is.
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
      if (maxPreparedStatements === 0) return { ...config, name: undefined };
      const name = this.statements.use(config.name, (evicted) => this.deallocate(evicted));
      return name === config.name ? config : { ...config, name };
    }

    private deallocate(name: string): void {
      const connection = this.connection as unknown as ParsedStatements;
      // Only what the server has (or is parsing): a DEALLOCATE of an unknown name would fail.
      if (
        connection.parsedStatements[name] === undefined &&
        connection.submittedNamedStatements?.[name] === undefined
      ) {
        return;
      }
      send.call(this, `DEALLOCATE ${quotedName(name)}`, (error: Error | null) => {
        if (!error) delete connection.parsedStatements[name];
      });
    }
  }

  // Only the `name` of a config object is changed; every other call goes to pg as it came.
  BudgetedClient.prototype.query = function budgetedQuery(
    this: BudgetedClient,
    config: unknown,
    ...rest: unknown[]
  ) {
    return send.call(this, isNamedQuery(config) ? this.withBudget(config) : config, ...rest);
  } as typeof query;

  return BudgetedClient;
}
