// PostgreSQL-specific statement text on Chinook; the reads themselves are compared with plain SQL
// for every dialect in test/connectors/chinook.test.ts.
import { describe, expect, it } from 'vitest';
import { PostgresConnector } from '../../src/connectors/postgresql/postgresql-connector.js';
import { ChinookTrack } from '../support/connector-models.js';
import { readRows } from '../support/connector-reads.js';
import { CHINOOK_PG_URL } from '../support/databases.js';
import { observedConnector } from '../support/observed-connector.js';

describe('PostgreSQL statements on the Chinook database', () => {
  const db = observedConnector(() => new PostgresConnector({ url: CHINOOK_PG_URL }));
  const { statements } = db;

  it('compiles the unitPrice > 0.99 filter ordered by name to one aliased, parameterised statement', async () => {
    const rows = await readRows(db.connector, ChinookTrack, {
      where: { kind: 'compare', property: 'unitPrice', op: 'gt', value: '0.99' },
      order: [
        { property: 'name', direction: 'ASC' },
        { property: 'trackId', direction: 'ASC' },
      ],
      limit: 20,
    });
    expect(rows).toHaveLength(20);
    expect(rows[0]?.unitPrice).toBe('1.99');
    expect(statements.map((event) => event.sql)[0]).toBe(
      'SELECT "track_id" AS "trackId", "name", "album_id" AS "albumId", "media_type_id" AS "mediaTypeId", "genre_id" AS "genreId", "composer", "milliseconds", "bytes", "unit_price" AS "unitPrice" FROM "track" WHERE "unit_price" > $1 ORDER BY "name" ASC, "track_id" ASC LIMIT $2',
    );
    expect(statements[0]?.rowCount).toBe(20);
  });

  it('sends a thousand ids as one array parameter', async () => {
    const ids = Array.from({ length: 1000 }, (_, index) => index + 1);
    const rows = await readRows(db.connector, ChinookTrack, {
      where: { kind: 'compare', property: 'trackId', op: 'inq', value: ids },
      fields: ['trackId'],
    });
    expect(rows).toHaveLength(1000);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.params).toEqual([ids]);
  });
});
