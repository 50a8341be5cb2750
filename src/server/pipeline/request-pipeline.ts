/**
 * The one request pipeline, whichever HTTP path carries a request (the node:http fast path or
 * yoga): `queryText` (the request's document: its text, or the trusted document its hash names;
 * refused here, before anything else, when trusted documents are on and it is not one) → `begin`
 * (the `onRequest` hooks: identity from headers) → `prepare` (parse, validate with the configured
 * rules, compile; cached per document) → `createContext` (the per-request GraphQL
 * context, then the `onContext` hooks) → `execute` (`onExecute`, run, `onResult`). The transports
 * only read parameters and write answers. Every phase stays synchronous when no hook returns a
 * promise, so hooks that do not wait cost no extra tick.
 */
import type { ExecutionResult, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { RequestCancellation } from '../../juggler/connector/request-cancellation.js';
import { RequestSession } from '../../juggler/connector/request-session.js';
import type { DocumentParams, TrustedDocumentStore } from '../trusted-documents/trusted-document-store.js';
import { runWithDatabaseSession } from './database-session-end.js';
import type {
  ExecuteEvent,
  GatewayHooks,
  GatewayRequest,
  RefusedEvent,
  RequestState,
  ResultEvent,
} from './gateway-hooks.js';
import {
  isPromiseLike,
  OperationCache,
  type OperationOutcome,
  type OperationPlannerFunction,
  type PreparedOperation,
  type PrepareFailure,
} from './operation-cache.js';
import { COST_HEADER, type PipelineLimits, refusalOf, withCost } from './pipeline-limits.js';

/** A schema the pipeline serves, with the planner of its operations (each gets its own operation cache). */
export interface PipelineSchema {
  readonly schema: GraphQLSchema;
  readonly planner?: OperationPlannerFunction;
}

/** Options of `RequestPipeline`. */
export interface RequestPipelineOptions {
  schema: GraphQLSchema;
  /**
   * Picks the schema a request is served (per role), once its `onRequest` hooks ran; throws (a
   * GraphQLError) to refuse the request. Undefined: every request gets `schema`.
   */
  schemaFor?: (state: RequestState) => PipelineSchema;
  /** Compile operations with graphql-jit (default true). */
  jit?: boolean;
  /** Extension points, run in order. */
  hooks?: readonly GatewayHooks[];
  /** Builds the GraphQL context of one request (fresh DataLoaders); the request's state is given. */
  context: (state: RequestState, request: GatewayRequest) => Record<string, unknown>;
  /**
   * Plans each operation once when it is prepared; the plan is handed to its resolvers as the
   * context's `plan` when it runs.
   */
  planner?: OperationPlannerFunction;
  /** Validation rules of the gateway itself (production mode's), run before the hooks' rules. */
  validationRules?: readonly ValidationRule[];
  /** Memory the operation cache may use for documents, in bytes (estimated; default 32 MiB). */
  operationCacheBytes?: number;
  /** Reports a hook that failed after the answer was decided (an `onResult` that threw). */
  log?: (line: string, level?: 'warn' | 'error') => void;
  /** The query limits, applied once per document and operation when it is prepared. */
  limits?: PipelineLimits;
  /** The allow-list of documents and requests by hash; undefined: any document, no requests by hash. */
  trustedDocuments?: TrustedDocumentStore;
}

/** Runs `step` after `value`, without a promise when `value` is not one. */
function then<T, R>(value: T | Promise<T>, step: (settled: T) => R | Promise<R>): R | Promise<R> {
  return isPromiseLike<T>(value) ? Promise.resolve(value).then(step) : step(value);
}

/** Calls `call` for each hook in order, awaiting only those that return a promise. */
function runInOrder<H>(
  hooks: readonly H[],
  call: (hook: H) => void | Promise<void>,
  from = 0,
): void | Promise<void> {
  for (let index = from; index < hooks.length; index += 1) {
    const returned = call(hooks[index] as H);
    if (isPromiseLike(returned)) {
      return Promise.resolve(returned).then(() => runInOrder(hooks, call, index + 1));
    }
  }
  return undefined;
}

function isExecutionResult(value: unknown): value is ExecutionResult {
  return !(typeof value === 'object' && value !== null && Symbol.asyncIterator in value);
}

/** A request's state; its attributes map is made when a hook first asks for it. */
class PipelineRequestState implements RequestState {
  caller?: RequestState['caller'];
  databaseSession?: RequestState['databaseSession'];
  statementTracker?: RequestState['statementTracker'];
  cancellation?: RequestState['cancellation'];
  private map: Map<string, unknown> | undefined;

  get attributes(): Map<string, unknown> {
    this.map ??= new Map();
    return this.map;
  }
}

/** The request pipeline shared by both HTTP paths. */
export class RequestPipeline {
  /** Parsed, validated and compiled operations. */
  readonly operations: OperationCache;
  private readonly onRequestHooks: readonly GatewayHooks[];
  private readonly onContextHooks: readonly GatewayHooks[];
  private readonly beforeExecuteHooks: readonly GatewayHooks[];
  private readonly onExecuteHooks: readonly GatewayHooks[];
  private readonly onResultHooks: readonly GatewayHooks[];
  private readonly onRefusedHooks: readonly GatewayHooks[];
  /** The operation cache of each schema `schemaFor` picked (made on first use). */
  private readonly caches = new WeakMap<PipelineSchema, OperationCache>();
  /** The state of each request an `onRequest` hook refused, until `refused` reports it. */
  private readonly refusedStates = new WeakMap<GatewayRequest, RequestState>();
  /** The schema and operation cache picked for each request (only with `schemaFor`). */
  private readonly picked = new WeakMap<
    RequestState,
    { schema: GraphQLSchema; operations: OperationCache }
  >();

  constructor(private readonly options: RequestPipelineOptions) {
    const hooks = options.hooks ?? [];
    this.operations = this.createCache(options.schema, options.planner);
    this.onRequestHooks = hooks.filter((hook) => hook.onRequest);
    this.onContextHooks = hooks.filter((hook) => hook.onContext);
    this.beforeExecuteHooks = hooks.filter((hook) => hook.beforeExecute);
    this.onExecuteHooks = hooks.filter((hook) => hook.onExecute);
    this.onResultHooks = hooks.filter((hook) => hook.onResult);
    this.onRefusedHooks = hooks.filter((hook) => hook.onRefused);
  }

  /** Whether any hook wants `refused` events (the transports skip their bookkeeping otherwise). */
  get reportsRefusals(): boolean {
    return this.onRefusedHooks.length > 0;
  }

  /**
   * Tells the `onRefused` hooks of a request answered before any operation ran (see RefusedEvent).
   * Without `state`, the event carries the one `begin` made for the request if an `onRequest` hook
   * refused it (its telemetry, say), else a fresh one.
   */
  refused(refusal: Omit<RefusedEvent, 'state'> & { state?: RequestState }): void {
    let state = refusal.state;
    if (state === undefined) {
      state = this.refusedStates.get(refusal.request) ?? new PipelineRequestState();
      this.refusedStates.delete(refusal.request);
    }
    const event: RefusedEvent = { ...refusal, state };
    for (const hook of this.onRefusedHooks) {
      try {
        hook.onRefused?.(event);
      } catch (error) {
        this.options.log?.(
          `the onRefused hook ${hook.name ?? '(unnamed)'} failed: ${(error as Error).message}`,
          'error',
        );
      }
    }
  }

  private createCache(schema: GraphQLSchema, planner: OperationPlannerFunction | undefined): OperationCache {
    const { options } = this;
    return new OperationCache({
      schema,
      jit: options.jit ?? true,
      validationRules: [
        ...(options.validationRules ?? []),
        ...(options.hooks ?? []).flatMap((hook) => hook.validationRules ?? []),
      ],
      ...(options.operationCacheBytes !== undefined ? { maxBytes: options.operationCacheBytes } : {}),
      ...(planner ? { planner } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(this.operations ? { shareDocumentsWith: this.operations } : {}),
      onPlanError: (error) =>
        options.log?.(
          `planning an operation failed (it runs unplanned): ${(error as Error).stack ?? String(error)}`,
          'error',
        ),
    });
  }

  /** The trusted documents, when they are on (requests by hash understood, other documents refused). */
  get trustedDocuments(): TrustedDocumentStore | undefined {
    return this.options.trustedDocuments;
  }

  /**
   * Phase 0: the query text a request runs — its `query`, or the trusted document its hash names
   * (`extensions.persistedQuery.sha256Hash`, `documentId`) — or the coded error refusing it
   * (PERSISTED_QUERY_NOT_FOUND, DOCUMENT_NOT_TRUSTED); undefined when it names no document (the
   * transports word that). One Map lookup with trusted documents on, none without.
   */
  queryText(params: DocumentParams): string | GraphQLError | undefined {
    const trusted = this.options.trustedDocuments;
    if (trusted === undefined) return typeof params.query === 'string' ? params.query : undefined;
    return trusted.resolve(params);
  }

  /**
   * Phase 1: a fresh state for `request`, filled by the `onRequest` hooks (identity); they may
   * throw to refuse it. With `schemaFor`, the request's schema is picked here (or it is refused).
   * `cancellation` is the transport's, cancelled when the client disconnects (state.cancellation).
   */
  begin(request: GatewayRequest, cancellation?: RequestCancellation): RequestState | Promise<RequestState> {
    const state: RequestState = new PipelineRequestState();
    if (cancellation !== undefined) state.cancellation = cancellation;
    if (this.onRequestHooks.length === 0) return this.options.schemaFor ? this.pick(state) : state;
    let ran: void | Promise<void>;
    try {
      ran = runInOrder(this.onRequestHooks, (hook) => hook.onRequest?.(request, state));
    } catch (error) {
      this.refusedStates.set(request, state);
      throw error;
    }
    // No named closure per request (see "Closures made per request" in scripts/bundle-cli.mjs).
    if (!isPromiseLike(ran)) return this.withSchemaPicked(state);
    return Promise.resolve(ran).then(
      () => this.withSchemaPicked(state),
      (error: unknown) => {
        this.refusedStates.set(request, state);
        throw error;
      },
    );
  }

  /** `state` once its `onRequest` hooks ran, with its schema picked when there is `schemaFor`. */
  private withSchemaPicked(state: RequestState): RequestState {
    return this.options.schemaFor ? this.pick(state) : state;
  }

  private pick(state: RequestState): RequestState {
    const chosen = (this.options.schemaFor as (state: RequestState) => PipelineSchema)(state);
    let operations = this.caches.get(chosen);
    if (!operations) {
      operations = this.createCache(chosen.schema, chosen.planner);
      this.caches.set(chosen, operations);
    }
    this.picked.set(state, { schema: chosen.schema, operations });
    return state;
  }

  /** The operation cache of the request's schema (the pipeline's own without `schemaFor`). */
  operationsFor(state: RequestState | undefined): OperationCache {
    if (state === undefined || this.options.schemaFor === undefined) return this.operations;
    return this.picked.get(state)?.operations ?? this.operations;
  }

  /** The schema the request is served (the pipeline's own without `schemaFor`). */
  schemaFor(state: RequestState | undefined): GraphQLSchema {
    if (state === undefined || this.options.schemaFor === undefined) return this.options.schema;
    return this.picked.get(state)?.schema ?? this.options.schema;
  }

  /** Phase 2: the prepared operation (parsed, validated, compiled once per document), or why there is none. */
  prepare(
    query: string,
    operationName: string | null | undefined,
    state?: RequestState,
  ): PreparedOperation | PrepareFailure {
    return this.operationsFor(state).prepare(query, operationName);
  }

  /** Phase 3: the GraphQL context of the request, then the `onContext` hooks. */
  createContext(
    request: GatewayRequest,
    state: RequestState,
  ): Record<string, unknown> | Promise<Record<string, unknown>> {
    const context = this.options.context(state, request);
    if (this.onContextHooks.length === 0) return context;
    return then(
      runInOrder(this.onContextHooks, (hook) => hook.onContext?.(context, request, state)),
      () => context,
    );
  }

  /**
   * Phase 4: runs the operation between the `onExecute` and `onResult` hooks — unless the limits
   * refuse it (its cost, its variables), answered with their errors without running anything. With
   * the `x-discograph-cost: 1` header, the result carries the operation's estimated cost in
   * `extensions.cost`. A request with a database session ends it when the operation is done
   * (database-session-end.ts).
   */
  execute(
    operation: PreparedOperation,
    context: Record<string, unknown>,
    variables: Record<string, unknown> | undefined,
    request: GatewayRequest,
    state: RequestState,
  ): OperationOutcome {
    const guard = operation.guard;
    if (guard !== undefined) {
      const refused = refusalOf(guard, variables);
      if (refused) return this.refuse(operation, context, variables, request, state, refused);
    }
    const cost = guard?.cost && request.header(COST_HEADER) === '1' ? guard.cost : undefined;
    const outcome =
      this.beforeExecuteHooks.length === 0
        ? this.run(operation, context, variables, request, state)
        : then(
            runInOrder(this.beforeExecuteHooks, (hook) =>
              hook.beforeExecute?.({ request, state, operation, variables, context }),
            ),
            () => this.run(operation, context, variables, request, state),
          );
    if (cost === undefined) return outcome;
    return then(outcome, (result) => (isExecutionResult(result) ? withCost(result, cost) : result));
  }

  /** The answer of an operation the limits refuse, reported to the `onResult` hooks like any result. */
  private refuse(
    operation: PreparedOperation,
    context: Record<string, unknown>,
    variables: Record<string, unknown> | undefined,
    request: GatewayRequest,
    state: RequestState,
    errors: readonly GraphQLError[],
  ): ExecutionResult {
    const result: ExecutionResult = { errors };
    if (this.onResultHooks.length > 0) {
      this.reportResult({ request, state, operation, variables, context }, result, 0);
    }
    return result;
  }

  /**
   * Runs the operation on the request's database session, if it has one, and ends the session
   * after. An atomic mutation (`@atomic`) always gets one (with the pool's rights when the request
   * has no caller): its fields share one transaction.
   */
  private runOnSession(
    operation: PreparedOperation,
    context: Record<string, unknown>,
    variables: Record<string, unknown> | undefined,
    state: RequestState,
  ): OperationOutcome {
    let session = state.databaseSession;
    if (operation.atomic) {
      session ??= new RequestSession(undefined);
      session.atomic = true;
      state.databaseSession = session;
    }
    if (session === undefined) return operation.run(context, variables);
    return runWithDatabaseSession(
      session,
      operation,
      () => operation.run(context, variables),
      this.options.log,
      state.cancellation,
    );
  }

  /**
   * Runs the operation (on its session) between the `onExecute` and `onResult` hooks. The result
   * hooks hear the answer the client gets: after the session ended, so a mutation whose COMMIT
   * failed, or an atomic one rolled back, is reported with its `ROLLED_BACK` errors, and its
   * duration includes the COMMIT.
   */
  private run(
    operation: PreparedOperation,
    context: Record<string, unknown>,
    variables: Record<string, unknown> | undefined,
    request: GatewayRequest,
    state: RequestState,
  ): OperationOutcome {
    if (operation.plan !== undefined) context.plan = operation.plan;
    if (this.onExecuteHooks.length === 0 && this.onResultHooks.length === 0) {
      return this.runOnSession(operation, context, variables, state);
    }
    const event: ExecuteEvent = { request, state, operation, variables, context };
    for (const hook of this.onExecuteHooks) hook.onExecute?.(event);
    const started = performance.now();
    const outcome = this.runOnSession(operation, context, variables, state);
    if (this.onResultHooks.length === 0) return outcome;
    // No named closure per request (see "Closures made per request" in scripts/bundle-cli.mjs).
    return isPromiseLike<ExecutionResult | AsyncIterable<ExecutionResult>>(outcome)
      ? Promise.resolve(outcome).then((result) => this.reported(event, result, started))
      : this.reported(event, outcome, started);
  }

  /** `result`, once the `onResult` hooks heard of it (an execution result; a stream is not reported). */
  private reported<T>(event: ExecuteEvent, result: T, started: number): T {
    if (isExecutionResult(result)) this.reportResult(event, result, performance.now() - started);
    return result;
  }

  private reportResult(event: ExecuteEvent, result: ExecutionResult, durationMs: number): void {
    // One event for every hook, built field by field: a spread of the execute event cost more
    // than the rest of the reporting.
    const resultEvent: ResultEvent = {
      request: event.request,
      state: event.state,
      operation: event.operation,
      variables: event.variables,
      context: event.context,
      result,
      durationMs,
    };
    for (const hook of this.onResultHooks) {
      try {
        hook.onResult?.(resultEvent);
      } catch (error) {
        this.options.log?.(
          `the onResult hook ${hook.name ?? '(unnamed)'} failed: ${(error as Error).message}`,
          'error',
        );
      }
    }
  }
}
