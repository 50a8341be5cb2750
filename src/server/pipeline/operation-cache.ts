/**
 * The prepare phase of the request pipeline: parse, validate (graphql-js's rules plus the
 * configured ones), and compile each operation once. Documents are kept in an LRU keyed by the
 * query text (shared with yoga's parser cache, so both HTTP paths reuse one document object),
 * bounded by an estimate of the memory they hold (`maxBytes`), not by their count: what one
 * document holds grows with its text (measured: 40–90 bytes of AST per character of text);
 * a document's validation errors and compiled operations are kept beside it and die with it.
 * Only operations a document really has are remembered: an operation name the document lacks is
 * answered (by the executor's error) but never stored, so no client-chosen name grows the cache.
 *
 * How a compiled operation stays indistinguishable from the reference executor (variables, errors)
 * is told in jit-operation.ts. graphql-jit (in the bundled CLI without its unused JSON serializer
 * compiler: scripts/bundle-stubs/) is imported after the gateway starts serving — `loadJit()`,
 * called after the first operation or by the server shortly after listen — so a start does not
 * wait for it; until it is loaded, operations run on the reference executor (same answers) and are
 * compiled once it is there.
 */
import {
  type DocumentNode,
  type ExecutionResult,
  execute as executeReference,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from 'graphql';
import { isAtomicOperation } from '../../graphql/atomic-mutation.js';
import { LruCache } from '../lru-cache.js';
import type { compileJitOperation } from './jit-operation.js';
import type { OperationGuard, PipelineLimits } from './pipeline-limits.js';
import { withCodedVariableErrors } from './variable-errors.js';

/** The operation cache's default memory budget: 32 MiB. */
export const DEFAULT_OPERATION_CACHE_BYTES = 32 * 1024 * 1024;

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

/** How one operation of one document runs. */
interface CompiledOperation {
  document: DocumentNode;
  /** The operation; null when the document has none of that name (the executor words the error). */
  operation: OperationDefinitionNode | null;
  engine: OperationEngine;
  run: OperationRunner;
  /** The operation's plan (what the resolvers read through), made by the configured planner. */
  plan?: unknown;
  /** What the query limits decided about it (when limits are configured). */
  guard?: OperationGuard;
}

/** Plans one operation of a document (the GraphQL layer's operation plan, opaque here). */
export type OperationPlannerFunction = (
  document: DocumentNode,
  operation: OperationDefinitionNode,
) => unknown;

/** One executable operation of a valid document, prepared once and run per request. */
export interface PreparedOperation extends CompiledOperation {
  operation: OperationDefinitionNode;
  /** The operation's name, if it has one. */
  name: string | undefined;
  /** `query`, `mutation` or `subscription`. */
  kind: OperationDefinitionNode['operation'];
  /** A mutation marked `@atomic`: all its fields in one transaction, rolled back on the first error. */
  atomic: boolean;
}

/** Options of `OperationCache`. */
export interface OperationCacheOptions {
  schema: GraphQLSchema;
  /** Compile operations with graphql-jit (true) or run them with the reference executor (false). */
  jit: boolean;
  /** Memory the cached documents may hold, in bytes as `estimatedDocumentBytes` counts them (default 32 MiB). */
  maxBytes?: number;
  /** Longer query texts are prepared every time, never cached (default 64 KiB). */
  maxCachedQueryLength?: number;
  /** Validation rules run after graphql-js's specified rules (the pipeline's hooks give them). */
  validationRules?: readonly ValidationRule[];
  /** Plans each operation once, when it is compiled; the plan is kept with it. */
  planner?: OperationPlannerFunction;
  /** Told when the planner fails on an operation (which then runs without a plan). */
  onPlanError?: (error: unknown) => void;
  /** The query limits: parse within them, check documents and operations once. */
  limits?: PipelineLimits;
  /**
   * Another schema's cache whose parsed documents this one reuses (documents do not depend on the
   * schema; validation and compiled operations stay per cache).
   */
  shareDocumentsWith?: OperationCache;
}

/** What is known of one parsed document: its validation errors and its compiled operations. */
interface PreparedDocument {
  errors?: readonly GraphQLError[];
  readonly operations: Map<string, CompiledOperation>;
}

/** Why `prepare` gave no operation (the request is then answered by yoga, which words the error). */
export type PrepareFailure = 'syntax' | 'invalid' | 'unknown-operation';

/** Estimated bytes of AST (and the key's text) per character of a document's text. */
const BYTES_PER_QUERY_CHARACTER = 64;
/** Estimated bytes of one cached document beyond its AST: validation result, compiled operations, plan. */
const BYTES_PER_DOCUMENT = 4096;

/** The memory one cached document is counted for: its text length times an AST estimate, plus a fixed part. */
export function estimatedDocumentBytes(query: string): number {
  return query.length * BYTES_PER_QUERY_CHARACTER + BYTES_PER_DOCUMENT;
}

/** Whether `value` is a promise or a promise-like (thenable) object. */
export function isPromiseLike<T>(value: unknown): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Caches documents by query text, and their validation and compiled operations by document. */
export class OperationCache {
  readonly jit: boolean;
  private readonly schema: GraphQLSchema;
  /** Query text → document (null: the text does not parse). */
  private readonly documents: LruCache<string, DocumentNode | null>;
  private readonly maxCachedQueryLength: number;
  private readonly prepared = new WeakMap<DocumentNode, PreparedDocument>();
  private readonly rules: readonly ValidationRule[];
  private readonly planner: OperationPlannerFunction | undefined;
  private readonly onPlanError: ((error: unknown) => void) | undefined;
  private readonly limits: PipelineLimits | undefined;
  private compileJit: typeof compileJitOperation | undefined;
  private jitLoading: Promise<void> | undefined;

  constructor(options: OperationCacheOptions) {
    this.schema = options.schema;
    this.jit = options.jit;
    this.documents =
      options.shareDocumentsWith?.documents ??
      new LruCache({
        maxCost: options.maxBytes ?? DEFAULT_OPERATION_CACHE_BYTES,
        costOf: estimatedDocumentBytes,
      });
    this.maxCachedQueryLength = options.maxCachedQueryLength ?? 65_536;
    this.planner = options.planner;
    this.onPlanError = options.onPlanError;
    this.limits = options.limits;
    this.rules = options.validationRules?.length
      ? [...specifiedRules, ...options.validationRules]
      : specifiedRules;
  }

  /**
   * The operation `operationName` of `query`, parsed, validated and compiled; or why there is
   * none (a syntax error, validation errors, no such operation).
   */
  prepare(query: string, operationName: string | null | undefined): PreparedOperation | PrepareFailure {
    const document = this.parse(query);
    if (!document) return 'syntax';
    if (this.validate(document).length > 0) return 'invalid';
    const compiled = this.compile(document, operationName);
    return compiled.operation ? (compiled as PreparedOperation) : 'unknown-operation';
  }

  /**
   * The validation errors of a document (graphql-js's rules, then the configured ones), computed
   * once per document: what both HTTP paths validate with.
   */
  validate(document: DocumentNode): readonly GraphQLError[] {
    const prepared = this.preparedOf(document);
    if (!prepared.errors) {
      // A document over the limits never reaches graphql-js's rules (some are costly on hostile input).
      const refused = this.limits?.checkDocument(document);
      prepared.errors = refused?.length ? refused : validate(this.schema, document, this.rules);
    }
    return prepared.errors;
  }

  /** The compiled operation of a (valid) document; unknown operation names run on the executor, which words the error. */
  compile(document: DocumentNode, operationName: string | null | undefined): CompiledOperation {
    const prepared = this.preparedOf(document);
    const key = operationName ?? '';
    const known = prepared.operations.get(key);
    if (known) return known;
    const operation = getOperationAST(document, operationName) ?? null;
    const { compiled, provisional } = this.createRunner(document, operation);
    if (operation && !provisional) prepared.operations.set(key, compiled);
    return compiled;
  }

  /** What the cached documents are counted for (bytes, estimated) and how many there are. */
  get usage(): { bytes: number; documents: number } {
    return { bytes: this.documents.cost, documents: this.documents.size };
  }

  /** The document cache as yoga's parser cache expects it (`parserAndValidationCache.documentCache`). */
  readonly documentCache = {
    get: (query: string): DocumentNode | undefined => this.documents.get(query) ?? undefined,
    set: (query: string, document: DocumentNode): void => {
      if (query.length > this.maxCachedQueryLength || this.documents.get(query)) return;
      this.documents.set(query, document);
    },
  };

  /**
   * Parses a query text (within the limits, when configured); throws a GraphQLError. Yoga parses
   * with it, so both paths refuse the same documents with the same errors.
   */
  parseDocument(query: string): DocumentNode {
    return this.limits ? this.limits.parse(query) : parse(query);
  }

  /** Imports graphql-jit (once); operations prepared afterwards are compiled with it. No-op with jit off. */
  loadJit(): Promise<void> {
    if (!this.jit) return Promise.resolve();
    this.jitLoading ??= import('./jit-operation.js').then((module) => {
      this.compileJit = module.compileJitOperation;
    });
    return this.jitLoading;
  }

  private parse(query: string): DocumentNode | null {
    const cacheable = query.length <= this.maxCachedQueryLength;
    const known = cacheable ? this.documents.get(query) : undefined;
    if (known !== undefined) return known;
    let document: DocumentNode | null;
    try {
      document = this.parseDocument(query);
    } catch {
      document = null;
    }
    if (cacheable) this.documents.set(query, document);
    return document;
  }

  /**
   * The operation's plan; none when planning fails (a planner defect must not fail the request:
   * its resolvers then plan per request, and the failure is reported once here).
   */
  private plan(document: DocumentNode, operation: OperationDefinitionNode): unknown {
    if (!this.planner) return undefined;
    try {
      return this.planner(document, operation);
    } catch (error) {
      this.onPlanError?.(error);
      return undefined;
    }
  }

  private preparedOf(document: DocumentNode): PreparedDocument {
    let prepared = this.prepared.get(document);
    if (!prepared) {
      prepared = { operations: new Map() };
      this.prepared.set(document, prepared);
    }
    return prepared;
  }

  private createRunner(
    document: DocumentNode,
    operation: OperationDefinitionNode | null,
  ): { compiled: CompiledOperation | PreparedOperation; provisional: boolean } {
    const schema = this.schema;
    const operationName = operation?.name?.value;
    const execute: OperationRunner = (contextValue, variableValues) =>
      // graphql-js itself: the reference, also for the order of an answer's keys (the selection's).
      executeReference({ schema, document, contextValue, variableValues, operationName });
    const plan = operation ? this.plan(document, operation) : undefined;
    // For an operation the document has, variable-coercion errors get their code.
    const coded = <T extends ExecutionResult | AsyncIterable<ExecutionResult>>(result: T): T =>
      Symbol.asyncIterator in result ? result : (withCodedVariableErrors(result as ExecutionResult) as T);
    const reference: OperationRunner = operation
      ? (contextValue, variableValues) => {
          const outcome = execute(contextValue, variableValues);
          return isPromiseLike<ExecutionResult | AsyncIterable<ExecutionResult>>(outcome)
            ? Promise.resolve(outcome).then(coded)
            : coded(outcome);
        }
      : execute;
    const base = operation
      ? {
          document,
          operation,
          name: operationName,
          kind: operation.operation,
          atomic: isAtomicOperation(operation),
          plan,
          ...(this.limits ? { guard: this.limits.guardOperation(document, operation, plan) } : {}),
        }
      : { document, operation };
    const onExecutor = { ...base, engine: 'executor' as const, run: reference };
    // Subscriptions and unknown operations: the reference executor answers (and words the error).
    if (!this.jit || !operation || operation.operation === 'subscription') {
      return { compiled: onExecutor, provisional: false };
    }
    if (!this.compileJit) {
      // After this request is answered, not before it.
      setImmediate(() => void this.loadJit());
      return { compiled: onExecutor, provisional: true };
    }
    const run = this.compileJit(schema, document, operation, reference);
    return {
      compiled: run ? { ...base, engine: 'graphql-jit', run } : onExecutor,
      provisional: false,
    };
  }
}
