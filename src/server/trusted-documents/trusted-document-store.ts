/**
 * The trusted documents a gateway serves, and the one per-request step they add: turning a
 * request's parameters into the query text the pipeline prepares. A request names a document by
 * hash — Apollo's automatic persisted queries shape `extensions.persistedQuery.sha256Hash`, or the
 * GraphQL over HTTP persisted documents draft's `documentId` (`"sha256:<hex>"`, or a manifest's
 * own key) — or sends its full text, which must then be a trusted document unless
 * `allowArbitrary`. Each request costs one Map (or Set) lookup; nothing is hashed per request.
 */
import { GraphQLError } from 'graphql';

/** The parameters of a request that say which document it runs, as the transport read them. */
export interface DocumentParams {
  query: unknown;
  extensions: unknown;
  documentId: unknown;
}

const SHA256_PREFIX = 'sha256:';

/** The id a manifest key or `documentId` stands for (a `sha256:` prefix dropped). */
export function documentIdOf(key: string): string {
  return key.startsWith(SHA256_PREFIX) ? key.slice(SHA256_PREFIX.length) : key;
}

/** The hash a request names, if it names one (`documentId` first, then the APQ extension). */
function requestedId(params: DocumentParams): string | undefined {
  if (typeof params.documentId === 'string') return documentIdOf(params.documentId);
  const extensions = params.extensions;
  if (extensions === null || typeof extensions !== 'object') return undefined;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (persisted === null || typeof persisted !== 'object') return undefined;
  const hash = (persisted as { sha256Hash?: unknown }).sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/**
 * The error of a request naming a hash no trusted document has: HTTP 404, code
 * PERSISTED_QUERY_NOT_FOUND (its message starts with `PersistedQueryNotFound`, which Apollo
 * clients also recognise).
 */
export function persistedQueryNotFound(id: string): GraphQLError {
  return new GraphQLError(
    `PersistedQueryNotFound: no trusted document has the id "${id.slice(0, 80)}"; send one of the hashes \`discograph trusted-documents\` prints`,
    { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } } },
  );
}

/** The error of a request whose full text is not a trusted document: HTTP 403, code DOCUMENT_NOT_TRUSTED. */
export function documentNotTrusted(): GraphQLError {
  return new GraphQLError(
    'Only trusted documents are accepted: send the hash of one (extensions.persistedQuery.sha256Hash or documentId) or its exact text, as `discograph trusted-documents` prints them',
    { extensions: { code: 'DOCUMENT_NOT_TRUSTED', http: { status: 403 } } },
  );
}

/** The allow-list of documents, by id and by text. */
export class TrustedDocumentStore {
  private readonly byId = new Map<string, string>();
  private readonly texts = new Set<string>();

  /**
   * @param documents id (a SHA-256 hex, or a manifest's own key) → document text
   * @param allowArbitrary run full texts that are not in the list too
   */
  constructor(
    documents: Iterable<readonly [string, string]>,
    readonly allowArbitrary: boolean,
  ) {
    for (const [id, text] of documents) {
      this.byId.set(documentIdOf(id), text);
      this.texts.add(text);
    }
  }

  /** How many distinct documents are trusted. */
  get size(): number {
    return this.texts.size;
  }

  /**
   * The query text to prepare for `params`, or the coded error refusing the request; undefined when
   * the parameters name no document at all (the transport's own checks word that).
   */
  resolve(params: DocumentParams): string | GraphQLError | undefined {
    const { query } = params;
    if (typeof query === 'string') {
      return this.allowArbitrary || this.texts.has(query) ? query : documentNotTrusted();
    }
    if (query != null) return undefined;
    const id = requestedId(params);
    if (id === undefined) return undefined;
    return this.byId.get(id) ?? persistedQueryNotFound(id);
  }
}
