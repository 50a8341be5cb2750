/**
 * A connection pool opened on first use, as both SQL connectors keep theirs: callers that arrive
 * while it opens share the one opening; an opening that fails is forgotten, so the next caller
 * tries again (a database that was down at start is picked up once it is back); `close` waits for
 * an opening under way and ends what it opened.
 */
export class LazyPool<Pool> {
  private pool: Pool | undefined;
  private opening: Promise<Pool> | undefined;

  /** `open` creates and checks a pool (rejecting with the connector's error); `end` closes one. */
  constructor(
    private readonly open: () => Promise<Pool>,
    private readonly end: (pool: Pool) => Promise<void>,
  ) {}

  /** The open pool, if any: the statement path reads it without a promise per statement. */
  get current(): Pool | undefined {
    return this.pool;
  }

  /** The pool, opened first if needed. */
  get(): Promise<Pool> {
    if (this.pool) return Promise.resolve(this.pool);
    if (!this.opening) {
      this.opening = this.open().then(
        (pool) => {
          this.pool = pool;
          return pool;
        },
        (error: unknown) => {
          this.opening = undefined;
          throw error;
        },
      );
    }
    return this.opening;
  }

  /** Closes the pool (also one still opening); the next `get` opens a new one. */
  async close(): Promise<void> {
    const pool = this.pool ?? (await this.opening?.catch(() => undefined));
    this.pool = undefined;
    this.opening = undefined;
    if (pool !== undefined) await this.end(pool);
  }
}
