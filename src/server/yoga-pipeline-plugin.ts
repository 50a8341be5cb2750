/**
 * The request pipeline inside yoga: the yoga plugin and context factory that make a request yoga
 * answers go through the same phases, hooks and caches as one the fast path answers — the
 * request's document (`queryText`: a trusted document by hash, or refused), `begin`
 * when yoga has the request's parameters (or the state the fast path already made, when it handed
 * the request over), validation through the pipeline's cached rules, the pipeline's context, and
 * execution through `RequestPipeline.execute`.
 */
import type { IncomingMessage } from 'node:http';
import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { RequestCancellation } from '../juggler/connector/request-cancellation.js';
import type { GatewayRequest, RefusedEvent, RequestState } from './pipeline/gateway-hooks.js';
import { fromFetchRequest } from './pipeline/gateway-request.js';
import { isPromiseLike } from './pipeline/operation-cache.js';
import { asGraphQLError } from './pipeline/request-errors.js';
import type { RequestPipeline } from './pipeline/request-pipeline.js';

/** A request's pipeline view and the state its `onRequest` hooks made. */
export interface BegunRequest {
  request: GatewayRequest;
  state: RequestState;
}

/**
 * Requests the fast path began (ran `onRequest` for) and then handed to yoga, by their node
 * request: yoga continues with their state instead of running the hooks a second time.
 */
export const handedOver = new WeakMap<IncomingMessage, BegunRequest>();

/** What yoga's server context carries on node:http. */
interface NodeServerContext {
  req?: IncomingMessage;
}

/** A request answered before any operation ran, as noted until yoga's answer is sent. */
interface Refusal extends Omit<RefusedEvent, 'request' | 'state' | 'status'> {
  /** The pipeline's view of the request when `begin` was given it (and an onRequest hook refused it). */
  request?: GatewayRequest;
}

/** Yoga's parameters of a request, with the `documentId` of a JSON body (requests by hash). */
type ParamsWithDocumentId = GraphQLParams & { documentId?: unknown };

/**
 * With trusted documents on: puts the query text the pipeline's `queryText` gives (the trusted
 * document a hash names) into yoga's parameters, without `documentId` (which yoga's own checks
 * refuse); or returns the error refusing the document. `documentId` comes from a JSON body or,
 * for GET (whose parameters yoga reads without it), from the URL.
 */
function applyTrustedDocument(
  pipeline: RequestPipeline,
  request: Request,
  params: ParamsWithDocumentId,
  setParams: (params: GraphQLParams) => void,
): GraphQLError | undefined {
  const { documentId: sent, ...rest } = params;
  const documentId =
    sent ??
    (request.method === 'GET' && params.query == null
      ? new URL(request.url).searchParams.get('documentId') || undefined
      : undefined);
  const query = pipeline.queryText({ query: params.query, extensions: params.extensions, documentId });
  if (query instanceof GraphQLError) return query;
  if (query !== undefined && (query !== params.query || sent !== undefined)) setParams({ ...rest, query });
  return undefined;
}

