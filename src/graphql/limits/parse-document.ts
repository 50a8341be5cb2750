/**
 * Parsing a query text within the limits: its size in bytes, its token count and its nesting are
 * checked before graphql-js's parser (which recurses once per nesting level) ever sees it.
 *
 * @example
 * parseWithinLimits('{ tracks { name } }', DEFAULT_QUERY_LIMITS); // the DocumentNode
 * parseWithinLimits('{ a(x: ' + '['.repeat(100000) + ...); // throws VALUE_TOO_DEEP, no RangeError
 */
import { type DocumentNode, parse } from 'graphql';
import { scanDocument } from './document-scan.js';
import { limitExceeded } from './limit-error.js';
import type { QueryLimits } from './query-limits.js';

/** The UTF-8 length of `query`, computed only when its character count leaves it in doubt. */
function byteLength(query: string, max: number): number {
  // A character takes one to three UTF-8 bytes (a surrogate pair, two characters, takes four).
  if (query.length > max || query.length * 3 <= max) return query.length;
  return Buffer.byteLength(query, 'utf8');
}

/** The document of `query`; a limit exceeded or a syntax error is thrown as a GraphQLError. */
export function parseWithinLimits(query: string, limits: QueryLimits): DocumentNode {
  const bytes = byteLength(query, limits.maxDocumentBytes);
  if (bytes > limits.maxDocumentBytes) {
    const actual = Buffer.byteLength(query, 'utf8');
    throw limitExceeded(
      'DOCUMENT_TOO_LARGE',
      `The document is ${actual} bytes long; at most ${limits.maxDocumentBytes} are allowed`,
      limits.maxDocumentBytes,
      actual,
    );
  }
  const refused = scanDocument(query, limits);
  if (refused) throw refused;
  return parse(query, { maxTokens: limits.maxTokens });
}
