/**
 * Error shapes on a schema of our own, on PostgreSQL and MariaDB (issue 18 item 14, issue 19 item
 * 5): every error has `extensions.code`; constraint details name GraphQL fields, never columns, and
 * keep the constraint's name; a single field at fault is `extensions.field` everywhere; values the
 * model knows a column cannot hold (integer range, digits of a decimal, length) are
 * VALIDATION_FAILED before any SQL, and a too-long string's message says the maximum; a CHECK
 * names its fields; an invalid value the database refuses is BAD_USER_INPUT with its field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { type OddSchemaGateway, startOddSchemaGateway } from '../support/odd-schema-gateway.js';

describe.each(DIALECTS)('error shapes on $name', (dialect) => {
  let client: OddSchemaGateway;

  beforeAll(async () => {
    client = await startOddSchemaGateway(dialect, 'error_shapes');
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  const artistCount = async () => Number((await client.sql('select count(*) as n from artist'))[0]?.n);

  it('names the GraphQL field of a foreign key violation, never its column, and keeps the constraint', async () => {
    const answer = await client.post(
      'mutation { createAlbum(data: {artistId: 99, title: "x"}) { albumId } }',
    );
    expect(answer.errors?.[0]?.extensions).toEqual({
      code: 'CONFLICT',
      reason: 'FOREIGN_KEY_VIOLATION',
      field: 'artistId',
      details: { constraint: 'album_artist_fk', fields: ['artistId'] },
    });
    expect(JSON.stringify(answer.errors)).not.toContain('artist_id');
  });

  it('refuses an integer out of its column range as VALIDATION_FAILED naming the field, before any SQL', async () => {
    const before = await artistCount();
    const answer = await client.post(
      'mutation { createArtist(data: {name: "x", plays: 70000}) { artistId } }',
    );
    const range = dialect.name === 'postgresql' ? '-32768 to 32767' : '0 to 65535';
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'plays',
      details: {
        codes: { plays: ['numericality.max'] },
        messages: { plays: [`is out of range (${range})`] },
      },
    });
    expect(await artistCount()).toBe(before);
  });

  it('refuses a decimal with more digits than its precision and scale allow, naming the field', async () => {
    const answer = await client.post(
      'mutation { createArtist(data: {name: "x", rating: "1234.5"}) { artistId } }',
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'rating',
      details: { codes: { rating: ['numericality.precision'] } },
    });
  });

  it('says the maximum in the message of a too-long string', async () => {
    const answer = await client.post(
      `mutation { createArtist(data: {name: "${'x'.repeat(21)}"}) { artistId } }`,
    );
    expect(answer.errors?.[0]?.message).toContain('at most 20 characters');
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
  });

  it('names the field of a CHECK violation with the constraint', async () => {
    const answer = await client.post(
      'mutation { createArtist(data: {name: "x", rating: "-1"}) { artistId } }',
    );
    expect(answer.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'CHECK_VIOLATION',
      field: 'rating',
      details: { constraint: 'artist_rating_positive', fields: ['rating'] },
    });
  });

  it('gives variable coercion errors and invalid enum values a code', async () => {
    const coerced = await client.post(
      'query ($name: String) { artists(where: {name: {eq: $name}}) { name } }',
      {
        name: { no: 1 },
      },
    );
    expect(coerced.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const type = await client.post('{ __type(name: "Artist") { fields { name type { name } } } }');
    const fields = ((type.data?.__type ?? {}) as { fields: { name: string; type: { name: string } }[] })
      .fields;
    const moodType = fields.find((field) => field.name === 'mood')?.type.name;
    const answer = await client.post(
      `query ($m: ${moodType}) { artists(where: {mood: {eq: $m}}) { name } }`,
      {
        m: 'angry',
      },
    );
    expect(answer.errors?.[0]?.message).toMatch(/\$m/);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.runIf(dialect.name === 'postgresql')(
    'answers an invalid uuid or tsvector text as BAD_USER_INPUT naming the field',
    async () => {
      const uuid = await client.post('mutation { createFilm(data: {title: "x", uid: "nope"}) { filmId } }');
      expect(uuid.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_TEXT_REPRESENTATION',
        field: 'uid',
      });
      const text = await client.post(
        `mutation { createFilm(data: {title: "x", fulltext: "a:b:c'"}) { filmId } }`,
      );
      expect(text.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_TEXT_REPRESENTATION',
        field: 'fulltext',
      });
    },
  );
});
