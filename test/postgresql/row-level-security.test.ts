import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import { RequestSession, RequestSessionEndedError } from '../../src/juggler/connector/request-session.js';
import { readAuthConfig } from '../../src/server/config/auth-config.js';
import { DEFAULT_CONFIG } from '../../src/server/config.js';
import { type RunningGateway, startGateway } from '../../src/server/gateway.js';
import { createPgDatabase, dropPgDatabase, runPgSql } from '../support/databases.js';
import type { ResponseData } from '../support/json.js';

const DATABASE = 'row_level_security';
const SECRET = 'row-level-security-test-secret-0123456789';
const POOL_SIZE = 3;

/**
 * Roles and policies on a copy of Chinook, as an application would write them: a customer sees
 * its own customer row (by the per-claim setting), its own invoices (by the claims JSON) and their
 * lines, may write only invoices of its own; `no_select_role` may read artists only; the
 * anonymous role may read nothing. `genre` reads slowly for customers (a client gives up on it).
 */
const POLICIES = `
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'customer_role') THEN CREATE ROLE customer_role NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'no_select_role') THEN CREATE ROLE no_select_role NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rls_anonymous') THEN CREATE ROLE rls_anonymous NOLOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA public TO customer_role, no_select_role, rls_anonymous;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO customer_role;
GRANT INSERT, UPDATE ON invoice TO customer_role;
GRANT SELECT ON artist TO no_select_role;

ALTER TABLE customer ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_self ON customer TO customer_role
  USING (customer_id = current_setting('request.jwt.claim.customer_id', true)::int);

ALTER TABLE invoice ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_invoices ON invoice TO customer_role
  USING (customer_id = (current_setting('request.jwt.claims', true)::json->>'customer_id')::int)
  WITH CHECK (customer_id = (current_setting('request.jwt.claims', true)::json->>'customer_id')::int);

ALTER TABLE invoice_line ENABLE ROW LEVEL SECURITY;
CREATE POLICY customer_invoice_lines ON invoice_line TO customer_role
  USING (EXISTS (SELECT 1 FROM invoice i WHERE i.invoice_id = invoice_line.invoice_id));

ALTER TABLE genre ENABLE ROW LEVEL SECURITY;
CREATE FUNCTION slowly_true(genre_id int) RETURNS boolean LANGUAGE sql VOLATILE
  AS 'SELECT genre_id IS NOT NULL FROM pg_sleep(0.05)';
CREATE POLICY slow_genres ON genre TO customer_role USING (slowly_true(genre_id));
`;

let url: string;
let gateway: RunningGateway;
const log: string[] = [];

async function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

function customer(id: number): Promise<string> {
  return token({ sub: `customer-${id}`, role: 'customer_role', customer_id: id });
}

async function graphql(
  query: string,
  bearer?: string,
  signal?: AbortSignal,
): Promise<{ status: number; body: ResponseData }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify({ query }),
    ...(signal ? { signal } : {}),
  });
  return { status: response.status, body: (await response.json()) as ResponseData };
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await runPgSql(url, text, params)).rows as T[];
}

