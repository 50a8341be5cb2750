import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHINOOK_MYSQL_URL, CHINOOK_PG_URL } from '../support/databases.js';
import {
  firstError,
  type LimitsGateway,
  postGraphQL,
  startLimitsGateway,
} from '../support/limits-gateway.js';

describe.each([
  ['PostgreSQL', CHINOOK_PG_URL],
  ['MariaDB', CHINOOK_MYSQL_URL],
])('page sizes on %s', (_name, url) => {
  let started: LimitsGateway;
  let endpoint: string;

  beforeAll(async () => {
    started = await startLimitsGateway(url);
    endpoint = started.gateway.url;
  });
  afterAll(async () => {
    await started?.gateway.stop();
  });

  it('reads 100 rows from a root list without limit, and up to 1,000 when asked', async () => {
    expect((await postGraphQL(endpoint, '{ tracks { trackId } }')).body.data.tracks).toHaveLength(100);
    expect(
      (await postGraphQL(endpoint, '{ tracks(limit: 1000) { trackId } }')).body.data.tracks,
    ).toHaveLength(1_000);
  });

  it('refuses a limit over 1,000 instead of cutting it, literal or variable, reading nothing', async () => {
    const before = started.statements.length;
    const literal = await postGraphQL(endpoint, '{ tracks(limit: 100000000) { trackId } }');
    expect(firstError(literal)).toEqual({
      code: 'PAGE_SIZE_EXCEEDED',
      limit: 1_000,
      actual: 100_000_000,
      argument: 'limit',
    });
    expect(literal.body.data).toBeUndefined();
    expect(started.statements.length).toBe(before);
    const variable = await postGraphQL(endpoint, 'query Q($n: Int) { tracks(limit: $n) { trackId } }', {
      n: 5_000,
    });
    expect(firstError(variable)).toEqual({
      code: 'PAGE_SIZE_EXCEEDED',
      limit: 1_000,
      actual: 5_000,
      argument: 'limit',
      variable: 'n',
    });
    // Refused before the operation runs, as the literal is: HTTP 400, no data, nothing read.
    expect(variable.status).toBe(400);
    expect(variable.body.data).toBeUndefined();
    expect(started.statements.length).toBe(before);
    const nested = await postGraphQL(
      endpoint,
      'query Q($n: Int) { albums(limit: 1) { albumId } tracksConnection(first: $n) { totalCount } }',
      { n: 1_001 },
    );
    expect(firstError(nested)).toMatchObject({
      code: 'PAGE_SIZE_EXCEEDED',
      argument: 'first',
      variable: 'n',
    });
    expect(nested.status).toBe(400);
    const none = await postGraphQL(endpoint, 'query Q($n: Int) { tracks(limit: $n) { trackId } }', {
      n: null,
    });
    expect(none.body.data.tracks).toHaveLength(100);
  });

  it('reads at most 100 rows of a relation list per parent, nested in the parent or not', async () => {
    // Rock (genre 1) has 1,297 tracks, Jazz (genre 2) 130.
    const answer = await postGraphQL(
      endpoint,
      '{ genres(where: { genreId: { inq: [1, 2] } }) { genreId tracks { trackId } } }',
    );
    expect(answer.body.data.genres.map((genre: { tracks: unknown[] }) => genre.tracks.length)).toEqual([
      100, 100,
    ]);
    const variable = await postGraphQL(
      endpoint,
      'query Q($n: Int) { genres(where: { genreId: { eq: 2 } }) { tracks(limit: $n) { trackId } } }',
      { n: 120 },
    );
    expect(variable.body.data.genres[0].tracks).toHaveLength(120);
    const over = await postGraphQL(endpoint, '{ genres(limit: 1) { tracks(limit: 1001) { trackId } } }');
    expect(firstError(over)).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', limit: 1_000, actual: 1_001 });
  });

  it('pages a connection without first or last by 100, and refuses first over 1,000', async () => {
    const page = await postGraphQL(
      endpoint,
      '{ tracksConnection { edges { node { trackId } } pageInfo { hasNextPage } } }',
    );
    expect(page.body.data.tracksConnection.edges).toHaveLength(100);
    expect(page.body.data.tracksConnection.pageInfo.hasNextPage).toBe(true);
    const over = await postGraphQL(
      endpoint,
      'query Q($n: Int) { tracksConnection(first: $n) { nodes { trackId } } }',
      {
        n: 1_001,
      },
    );
    expect(firstError(over)).toMatchObject({ code: 'PAGE_SIZE_EXCEEDED', limit: 1_000, actual: 1_001 });
  });
});

describe('configured page sizes', () => {
  let started: LimitsGateway;

  beforeAll(async () => {
    started = await startLimitsGateway(CHINOOK_PG_URL, { defaultPageSize: 7, maxPageSize: 20 });
  });
  afterAll(async () => {
    await started?.gateway.stop();
  });

  it('reads the configured default page and refuses past the configured maximum', async () => {
    const endpoint = started.gateway.url;
    const answer = await postGraphQL(endpoint, '{ albums { tracks { trackId } } }');
    expect(answer.body.data.albums).toHaveLength(7);
    expect(
      Math.max(...answer.body.data.albums.map((album: { tracks: unknown[] }) => album.tracks.length)),
    ).toBe(7);
    expect(firstError(await postGraphQL(endpoint, '{ albums(limit: 21) { title } }'))).toMatchObject({
      code: 'PAGE_SIZE_EXCEEDED',
      limit: 20,
      actual: 21,
    });
  });
});