/** The plugin and the context factory running yoga's requests through `pipeline`. */
export function yogaPipeline(pipeline: RequestPipeline): {
  plugin: Plugin;
  context: (initial: { request: Request }) => Record<string, unknown> | Promise<Record<string, unknown>>;
} {
  const begun = new WeakMap<Request, BegunRequest>();
  const begunOf = (request: Request): BegunRequest => {
    const known = begun.get(request);
    if (!known) throw new Error('a yoga request reached the pipeline without onParams');
    return known;
  };
  // Requests answered before any operation ran, until yoga answers them (onRefused): their document
  // failed to parse or validate, or they were refused before `begin` (their parameters, by yoga's
  // checks or a trusted document) or by it (an onRequest hook; `request` is what it was given).
  const refusals = new WeakMap<Request, Refusal>();
  const noteRefusal = (context: unknown, errors: readonly unknown[], document?: DocumentNode) => {
    const { request, params } = context as { request?: Request; params?: GraphQLParams };
    if (request === undefined || !begun.has(request)) return;
    refusals.set(request, {
      // Without a name sent, the document's only operation names it (as an executed request).
      operationName: params?.operationName || (document && getOperationAST(document)?.name?.value),
      query: params?.query ?? undefined,
      errors: errors.map(asGraphQLError),
    });
  };
  const reportRefusals = pipeline.reportsRefusals;
  // A request answered with errors and never begun: refused by yoga's own checks before `onParams`
  // (a body too large or not JSON: nothing noted yet), by a trusted document, or by `begin`; or
  // begun and noted as refused (its document, or its context failing). The errors kept are the
  // answer's (masked, as the client got them).
  const noteEarlyRefusal: NonNullable<Plugin['onResultProcess']> = ({ request, result }) => {
    if (Array.isArray(result) || (begun.has(request) && !refusals.has(request))) return;
    const errors = (result as { errors?: readonly unknown[] }).errors;
    if (!errors?.length) return;
    const noted = refusals.get(request) ?? { operationName: undefined, query: undefined };
    refusals.set(request, { ...noted, errors: errors.map(asGraphQLError) });
  };
  const reportRefusal: NonNullable<Plugin['onResponse']> = ({ request, response, serverContext }) => {
    const refusal = refusals.get(request);
    if (refusal === undefined) return;
    refusals.delete(request);
    const known = begun.get(request);
    pipeline.refused({
      operationName: refusal.operationName,
      query: refusal.query,
      errors: refusal.errors,
      status: response.status,
      request:
        known?.request ??
        refusal.request ??
        fromFetchRequest(request, (serverContext as NodeServerContext).req),
      ...(known ? { state: known.state } : {}),
    });
  };
  const sentOf = (params: GraphQLParams | undefined) => ({
    operationName: params?.operationName || undefined,
    query: params?.query ?? undefined,
  });
  const plugin: Plugin = {
    async onParams({ request, params, context, setParams }) {
      if (pipeline.trustedDocuments) {
        const refused = applyTrustedDocument(pipeline, request, params, setParams);
        // Thrown, not set as the result: yoga's own parameter checks (a request by hash has no
        // `query`) run after this hook and would answer instead.
        if (refused) {
          if (reportRefusals) refusals.set(request, { ...sentOf(params), errors: [refused] });
          throw refused;
        }
      }
      const node = (context as NodeServerContext).req;
      const before = node ? handedOver.get(node) : undefined;
      if (before) {
        begun.set(request, before);
        return;
      }
      const gatewayRequest = fromFetchRequest(request, node);
      // Yoga's request signal aborts when the client disconnects before the answer is written.
      const cancellation = new RequestCancellation(request.signal);
      try {
        begun.set(request, {
          request: gatewayRequest,
          state: await pipeline.begin(gatewayRequest, cancellation),
        });
      } catch (error) {
        if (reportRefusals) {
          refusals.set(request, {
            ...sentOf(params),
            errors: [asGraphQLError(error)],
            request: gatewayRequest,
          });
        }
        // Thrown, so that yoga's error masking words it: a hook's GraphQLError (a bad token's 401)
        // as it is, anything else masked with a correlation id (set as the result, its message
        // reached the client).
        throw error;
      }
    },
    onParse({ setParseFn }) {
      // Within the limits, as the fast path parses (size, tokens, nesting checked before parsing).
      setParseFn((source) =>
        pipeline.operations.parseDocument(typeof source === 'string' ? source : source.body),
      );
      if (!reportRefusals) return;
      return ({ context, result }) => {
        if (result instanceof Error) noteRefusal(context, [result]);
      };
    },
    // The request's schema (per role): what yoga validates against and introspection shows.
    onEnveloped({ context, setSchema }) {
      const request = (context as { request?: Request } | undefined)?.request;
      const known = request ? begun.get(request) : undefined;
      if (known) setSchema(pipeline.schemaFor(known.state));
    },
    onValidate({ context, params: { documentAST }, setValidationFn }) {
      const request = (context as { request?: Request }).request;
      const operations = pipeline.operationsFor(request ? begun.get(request)?.state : undefined);
      setValidationFn((_schema, document) => [...operations.validate(document)]);
      if (!reportRefusals) return;
      return ({ context: validated, valid, result }) => {
        if (!valid) noteRefusal(validated, result, documentAST);
      };
    },
    ...(reportRefusals ? { onResultProcess: noteEarlyRefusal, onResponse: reportRefusal } : {}),
    onExecute({ setExecuteFn }) {
      setExecuteFn((args) => {
        const context = args.contextValue as Record<string, unknown> & { request: Request };
        const { request, state } = begunOf(context.request);
        const compiled = pipeline.operationsFor(state).compile(args.document, args.operationName);
        const variables = (args.variableValues ?? undefined) as Record<string, unknown> | undefined;
        if (!compiled.operation) return compiled.run(context, variables);
        return pipeline.execute(
          compiled as Parameters<RequestPipeline['execute']>[0],
          context,
          variables,
          request,
          state,
        );
      });
    },
  };
  const context = ({ request, params }: { request: Request; params?: GraphQLParams }) => {
    const { request: gatewayRequest, state } = begunOf(request);
    if (!reportRefusals) return pipeline.createContext(gatewayRequest, state);
    // Noted as refused: its operation never ran (noteEarlyRefusal keeps the answer's errors).
    const failed = (error: unknown): never => {
      refusals.set(request, { ...sentOf(params), errors: [asGraphQLError(error)] });
      throw error;
    };
    try {
      const made = pipeline.createContext(gatewayRequest, state);
      return isPromiseLike(made) ? Promise.resolve(made).catch(failed) : made;
    } catch (error) {
      return failed(error);
    }
  };
  return { plugin, context };
}
