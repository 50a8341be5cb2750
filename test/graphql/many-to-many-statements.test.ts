/**
 * The statement budget of a many-to-many relation (issue 18 item 15): at most 1 + depth statements
 * per request, a hasManyThrough level included — the join table joined to the targets in one
 * statement, filtered, ordered and paged per parent. Run on both SQL dialects over a small
 * Pagila-like schema (film, language twice, actor through film_actor), with actor ids past 2^53
 * so that a key read from the join table must find its parent exactly; every answer is compared
 * with the same rows read by plain SQL.
 */
import { type ExecutionResult, type GraphQLSchema, graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphQLSchema } from '../../src/graphql/build-schema.js';
import { createGraphQLContext } from '../../src/graphql/context.js';
import type { ModelClassLike } from '../../src/graphql/model-class.js';
import type { StatementEvent } from '../../src/juggler/connector/connector.js';
import type { ModelClass } from '../../src/juggler/dao/model-class.js';
import { DataSource } from '../../src/juggler/datasource.js';
import { runMysqlSql, runPgSql } from '../support/databases.js';
import { DIALECTS } from '../support/dialects.js';

const BIG = '9007199254740993';
const BIGGER = '9007199254740995';

const SCHEMA = (bigint: string) => `
create table language (language_id int primary key, name varchar(20) not null);
create table film (
  film_id int primary key,
  title varchar(40) not null,
  length int,
  language_id int not null references language (language_id),
  original_language_id int references language (language_id)
);
create table actor (actor_id ${bigint} primary key, name varchar(40) not null);
create table film_actor (
  actor_id ${bigint} not null references actor (actor_id),
  film_id int not null references film (film_id),
  primary key (actor_id, film_id)
);
insert into language values (1, 'English'), (2, 'Italian'), (3, 'French');
insert into film values
  (1, 'Alpha', 90, 1, null), (2, 'Beta', 120, 1, 2), (3, 'Gamma', 60, 2, 1),
  (4, 'Delta', null, 3, null), (5, 'Epsilon', 100, 1, 3);
insert into actor values (1, 'Ann'), (2, 'Bob'), (3, 'Cid'), (4, 'Dee'), (${BIG}, 'Eve'), (${BIGGER}, 'Fay');
insert into film_actor values
  (1, 1), (2, 1), (3, 1), (${BIG}, 1),
  (2, 2), (${BIGGER}, 2),
  (1, 3), (3, 3), (4, 3), (${BIG}, 3), (${BIGGER}, 3),
  (4, 5);
`;

/** Plain SQL rows of (film, actor) links joined to their actor, as strings for exact ids. */
const LINKS_SQL = `select fa.film_id as film, cast(a.actor_id as char(20)) as actor, a.name as name
  from film_actor fa join actor a on a.actor_id = fa.actor_id order by fa.film_id, a.name, a.actor_id`;

interface Link {
  film: number;
  actor: string;
  name: string;
}