/** Waits until every request session the gateway opened has ended (COMMIT or ROLLBACK sent). */
async function sessionsEnded(): Promise<void> {
  const count = (pattern: RegExp) => log.filter((text) => pattern.test(text)).length;
  for (let waited = 0; count(/^BEGIN/) !== count(/^(COMMIT|ROLLBACK)$/) && waited < 10_000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Who each pooled connection runs as now, and what it holds of a caller (read outside any request). */
async function poolConnections(): Promise<
  Array<{ user: string; role: string; claims: string | null; claim: string | null }>
> {
  const execute = gateway.source.dataSource.connector?.execute;
  if (!execute) throw new Error('the PostgreSQL connector runs raw SQL');
  // As many at once as the pool holds, each held a moment: every pooled connection answers one.
  const answers = await Promise.all(
    Array.from({ length: POOL_SIZE }, () =>
      execute.call(
        gateway.source.dataSource.connector,
        `SELECT current_user::text AS "user", current_setting('role') AS "role",
                nullif(current_setting('request.jwt.claims', true), '') AS "claims",
                nullif(current_setting('request.jwt.claim.customer_id', true), '') AS "claim",
                pg_sleep(0.05)::text AS "slept"`,
      ),
    ),
  );
  return answers.map(
    (rows) => rows[0] as { user: string; role: string; claims: string | null; claim: string | null },
  );
}

beforeAll(async () => {
  url = await createPgDatabase(DATABASE, { template: 'chinook' });
  await runPgSql(url, POLICIES);
  gateway = await startGateway(
    {
      ...DEFAULT_CONFIG,
      databaseUrl: url,
      port: 0,
      poolSize: POOL_SIZE,
      cacheDir: mkdtempSync(path.join(os.tmpdir(), 'discograph-rls-')),
      auth: readAuthConfig({
        file: {
          jwt: { secret: SECRET },
          setRole: true,
          allowedRoles: ['customer_role', 'no_select_role', 'rls_anonymous'],
          anonymousRole: 'rls_anonymous',
        },
        env: {},
        cwd: process.cwd(),
      }),
    },
    {
      onSource: (source) =>
        source.dataSource.connector?.observeStatements((event: StatementEvent) => log.push(event.sql)),
    },
  );
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  await dropPgDatabase(DATABASE);
});

describe('PostgreSQL row-level security through the gateway', () => {
  it("lists only the caller's own invoices", async () => {
    const expected = await sql<{ invoice_id: number }>(
      'SELECT invoice_id FROM invoice WHERE customer_id = 5 ORDER BY invoice_id',
    );
    const answer = await graphql(
      '{ invoices(order: INVOICE_ID_ASC) { invoiceId customerId } }',
      await customer(5),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.invoices).toEqual(
      expected.map((row) => ({ invoiceId: row.invoice_id, customerId: 5 })),
    );
    expect(expected.length).toBeGreaterThan(0);
  });

  it("reads nested relations through the policies: the caller's customer row, its invoices and their lines only", async () => {
    const lines = await sql<{ invoice_line_id: number; invoice_id: number }>(
      `SELECT l.invoice_line_id, l.invoice_id FROM invoice_line l JOIN invoice i USING (invoice_id)
        WHERE i.customer_id = 12 ORDER BY l.invoice_line_id`,
    );
    const answer = await graphql(
      `{ customers { customerId invoices { customerId invoiceLines { invoiceLineId invoiceId } } }
         invoiceLines(order: INVOICE_LINE_ID_ASC) { invoiceLineId invoiceId }
         tracks(where: { trackId: { inq: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } }) { invoiceLines { invoice { customerId } } } }`,
      await customer(12),
    );
    expect(answer.body.errors).toBeUndefined();
    const { customers, invoiceLines, tracks } = answer.body.data;
    expect(customers.map((row: { customerId: number }) => row.customerId)).toEqual([12]);
    for (const invoice of customers[0].invoices) expect(invoice.customerId).toBe(12);
    const nested = customers[0].invoices.flatMap(
      (invoice: { invoiceLines: unknown[] }) => invoice.invoiceLines,
    );
    expect(nested.length).toBe(lines.length);
    expect(invoiceLines).toEqual(
      lines.map((row) => ({ invoiceLineId: row.invoice_line_id, invoiceId: row.invoice_id })),
    );
    for (const track of tracks) {
      for (const line of track.invoiceLines) expect(line.invoice.customerId).toBe(12);
    }
  });

  it("answers null for another customer's invoice by id", async () => {
    const [other] = await sql<{ invoice_id: number }>(
      'SELECT min(invoice_id) AS invoice_id FROM invoice WHERE customer_id = 6',
    );
    const answer = await graphql(
      `{ invoice(invoiceId: ${other?.invoice_id}) { invoiceId } }`,
      await customer(5),
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.invoice).toBeNull();
  });

  it('never shows two callers whose requests interleave each other’s rows', async () => {
    const tokens = { 5: await customer(5), 6: await customer(6) };
    const requests = Array.from({ length: 24 }, (_, index) => {
      const id = index % 2 === 0 ? 5 : 6;
      return graphql(
        '{ invoices { customerId } customers { customerId invoices { customerId } } }',
        tokens[id as 5 | 6],
      ).then((answer) => ({ id, answer }));
    });
    for (const { id, answer } of await Promise.all(requests)) {
      expect(answer.body.errors).toBeUndefined();
      const seen = [
        ...answer.body.data.invoices.map((row: { customerId: number }) => row.customerId),
        ...answer.body.data.customers.map((row: { customerId: number }) => row.customerId),
        ...answer.body.data.customers.flatMap((row: { invoices: Array<{ customerId: number }> }) =>
          row.invoices.map((invoice) => invoice.customerId),
        ),
      ];
      expect(new Set(seen)).toEqual(new Set([id]));
    }
  });

  it('answers FORBIDDEN for a table the role may not read, and still answers the fields it may', async () => {
    const answer = await graphql(
      '{ first: artist(artistId: 1) { name } invoice(invoiceId: 1) { invoiceId } second: artist(artistId: 2) { name } }',
      await token({ sub: 'no-select', role: 'no_select_role' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ first: { name: 'AC/DC' }, invoice: null, second: { name: 'Accept' } });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].path).toEqual(['invoice']);
    expect(answer.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERMISSION_DENIED',
      details: { table: 'invoice' },
    });
  });

  it('runs anonymous requests as the anonymous role, not with the pool’s rights', async () => {
    const answer = await graphql('{ invoices(limit: 1) { invoiceId } }');
    expect(answer.body.data).toBeNull();
    expect(answer.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      details: { table: 'invoice' },
    });
  });

  it('runs an @atomic mutation as the caller in one transaction: a write the policy refuses rolls back the one it allowed', async () => {
    const answer = await graphql(
      `mutation @atomic {
        own: createInvoice(data: { invoiceId: 9003, customerId: 5, invoiceDate: "2026-01-02T00:00:00", total: "1.00" }) { invoiceId }
        other: createInvoice(data: { invoiceId: 9004, customerId: 6, invoiceDate: "2026-01-02T00:00:00", total: "1.00" }) { invoiceId }
      }`,
      await customer(5),
    );
    expect(answer.body.data).toEqual({ own: null, other: null });
    expect(
      answer.body.errors.map((error: { path: string[]; extensions: { code: string } }) => [
        error.path[0],
        error.extensions.code,
      ]),
    ).toEqual([
      ['own', 'ROLLED_BACK'],
      ['other', 'FORBIDDEN'],
    ]);
    expect(await sql('SELECT invoice_id FROM invoice WHERE invoice_id IN (9003, 9004)')).toEqual([]);
  });

  it('refuses a write the WITH CHECK policy refuses with FORBIDDEN, and writes nothing', async () => {
    const answer = await graphql(
      `mutation { createInvoice(data: { invoiceId: 9002, customerId: 6, invoiceDate: "2026-01-02T00:00:00", total: "1.00" }) { invoiceId } }`,
      await customer(5),
    );
    expect(answer.body.data).toEqual({ createInvoice: null });
    expect(answer.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERMISSION_DENIED',
      details: { table: 'invoice' },
    });
    expect(await sql('SELECT invoice_id FROM invoice WHERE invoice_id = 9002')).toEqual([]);
  });

  it('runs a request’s mutations in one transaction: a refused one is undone alone, the others are committed', async () => {
    const answer = await graphql(
      `mutation {
         own: createInvoice(data: { invoiceId: 9001, customerId: 5, invoiceDate: "2026-01-02T00:00:00", total: "1.00" }) { invoiceId }
         refused: deleteInvoice(invoiceId: 9001) { invoiceId }
         after: createInvoice(data: { invoiceId: 9003, customerId: 5, invoiceDate: "2026-01-02T00:00:00", total: "2.00" }) { invoiceId }
       }`,
      await customer(5),
    );
    expect(answer.body.data).toEqual({ own: { invoiceId: 9001 }, refused: null, after: { invoiceId: 9003 } });
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].path).toEqual(['refused']);
    expect(answer.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'PERMISSION_DENIED',
    });
    // A mutation is answered after its COMMIT.
    const stored = await sql<{ invoice_id: number }>(
      'SELECT invoice_id FROM invoice WHERE invoice_id >= 9000 ORDER BY invoice_id',
    );
    expect(stored.map((row) => row.invoice_id)).toEqual([9001, 9003]);
  });

  it('gives every connection back to the pool as the pool user, without the caller’s role or claims', async () => {
    await Promise.all([
      graphql('{ invoices { invoiceId } }', await customer(5)),
      graphql(
        '{ artists(limit: 1) { name } invoices { invoiceId } }',
        await token({ sub: 'n', role: 'no_select_role' }),
      ),
      graphql('{ customers { customerId } }', await customer(7)),
    ]);
    await sessionsEnded();
    const connections = await poolConnections();
    expect(connections).toHaveLength(POOL_SIZE);
    for (const connection of connections) {
      expect(connection).toMatchObject({ user: 'postgres', role: 'none', claims: null, claim: null });
    }
    const idleInTransaction = await sql(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'",
      [DATABASE],
    );
    expect(idleInTransaction).toEqual([]);
  });

  it('ends the session of a request whose client went away, and keeps answering', async () => {
    const controller = new AbortController();
    const slow = graphql('{ genres { name } }', await customer(5), controller.signal);
    setTimeout(() => controller.abort(), 100);
    await expect(slow).rejects.toThrow();
    await sessionsEnded();
    for (const connection of await poolConnections()) {
      expect(connection).toMatchObject({ user: 'postgres', role: 'none', claims: null });
    }
    const answer = await graphql('{ invoices(limit: 1) { customerId } }', await customer(9));
    expect(answer.body.data.invoices).toEqual([{ customerId: 9 }]);
  });
});

