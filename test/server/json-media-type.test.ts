import { describe, expect, it } from 'vitest';
import { negotiateJsonMediaType } from '../../src/server/json-media-type.js';
import { LruCache } from '../../src/server/lru-cache.js';

describe('the JSON media type of a GraphQL response', () => {
  it('is application/json without an Accept header or for */*', () => {
    expect(negotiateJsonMediaType(undefined)).toBe('application/json');
    expect(negotiateJsonMediaType('*/*')).toBe('application/json');
  });

  it('follows the first acceptable entry of the Accept list', () => {
    expect(negotiateJsonMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(negotiateJsonMediaType('application/json, application/graphql-response+json')).toBe(
      'application/json',
    );
    expect(negotiateJsonMediaType('text/event-stream, application/*')).toBe('application/json');
  });

  it('is undefined when only streaming types or other charsets are acceptable', () => {
    expect(negotiateJsonMediaType('text/event-stream')).toBeUndefined();
    expect(negotiateJsonMediaType('multipart/mixed')).toBeUndefined();
    expect(negotiateJsonMediaType('application/json; charset=latin1')).toBeUndefined();
  });
});

describe('the LRU cache', () => {
  it('forgets the least recently used key first', () => {
    const cache = new LruCache<string, number>({ maxCost: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('is bounded by the cost of its entries, not their count, and skips an entry over the whole budget', () => {
    const cache = new LruCache<string, string>({
      maxCost: 100,
      costOf: (key, value) => key.length + value.length,
    });
    for (let index = 0; index < 50; index += 1) cache.set(`key${index}`, 'x'.repeat(20));
    expect(cache.cost).toBeLessThanOrEqual(100);
    expect(cache.size).toBe(4);
    cache.set('huge', 'y'.repeat(200));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.cost).toBeLessThanOrEqual(100);
  });
});
