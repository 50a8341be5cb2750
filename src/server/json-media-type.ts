/**
 * Which JSON media type a GraphQL response gets, decided exactly as yoga's result processors
 * decide it (so the fast path and yoga never disagree): the Accept list is read last entry
 * first, entries with a charset other than utf-8 are skipped, and for each entry that matches,
 * `application/graphql-response+json` and then `application/json` are tried, the last match
 * winning. No match means yoga must answer (event streams, multipart, 406).
 */
import { LruCache } from './lru-cache.js';

/** The two media types of a single GraphQL over HTTP JSON response. */
export type JsonMediaType = 'application/graphql-response+json' | 'application/json';

const JSON_MEDIA_TYPES: readonly JsonMediaType[] = ['application/graphql-response+json', 'application/json'];

/** Whether the requested media type (wildcards allowed) covers the offered one. */
function covers(requested: string, offered: string): boolean {
  const [offeredType, offeredSubtype] = offered.split('/');
  const [type, subtype] = requested.split('/');
  return (type === '*' || type === offeredType) && (subtype === '*' || subtype === offeredSubtype);
}

/**
 * The JSON media type to answer a request with this Accept header, or undefined when only a
 * streaming or unknown type is acceptable.
 *
 * @example
 * negotiateJsonMediaType(undefined); // 'application/json'
 * negotiateJsonMediaType('application/graphql-response+json, application/json;q=0.9'); // 'application/graphql-response+json'
 */
export function negotiateJsonMediaType(accept: string | undefined): JsonMediaType | undefined {
  if (!accept) return 'application/json';
  const known = negotiated.get(accept);
  if (known !== undefined) return known ?? undefined;
  const chosen = negotiate(accept);
  negotiated.set(accept, chosen ?? null);
  return chosen;
}

// Clients send few distinct Accept headers; remembering them keeps string work off each request
// (within 64 KiB: a client sending ever-new long headers cannot grow it).
const negotiated = new LruCache<string, JsonMediaType | null>({
  maxCost: 64 * 1024,
  costOf: (accept) => accept.length + 64,
});

function negotiate(accept: string): JsonMediaType | undefined {
  const entries = accept.replace(/\s/g, '').toLowerCase().split(',');
  let chosen: JsonMediaType | undefined;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const [mediaType, ...params] = (entries[index] as string).split(';');
    if (mediaType === undefined) continue;
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    for (const offered of JSON_MEDIA_TYPES) if (covers(mediaType, offered)) chosen = offered;
  }
  return chosen;
}
