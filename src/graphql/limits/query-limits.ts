/**
 * The limits every operation is held to, on by default: page sizes of lists, the shape of the
 * document (size, tokens, depth, aliases, root fields), the size of filters (`inq`/`nin` lists,
 * `and`/`or` nesting) and the estimated cost of its plan. Each violation is a GraphQLError with a
 * stable code and the limit and the actual value in `extensions` (see limit-error.ts).
 */

/** Page sizes of every list: root lists, relation lists and connections. */
export interface PageSizes {
  /** Rows of a list read without `limit` (or a connection without `first`/`last`). */
  readonly default: number;
  /** The largest `limit`/`first`/`last` accepted; a larger one is refused, never cut. */
  readonly max: number;
}

/** Every limit of an operation. */
export interface QueryLimits {
  readonly pageSizes: PageSizes;
  /** Field levels of the deepest selection, fragments expanded (`{ tracks { name } }` is 2). */
  readonly maxDepth: number;
  /** Aliased fields of an operation, fragments expanded. */
  readonly maxAliases: number;
  /** Fields selected at the root of an operation, fragments expanded. */
  readonly maxRootFields: number;
  /** The query text's length in bytes (UTF-8). */
  readonly maxDocumentBytes: number;
  /** Lexical tokens of the query text (graphql-js `parse(…, { maxTokens })`). */
  readonly maxTokens: number;
  /** Values of one `inq`/`nin` list, literal or variable. */
  readonly maxListLength: number;
  /** Nesting of `and`/`or` in one `where`, literal or variable. */
  readonly maxFilterDepth: number;
  /** The estimated cost of an operation's plan (see plan/operation-cost.ts). */
  readonly maxCost: number;
}

/** The limits when nothing is configured. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  pageSizes: Object.freeze({ default: 100, max: 1_000 }),
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 20,
  maxDocumentBytes: 50_000,
  maxTokens: 5_000,
  maxListLength: 1_000,
  maxFilterDepth: 16,
  maxCost: 50_000,
});

/**
 * How deep any argument value may nest (object and list levels): room for `maxFilterDepth` levels
 * of `and`/`or` (an object and a list each) and a field's operator object, so that no value
 * reaches code that recurses over it deeper than this.
 */
export function maxValueDepth(limits: Pick<QueryLimits, 'maxFilterDepth'>): number {
  return 2 * limits.maxFilterDepth + 8;
}

/** The arguments that ask for a page size (PAGE_SIZE_EXCEEDED above `pageSizes.max`). */
export const PAGE_ARGUMENTS: ReadonlySet<string> = new Set(['limit', 'first', 'last']);

/** The filter operators whose operand is a list (LIST_TOO_LONG above `maxListLength`). */
export const LIST_OPERATORS: ReadonlySet<string> = new Set(['inq', 'nin']);
