/**
 * Test helper: PostgreSQL discovery over a plain `pg.Pool`, recording every statement it runs.
 */
import pg from 'pg';
import { createPostgresDiscovery } from '../../../src/connectors/postgresql/postgresql-discovery.js';
import type { DiscoveryConnector } from '../../../src/juggler/connector/connector.js';

/** Discovery on one database, with the statements it sent and a way to close the pool. */
export interface PgDiscoveryHandle {
  discovery: DiscoveryConnector;
  /** SQL text of every statement run, in order. */
  statements: string[];
  close(): Promise<void>;
}

/** Opens discovery on a PostgreSQL database URL. */
export function openPgDiscovery(url: string): PgDiscoveryHandle {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // A test drops its database `with (force)` right after closing the pool; a connection still
  // closing then hears "terminating connection due to administrator command" (57P01).
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  const statements: string[] = [];
  const discovery = createPostgresDiscovery(async (sql, params) => {
    statements.push(sql);
    const result = await pool.query(sql, [...params]);
    return result.rows as Record<string, unknown>[];
  });
  return { discovery, statements, close: () => pool.end() };
}
