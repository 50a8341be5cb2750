/**
 * The extension points of the request pipeline, the same on both HTTP paths (the node:http fast
 * path and yoga): identity from the request (`onRequest`), extra validation rules (limits),
 * the request context (`onContext`), and execution events (`onExecute`, `onResult`: logs,
 * metrics, tracing). Adding a hook never turns the fast path off.
 *
 * @example
 * const requestLog: GatewayHooks = {
 *   onResult: ({ operation, durationMs, result }) =>
 *     log(`${operation.name ?? 'anonymous'} ${durationMs.toFixed(1)} ms ${result.errors ? 'errors' : 'ok'}`),
 * };
 */
import type { ExecutionResult, GraphQLError, ValidationRule } from 'graphql';
import type { RequestCancellation } from '../../juggler/connector/request-cancellation.js';
import type { RequestSession } from '../../juggler/connector/request-session.js';
import type { StatementTracker } from '../../juggler/connector/statement-tracker.js';
import type { PreparedOperation } from './operation-cache.js';

/** What the hooks see of one HTTP request, whichever path carries it. */
export interface GatewayRequest {
  /** `GET` or `POST`. */
  readonly method: string;
  /** The request target as sent (path and query string). */
  readonly url: string;
  /** The value of a header by lower-case name (repeated headers joined with `, `), or undefined. */
  header(name: string): string | undefined;
  /** The peer's address, when known. */
  readonly remoteAddress: string | undefined;
}

/**
 * Per-request state the hooks fill and the context carries: who is calling (set by `onRequest`)
 * and anything else a hook wants the later phases or the resolvers to see. It reaches every
 * juggler call as `options.request` and, through it, the connector.
 */
export interface RequestState {
  /** The caller, when an `onRequest` hook established one (the built-in JWT authentication always does). */
  caller?: RequestCaller;
  /**
   * The request's database session (its caller's claims and role), when its statements are to run
   * as the caller (PostgreSQL row-level security): opened by the connector on the request's first
   * statement, ended by the pipeline's execute phase when the operation is done (committed), fails
   * or the client is gone.
   */
  databaseSession?: RequestSession;
  /**
   * Told of every statement the request sends (the observability hooks count them and make their
   * spans); connectors find it as `options.request.statementTracker`.
   */
  statementTracker?: StatementTracker;
  /**
   * Cancelled by the transport when the request's client disconnects before its answer is
   * written: connectors (`options.request.cancellation`) then send none of its statements and
   * cancel those running, and a database session rolls back.
   */
  cancellation?: RequestCancellation;
  /** Free slots for hooks (a tracing span, a timer...). */
  readonly attributes: Map<string, unknown>;
}

/** A caller: what authorization and the database session are decided from. */
export interface RequestCaller {
  /** A stable id of the caller (a JWT `sub`, say); `''` for an anonymous caller. */
  id: string;
  /** Roles granted to the caller, most specific first. */
  roles: readonly string[];
  /** The verified claims the caller was identified by (`{}` for an anonymous caller). */
  claims: Readonly<Record<string, unknown>>;
  /** Whether the caller proved who it is (a verified token); false for an anonymous caller. */
  authenticated: boolean;
}

/** The event of `onExecute`: an operation about to run. */
export interface ExecuteEvent {
  request: GatewayRequest;
  state: RequestState;
  operation: PreparedOperation;
  variables: Readonly<Record<string, unknown>> | undefined;
  context: Record<string, unknown>;
}

/** The event of `onResult`: an operation that ran, with its result and duration. */
export interface ResultEvent extends ExecuteEvent {
  result: ExecutionResult;
  /** Milliseconds from the start of execution to the result. */
  durationMs: number;
}

/**
 * The event of `onRefused`: a request answered with errors before any operation ran — its body or
 * parameters were refused (too large, not UTF-8, not JSON, an unknown trusted document), an
 * `onRequest` hook refused it (a bad token) or failed, its document failed to parse (syntax, size
 * and nesting limits) or to validate, or its context failed (an `onContext` hook). `errors` are
 * the answer's, as the client received them: an internal error masked, with its correlation id.
 */
export interface RefusedEvent {
  request: GatewayRequest;
  /**
   * The request's state: what its `onRequest` hooks set (before one refused it, or before its
   * context failed), or a fresh state when it was refused before they ran (its body or parameters).
   */
  state: RequestState;
  /** The operation name the client sent, if any. */
  operationName: string | undefined;
  /** The document text the client sent, if any (none for a body refused before it was read). */
  query: string | undefined;
  errors: readonly GraphQLError[];
  /** The HTTP status of the answer. */
  status: number;
}

/** One set of hooks; a gateway takes a list of them, run in order. */
export interface GatewayHooks {
  /** A name for logs and errors. */
  readonly name?: string;
  /**
   * First, before the request's document is prepared: identify the caller from headers (set
   * `state.caller`). Throwing a GraphQLError refuses the request with that error (its
   * `extensions.http.status` sets the HTTP status) before anything is parsed or executed.
   */
  onRequest?(request: GatewayRequest, state: RequestState): void | Promise<void>;
  /** Validation rules run, after graphql-js's own, on every document the first time it is seen. */
  readonly validationRules?: readonly ValidationRule[];
  /** After the GraphQL context of the request is built (add to it); before execution. */
  onContext?(
    context: Record<string, unknown>,
    request: GatewayRequest,
    state: RequestState,
  ): void | Promise<void>;
  /**
   * Once the operation is known and the limits have passed it, before it runs: may wait (for a
   * database still opening, say) or throw a GraphQLError to refuse it. Runs on both transports.
   */
  beforeExecute?(event: ExecuteEvent): void | Promise<void>;
  /** Just before execution (synchronous: start a timer or a span). */
  onExecute?(event: ExecuteEvent): void;
  /** After execution with the result (synchronous: write a log line, count a metric). */
  onResult?(event: ResultEvent): void;
  /**
   * Instead of `onResult` for a request answered before any operation ran (see RefusedEvent),
   * once it is answered (synchronous: write a log line, count a metric).
   */
  onRefused?(event: RefusedEvent): void;
}
