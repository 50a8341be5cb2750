/**
 * Hostile requests for the canary (test/support/canary.ts) and the hostile suite: each is a name
 * and what is sent. Add new ones to `HOSTILE_REQUESTS` (or pass a list of your own to `runCanary`).
 */
import type { HostileRequest } from './canary.js';

const MB = 1024 * 1024;

/** `{and: [{and: [ ... {trackId: {eq: 1}} ... ]}]}` nested `depth` levels, as a GraphQL literal. */
function nestedWhereLiteral(depth: number): string {
  return `${'{and: ['.repeat(depth)}{trackId: {eq: 1}}${']}'.repeat(depth)}`;
}

/** The same nesting as JSON text (a variable; JSON.stringify itself overflows the stack on it). */
function nestedWhereJson(depth: number): string {
  return `${'{"and": ['.repeat(depth)}{"trackId": {"eq": 1}}${']}'.repeat(depth)}`;
}

const ids = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

/** Today's simple hostile requests (issue 15, "No single request may take the gateway down"). */
export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  { name: 'malformed JSON', body: '{"query": "{ tracks { name } "' },
  { name: 'a JSON body that is not an object', body: '[[[[[[[[[[1]]]]]]]]]]' },
  {
    name: 'a 10 MB body',
    body: { json: { query: '{ tracks(limit: 1) { name } }', variables: { padding: 'x'.repeat(10 * MB) } } },
  },
  {
    name: 'a 10 MB document',
    body: { json: { query: `{ tracks(limit: 1) { name } }${' '.repeat(10 * MB)}` } },
  },
  {
    name: 'a where nested 1,000 levels (literal)',
    body: { json: { query: `{ tracksCount(where: ${nestedWhereLiteral(1_000)}) }` } },
  },
  {
    name: 'a where nested 20,000 levels (literal)',
    body: { json: { query: `{ tracksCount(where: ${nestedWhereLiteral(20_000)}) }` } },
  },
  {
    name: 'a where nested 20,000 levels (variable)',
    body: `{"query": "query Q($w: TrackWhere) { tracksCount(where: $w) }", "variables": {"w": ${nestedWhereJson(20_000)}}}`,
  },
  {
    name: 'an inq of 100,000 values (variable)',
    body: {
      json: {
        query: 'query Q($ids: [Int!]) { tracksCount(where: {trackId: {inq: $ids}}) }',
        variables: { ids: ids(100_000) },
      },
    },
  },
  {
    name: 'an inq of 100,000 values (literal)',
    body: { json: { query: `{ tracksCount(where: {trackId: {inq: [${ids(100_000).join(',')}]}}) }` } },
  },
  {
    name: 'a wrong variable type (a string for Int!)',
    body: {
      json: { query: 'query Q($id: Int!) { track(trackId: $id) { name } }', variables: { id: 'one' } },
    },
  },
  {
    name: 'a wrong variable type (a string for a where input)',
    body: {
      json: {
        query: 'query Q($w: TrackWhere) { tracks(where: $w, limit: 1) { name } }',
        variables: { w: 'all' },
      },
    },
  },
  {
    name: 'invalid UTF-8 in a string filter',
    body: Buffer.concat([
      Buffer.from('{"query": "{ tracks(where: {name: {eq: \\"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('\\"}}, limit: 1) { name } }"}'),
    ]),
  },
];