describe("a request's database session on PostgreSQL", () => {
  /** Runs `text` on a request session for `claims` (and `role`), then ends it. */
  async function inSession(claims: Record<string, unknown>, text: string, role?: string) {
    const connector = gateway.source.dataSource.connector;
    if (!connector?.execute) throw new Error('the PostgreSQL connector runs raw SQL');
    const session = new RequestSession({ claims, role });
    try {
      return await connector.execute(text, [], { options: { request: { databaseSession: session } } });
    } finally {
      await session.end(true);
    }
  }

  it('carries claims with quotes, backslashes, unicode and NUL exactly, and one setting per claim of a valid name', async () => {
    const claims = {
      sub: 'o\'brien \\ "quoted" ʼ＇‘’🤖',
      nul: 'a\u0000b',
      nested: { roles: ['a', "b'c"], depth: { n: 1 } },
      number: 42,
      'https://example.com/claim': 'x',
      "x'); DROP TABLE invoice; --": 'y',
    };
    const [row] = await inSession(
      claims,
      `SELECT current_setting('request.jwt.claims') AS "claims",
              current_setting('request.jwt.claim.sub') AS "sub",
              current_setting('request.jwt.claim.nested') AS "nested",
              current_setting('request.jwt.claim.number') AS "number",
              current_setting('request.jwt.claim.nul', true) AS "nul"`,
    );
    expect(JSON.parse(row?.claims as string)).toEqual(claims);
    expect(row).toMatchObject({ sub: claims.sub, number: '42', nul: null });
    expect(JSON.parse(row?.nested as string)).toEqual(claims.nested);
    expect(await sql('SELECT count(*)::int AS n FROM invoice WHERE invoice_id = 1')).toEqual([{ n: 1 }]);
  });

  it('runs as the role, quoted as an identifier', async () => {
    const [row] = await inSession({ sub: 'x' }, 'SELECT current_user::text AS "user"', 'customer_role');
    expect(row).toEqual({ user: 'customer_role' });
  });

  it('runs each statement of a read-only request by itself as the caller, holding no transaction or connection', async () => {
    const Invoice = gateway.source.dataSource.getModel('Invoice');
    const session = new RequestSession({ claims: { sub: 'r', customer_id: 5 }, role: 'customer_role' });
    session.readOnly = true;
    const options = { request: { databaseSession: session } };
    const own = await sql<{ invoice_id: number }>(
      'SELECT invoice_id FROM invoice WHERE customer_id = 5 ORDER BY invoice_id',
    );
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => Invoice.find({ order: 'invoiceId ASC' }, options)),
    );
    for (const invoices of answers) {
      expect(
        (invoices as Array<{ toJSON(): Record<string, unknown> }>).map(
          (invoice) => invoice.toJSON().invoiceId,
        ),
      ).toEqual(own.map((row) => row.invoice_id));
    }
    expect(session.opened).toBe(false);
    await session.end(true);
    for (const connection of await poolConnections()) {
      expect(connection).toMatchObject({ user: 'postgres', role: 'none', claims: null, claim: null });
    }
  });

  it('answers FORBIDDEN when a read-only request’s role cannot be taken, and the pool goes on answering', async () => {
    const Invoice = gateway.source.dataSource.getModel('Invoice');
    const refused = new RequestSession({ claims: { sub: 'x' }, role: 'postgres_no_such_role' });
    refused.readOnly = true;
    // Generated reads: named prepared statements, whose Parse the server skips after the refusal.
    for (let attempt = 0; attempt < POOL_SIZE + 1; attempt++) {
      await expect(
        Invoice.find({ where: { invoiceId: 1 } }, { request: { databaseSession: refused } }),
      ).rejects.toMatchObject({ code: 'PERMISSION_DENIED', details: { role: 'postgres_no_such_role' } });
    }
    const allowed = new RequestSession({ claims: { sub: 'y', customer_id: 2 }, role: 'customer_role' });
    allowed.readOnly = true;
    for (let attempt = 0; attempt < POOL_SIZE + 1; attempt++) {
      const found = await Invoice.find(
        { where: { invoiceId: 1 } },
        { request: { databaseSession: allowed } },
      );
      expect(
        (found as Array<{ toJSON(): Record<string, unknown> }>).map((invoice) => invoice.toJSON()),
      ).toEqual([expect.objectContaining({ invoiceId: 1 })]);
    }
  });

  it('refuses a statement of a request whose session has ended, rather than running it with the pool’s rights', async () => {
    const connector = gateway.source.dataSource.connector;
    const session = new RequestSession({ claims: {}, role: 'rls_anonymous' });
    await session.end(true);
    await expect(
      connector?.execute?.('SELECT 1', [], { options: { request: { databaseSession: session } } }),
    ).rejects.toBeInstanceOf(RequestSessionEndedError);
  });
});
