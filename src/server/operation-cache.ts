/**
 * Parsed, validated and compiled operations, cached so a repeated query costs no parse, no
 * validation and no planning. Documents are kept in an LRU keyed by the query text (shared with
 * yoga's parser cache, so both HTTP paths reuse one document object); each document's operations
 * are compiled once with graphql-jit (or, with jit off, run by the same executor yoga uses) and
 * remembered beside the document.
 *
 * How a compiled operation stays indistinguishable from the reference executor (variables, errors,
 * default resolvers) is told in jit-operation.ts. graphql-jit (in the bundled CLI without its
 * unused JSON serializer compiler: scripts/bundle-stubs/) is imported after the gateway starts
 * serving — `loadJit()`, called after the first operation or by the server shortly after
 * listen — so a start does not wait for it; until it is loaded,
 * operations run on the reference executor (same answers) and are compiled once it is there.
 */
import { type ExecutionArgs, normalizedExecutor } from '@graphql-tools/executor';
import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { compileJitOperation } from './jit-operation.js';
import { LruCache } from './lru-cache.js';

/** What executing an operation gives: a result, an async iterable (subscriptions, `@defer`), or a promise of one. */
export type OperationOutcome =
  | ExecutionResult
  | AsyncIterable<ExecutionResult>
  | Promise<ExecutionResult | AsyncIterable<ExecutionResult>>;

/** Runs one operation of one document for a request. */
export type OperationRunner = (
  contextValue: unknown,
  variables: Record<string, unknown> | undefined,
) => OperationOutcome;

/** What runs an operation: code compiled by graphql-jit, or the reference executor yoga uses. */
export type OperationEngine = 'graphql-jit' | 'executor';

/** How one operation of one document runs (remembered per document and operation name). */
interface CompiledOperation {
  document: DocumentNode;
  /** The operation; null when the document has none of that name (the executor words the error). */
  operation: OperationDefinitionNode | null;
  engine: OperationEngine;
  run: OperationRunner;
  /** Runs on the executor only until graphql-jit is loaded: not remembered. */
  provisional?: boolean;
}

/** One executable operation of a cached, valid document. */
export interface PreparedOperation extends CompiledOperation {
  operation: OperationDefinitionNode;
}

/** Options of `OperationCache`. */
export interface OperationCacheOptions {
  schema: GraphQLSchema;
  /** Compile operations with graphql-jit (true) or run them with the reference executor (false). */
  jit: boolean;
  /** Distinct query texts remembered (default 1,000). */
  maxDocuments?: number;
  /** Longer query texts are prepared every time, never cached (default 64 KiB). */
  maxCachedQueryLength?: number;
}

interface DocumentEntry {
  /** Undefined when the text does not parse. */
  document: DocumentNode | undefined;
  /** Validation errors, once validated (empty: valid). */
  errors?: readonly GraphQLError[];
}

/** Whether `value` is a promise or a promise-like (thenable) object. */
export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Caches documents by query text and compiled operations by document. */
export class OperationCache {
  readonly jit: boolean;
  private readonly schema: GraphQLSchema;
  private readonly documents: LruCache<string, DocumentEntry>;
  private readonly maxCachedQueryLength: number;
  private readonly compiled = new WeakMap<DocumentNode, Map<string, CompiledOperation>>();
  private compileJit: typeof compileJitOperation | undefined;
  private jitLoading: Promise<void> | undefined;

  constructor(options: OperationCacheOptions) {
    this.schema = options.schema;
    this.jit = options.jit;
    this.documents = new LruCache(options.maxDocuments ?? 1_000);
    this.maxCachedQueryLength = options.maxCachedQueryLength ?? 65_536;
  }

  /**
   * The operation `operationName` of `query`, parsed, validated and compiled; undefined when the
   * query does not parse, is invalid, or has no such operation (the caller lets yoga answer those).
   */
  prepare(query: string, operationName: string | null | undefined): PreparedOperation | undefined {
    const entry = this.entry(query);
    const document = entry.document;
    if (!document) return undefined;
    entry.errors ??= validate(this.schema, document);
    if (entry.errors.length > 0) return undefined;
    const compiled = this.compile(document, operationName);
    return compiled.operation ? (compiled as PreparedOperation) : undefined;
  }

  /** Executes like `execute(args)`, with the cached compiled operation of `args.document`. */
  readonly execute = (args: ExecutionArgs): OperationOutcome =>
    this.compile(args.document, args.operationName).run(
      args.contextValue,
      (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
    );

  /** The document cache as yoga's parser cache expects it (`parserAndValidationCache.documentCache`). */
  readonly documentCache = {
    get: (query: string): DocumentNode | undefined => this.documents.get(query)?.document,
    set: (query: string, document: DocumentNode): void => {
      if (query.length > this.maxCachedQueryLength) return;
      const known = this.documents.get(query);
      if (known?.document) return;
      this.documents.set(query, { document });
    },
  };

  /** A yoga plugin executing every operation through this cache (graphql-jit when enabled). */
  plugin(): Plugin {
    return {
      onExecute: ({ setExecuteFn }) => {
        setExecuteFn(this.execute);
      },
    };
  }

  /** Imports graphql-jit (once); operations prepared afterwards are compiled with it. No-op with jit off. */
  loadJit(): Promise<void> {
    if (!this.jit) return Promise.resolve();
    this.jitLoading ??= import('./jit-operation.js').then((module) => {
      this.compileJit = module.compileJitOperation;
    });
    return this.jitLoading;
  }

  private entry(query: string): DocumentEntry {
    const cacheable = query.length <= this.maxCachedQueryLength;
    const known = cacheable ? this.documents.get(query) : undefined;
    if (known) return known;
    let document: DocumentNode | undefined;
    try {
      document = parse(query);
    } catch {
      document = undefined;
    }
    const entry: DocumentEntry = { document };
    if (cacheable) this.documents.set(query, entry);
    return entry;
  }

  private compile(document: DocumentNode, operationName: string | null | undefined): CompiledOperation {
    let byName = this.compiled.get(document);
    if (!byName) {
      byName = new Map();
      this.compiled.set(document, byName);
    }
    const key = operationName ?? '';
    let compiled = byName.get(key);
    if (!compiled) {
      compiled = this.createRunner(document, operationName);
      if (!compiled.provisional) byName.set(key, compiled);
    }
    return compiled;
  }

  private createRunner(document: DocumentNode, operationName: string | null | undefined): CompiledOperation {
    const schema = this.schema;
    const reference: OperationRunner = (contextValue, variableValues) =>
      normalizedExecutor({ schema, document, contextValue, variableValues, operationName });
    const operation = getOperationAST(document, operationName) ?? null;
    const onExecutor: CompiledOperation = { document, operation, engine: 'executor', run: reference };
    // Subscriptions and unknown operations: the reference executor answers (and words the error).
    if (!this.jit || !operation || operation.operation === 'subscription') return onExecutor;
    if (!this.compileJit) {
      // After this request is answered, not before it.
      setImmediate(() => void this.loadJit());
      return { ...onExecutor, provisional: true };
    }
    const run = this.compileJit(schema, document, operation, reference);
    return run ? { document, operation, engine: 'graphql-jit', run } : onExecutor;
  }
}