describe.each(DIALECTS)('a many-to-many relation on $name', (dialect) => {
  const base = 'graphql_many_to_many';
  let dataSource: DataSource;
  let models: Record<string, ModelClass>;
  let schema: GraphQLSchema;
  let links: Link[];
  const statements: StatementEvent[] = [];

  beforeAll(async () => {
    const url = await dialect.createDatabase(base);
    if (dialect.name === 'postgresql') await runPgSql(url, SCHEMA('bigint'));
    else await runMysqlSql(url, SCHEMA('bigint'));
    const rows =
      dialect.name === 'postgresql'
        ? (await runPgSql(url, LINKS_SQL.replace('char(20)', 'text'))).rows
        : ((await runMysqlSql(url, LINKS_SQL)) as Record<string, unknown>[]);
    links = rows.map((row) => ({ film: Number(row.film), actor: String(row.actor), name: String(row.name) }));
    dataSource = new DataSource(dialect.name, { url });
    models = await dataSource.discoverAndBuildModels('film', { associations: true });
    schema = buildGraphQLSchema(models as unknown as Record<string, ModelClassLike>);
    dataSource.connector?.observeStatements((event) => statements.push(event));
  });
  afterAll(async () => {
    await dataSource?.disconnect();
    await dialect.dropDatabase(base);
  });

  /** The actor names of `film` as plain SQL orders them (name, then id), paged. */
  function actorsOf(film: number, skip = 0, limit?: number): string[] {
    const names = links.filter((link) => link.film === film).map((link) => link.name);
    return names.slice(skip, limit === undefined ? undefined : skip + limit);
  }

  async function run(source: string, variableValues?: Record<string, unknown>) {
    statements.length = 0;
    const result: ExecutionResult = await graphql({
      schema,
      source,
      contextValue: createGraphQLContext(models as unknown as Record<string, ModelClassLike>),
      ...(variableValues ? { variableValues } : {}),
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    // biome-ignore lint/suspicious/noExplicitAny: response shapes are asserted by the tests, not typed.
    return { data: result.data as Record<string, any>, sent: [...statements] };
  }

  it('reads `films { language originalLanguage actors(limit: $n) }` in 1 + depth = 2 statements, a page of actors per film', async () => {
    const { data, sent } = await run(
      `query ($n: Int) { films(order: [FILM_ID_ASC]) { title language { name } originalLanguage { name }
        actors(limit: $n, order: [NAME_ASC]) { actorId name } } }`,
      { n: 4 },
    );
    expect(sent).toHaveLength(2);
    expect(data.films.map((film: { title: string }) => film.title)).toEqual([
      'Alpha',
      'Beta',
      'Gamma',
      'Delta',
      'Epsilon',
    ]);
    expect(data.films[1].language).toEqual({ name: 'English' });
    expect(data.films[1].originalLanguage).toEqual({ name: 'Italian' });
    expect(data.films[0].originalLanguage).toBeNull();
    for (const [index, film] of data.films.entries()) {
      expect(film.actors.map((actor: { name: string }) => actor.name)).toEqual(actorsOf(index + 1, 0, 4));
    }
    // The ids past 2^53 come back exactly, and found their film.
    const ids = data.films.flatMap((film: { actors: { actorId: unknown }[] }) =>
      film.actors.map((actor) => String(actor.actorId)),
    );
    expect(ids).toContain(BIG);
  });

  it('reads a many-to-many from its other side, keyed by ids past 2^53, each parent’s page as plain SQL has it', async () => {
    const { data, sent } = await run(
      `query ($skip: Int, $longest: Int) { actors(order: [ACTOR_ID_ASC]) { actorId
        films(where: {length: {lt: $longest}}, order: [TITLE_DESC], skip: $skip, limit: 1) { title } } }`,
      { skip: 1, longest: 1000 },
    );
    expect(sent).toHaveLength(2);
    const films = new Map([
      [1, { title: 'Alpha', length: 90 }],
      [2, { title: 'Beta', length: 120 }],
      [3, { title: 'Gamma', length: 60 }],
      [5, { title: 'Epsilon', length: 100 }],
    ]);
    const expected = data.actors.map((actor: { actorId: unknown }) => {
      const titles = links
        .filter((link) => link.actor === String(actor.actorId))
        .map((link) => films.get(link.film)?.title as string)
        .sort()
        .reverse();
      return { actorId: actor.actorId, films: titles.slice(1, 2).map((title) => ({ title })) };
    });
    expect(data.actors).toEqual(expected);
    expect(data.actors.map((actor: { actorId: unknown }) => String(actor.actorId))).toEqual([
      '1',
      '2',
      '3',
      '4',
      BIG,
      BIGGER,
    ]);
    expect(data.actors.at(-2).films).toEqual([{ title: 'Alpha' }]);
  });

  it('reads a many-to-many nested under a hasMany in one statement per level (at most 3 at depth 2)', async () => {
    const { data, sent } = await run(
      `query ($n: Int) { languages(order: [LANGUAGE_ID_ASC]) { name
        filmsByLanguageId(order: [FILM_ID_ASC]) { filmId actors(order: [NAME_ASC], limit: $n) { name } } } }`,
      { n: 3 },
    );
    // PostgreSQL reads the films with their languages (a JSON list per language): one less.
    expect(sent).toHaveLength(dialect.name === 'postgresql' ? 2 : 3);
    const byLanguage = data.languages.map(
      (language: { filmsByLanguageId: { filmId: number; actors: { name: string }[] }[] }) =>
        language.filmsByLanguageId.map((film) => [film.filmId, film.actors.map((actor) => actor.name)]),
    );
    expect(byLanguage).toEqual([
      [1, 2, 5].map((film) => [film, actorsOf(film, 0, 3)]),
      [[3, actorsOf(3, 0, 3)]],
      [[4, []]],
    ]);
  });

  it('includes a many-to-many (LoopBack’s include) for every parent in one statement, paged per parent or whole', async () => {
    const Film = models.Film as ModelClass;
    statements.length = 0;
    const paged = await Film.find(
      {
        order: 'filmId',
        include: { relation: 'actors', scope: { order: ['name ASC'], skip: 1, limit: 2 } },
      },
      { raw: true },
    );
    expect(statements).toHaveLength(2);
    expect(
      paged.map((film: { actors: { name: string }[] }) => film.actors.map((actor) => actor.name)),
    ).toEqual([1, 2, 3, 4, 5].map((film) => actorsOf(film, 1, 2)));
    statements.length = 0;
    const films = await Film.find({
      where: { filmId: { inq: [1, 3, 4] } },
      order: 'filmId',
      include: 'actors',
    });
    expect(statements).toHaveLength(2);
    // Without an order, each film's actors come in actor id order (numeric, past 2^53 too).
    const byId = (film: number) =>
      links
        .filter((link) => link.film === film)
        .map((link) => link.actor)
        .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    for (const [index, film] of films.entries()) {
      const actors = await film.actors();
      expect(actors.map((actor: { actorId: unknown }) => String(actor.actorId))).toEqual(
        byId([1, 3, 4][index] as number),
      );
      for (const actor of actors) expect(actor.constructor).toBe(models.Actor);
    }
  });

  it('joins a many-to-many into its parents’ statement where the connector nests lists, and reads it in one more elsewhere', async () => {
    const Film = models.Film as ModelClass;
    statements.length = 0;
    const films = await Film.find(
      { order: 'filmId', fields: ['filmId', 'title'] },
      {
        raw: true,
        join: [
          { relation: 'actors', fields: ['name'], filter: { order: 'name', skip: 1, limit: 2 } },
          { relation: 'language', fields: ['name'] },
        ],
      },
    );
    expect(statements).toHaveLength(dialect.name === 'postgresql' ? 1 : 2);
    expect(
      films.map((film: { actors: { name: string }[] }) => film.actors.map((actor) => actor.name)),
    ).toEqual([1, 2, 3, 4, 5].map((film) => actorsOf(film, 1, 2)));
    expect(films[2].language).toEqual({ languageId: 2, name: 'Italian' });
  });

  it('applies operation hooks as LoopBack does: access and loaded of the targets in the one statement, the join model’s access on its own rows', async () => {
    const Film = models.Film as ModelClass;
    const Actor = models.Actor as ModelClass;
    const FilmActor = models.FilmActor as ModelClass;
    const loaded: unknown[] = [];
    Actor.observe('access', async (ctx: { query: { where?: Record<string, unknown> } }) => {
      ctx.query.where = { and: [ctx.query.where ?? {}, { name: { neq: 'Ann' } }] };
    });
    Actor.observe('loaded', async (ctx: { data: { name: string } }) => {
      loaded.push(ctx.data.name);
      ctx.data.name = ctx.data.name.toUpperCase();
    });
    try {
      statements.length = 0;
      const films = await Film.find(
        { where: { filmId: 1 }, include: { relation: 'actors', scope: { order: 'name', limit: 2 } } },
        { raw: true },
      );
      expect(statements).toHaveLength(2);
      expect(films[0].actors.map((actor: { name: string }) => actor.name)).toEqual(['BOB', 'CID']);
      expect(loaded).toEqual(['Bob', 'Cid']);
    } finally {
      Actor.clearObservers('access');
      Actor.clearObservers('loaded');
    }
    FilmActor.observe('access', async (ctx: { query: { where?: Record<string, unknown> } }) => {
      ctx.query.where = { and: [ctx.query.where ?? {}, { actorId: { neq: 2 } }] };
    });
    try {
      statements.length = 0;
      const films = await Film.find(
        { where: { filmId: 1 }, include: { relation: 'actors', scope: { order: 'name', limit: 2 } } },
        { raw: true },
      );
      // The join rows are read apart so that their listener sees them: two reads for the level.
      expect(statements).toHaveLength(3);
      expect(films[0].actors.map((actor: { name: string }) => actor.name)).toEqual(['Ann', 'Cid']);
    } finally {
      FilmActor.clearObservers('access');
    }
  });
});
