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
