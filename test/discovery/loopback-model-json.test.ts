import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fromLoopBackModelJson,
  toLoopBackModelJson,
} from '../../src/juggler/discovery/loopback-model-json.js';
import type { ModelDefinition } from '../../src/juggler/model-definition.js';

const require = createRequire(import.meta.url);
const MODELS = join(import.meta.dirname, '../cache/fixtures/demo-cache-before-integer-widths/models');
/** The demo's cache as discovery writes it today (relations carry their constraint). */
const CURRENT_MODELS = join(import.meta.dirname, '../../schema-cache/demo/models');
const definitions = readdirSync(MODELS).map(
  (file) => JSON.parse(readFileSync(join(MODELS, file), 'utf8')) as ModelDefinition,
);

describe('discovered model JSON loads in LoopBack (loopback-datasource-juggler 6)', () => {
  it('defines every model, Decimal as a number, and navigates belongsTo and hasMany through', async () => {
    const { DataSource } = require('loopback-datasource-juggler');
    const ds = new DataSource('memory');
    const written = definitions.map((definition) =>
      JSON.parse(JSON.stringify(toLoopBackModelJson(definition))),
    );
    for (const json of written) ds.createModel(json.name, json.properties, json.options);
    const { Book, Author, BookAuthor, Publisher } = ds.models;
    expect(Book.definition.properties.price.type).toBe(Number);
    const publisher = await Publisher.create({ name: 'P', city: 'Oslo' });
    const book = await Book.create({
      title: 'T',
      isbn: '9780000000001',
      genre: 'poetry',
      publishedOn: '2020-01-01',
      pages: 10,
      price: 9.5,
      publisherId: publisher.publisherId,
    });
    const author = await Author.create({ fullName: 'A' });
    await BookAuthor.create({ bookId: book.bookId, authorId: author.authorId });
    const found = await Book.findById(book.bookId);
    expect(found.price).toBe(9.5);
    expect((await found.publisher.get()).name).toBe('P');
    expect((await found.authors.find()).map((a: { fullName: string }) => a.fullName)).toEqual(['A']);
  });

  it("loads the facts Discograph keeps on relations (a belongsTo's constraint) and a one-to-one hasOne", async () => {
    const { DataSource } = require('loopback-datasource-juggler');
    const ds = new DataSource('memory');
    const current = readdirSync(CURRENT_MODELS).map(
      (file) => JSON.parse(readFileSync(join(CURRENT_MODELS, file), 'utf8')) as ModelDefinition,
    );
    expect(JSON.stringify(current)).toContain('"constraint"');
    // As discovery writes a unique foreign key (artist_detail.artist_id unique references artist).
    const oneToOne: ModelDefinition[] = [
      {
        name: 'Artist',
        options: {
          idInjection: false,
          relations: { artistDetail: { type: 'hasOne', model: 'ArtistDetail', foreignKey: 'artistId' } },
        },
        properties: { artistId: { type: 'Number', id: 1, generated: true }, name: { type: 'String' } },
      },
      {
        name: 'ArtistDetail',
        options: {
          idInjection: false,
          relations: {
            artist: {
              type: 'belongsTo',
              model: 'Artist',
              foreignKey: 'artistId',
              discograph: { constraint: 'artist_detail_artist_id_fkey' },
            },
          },
        },
        properties: {
          artistDetailId: { type: 'Number', id: 1, generated: true },
          artistId: { type: 'Number', index: { unique: true } },
          note: { type: 'String' },
        },
      },
    ];
    for (const definition of [...current, ...oneToOne]) {
      const json = JSON.parse(JSON.stringify(toLoopBackModelJson(definition)));
      ds.createModel(json.name, json.properties, json.options);
    }
    const { Artist, ArtistDetail, Loan, Book, Member, Publisher } = ds.models;
    const artist = await Artist.create({ name: 'Ann' });
    await ArtistDetail.create({ artistId: artist.artistId, note: 'solo' });
    expect((await artist.artistDetail.get()).note).toBe('solo');
    const publisher = await Publisher.create({ name: 'P', city: 'Oslo' });
    const book = await Book.create({
      title: 'T',
      isbn: '1',
      genre: 'poetry',
      publishedOn: '2020-01-01',
      pages: 1,
      price: 1,
      publisherId: publisher.publisherId,
    });
    const member = await Member.create({ fullName: 'M', email: 'm@example.com', joinedOn: '2020-01-01' });
    const loan = await Loan.create({
      bookId: book.bookId,
      memberId: member.memberId,
      loanedOn: '2020-01-02',
      dueOn: '2020-01-30',
    });
    expect((await loan.book.get()).title).toBe('T');
  });

  it('is needed: the definitions as the schema cache holds them are refused by LoopBack', () => {
    const { DataSource } = require('loopback-datasource-juggler');
    const ds = new DataSource('memory');
    const raw = definitions.map((definition) => JSON.parse(JSON.stringify(definition)));
    expect(() => {
      for (const json of raw) ds.createModel(json.name, json.properties, json.options);
    }).toThrow(/hasManyThrough/);
  });

  it('the committed demo cache loads as it is (written in this form by discover)', async () => {
    const { DataSource } = require('loopback-datasource-juggler');
    const ds = new DataSource('memory');
    const dir = join(import.meta.dirname, '../../schema-cache/demo/models');
    for (const file of readdirSync(dir)) {
      const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      ds.createModel(json.name, json.properties, json.options);
    }
    expect(ds.models.Book.definition.properties.price.type).toBe(Number);
    expect(ds.models.Book.definition.properties.createdAt.type).toBe(Date);
  });

  it('reads back to the same definition Discograph wrote', () => {
    for (const definition of definitions) {
      expect(fromLoopBackModelJson(JSON.parse(JSON.stringify(toLoopBackModelJson(definition))))).toEqual(
        definition,
      );
    }
  });
});
