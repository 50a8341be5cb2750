/**
 * How yoga words the answers it gives, made to match the gateway's rules: a malformed request
 * (`BAD_REQUEST`: a missing query, parameters of the wrong type), which yoga marks as a GraphQL
 * over HTTP "spec" error, keeps its 400 even when the client accepts `application/json` (where
 * yoga would answer 200; the spec asks 200 only of well-formed requests — documents that do not
 * parse or validate, variables that do not coerce keep it), and in production no error
 * carries `extensions.originalError` (yoga adds the underlying error's name and message, and in
 * development its stack). Only answers with errors are touched.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

interface HttpExtension {
  status?: number;
  spec?: boolean;
  headers?: Record<string, string>;
}

/** `error` rewritten by the policy, or the same error when nothing changes. */
function applyPolicy(error: GraphQLError, hideInternals: boolean): GraphQLError {
  const extensions = error.extensions as Record<string, unknown> & { http?: HttpExtension };
  const http = extensions.http;
  const requestError =
    extensions.code === 'BAD_REQUEST' &&
    http?.spec === true &&
    http.status !== undefined &&
    http.status >= 400;
  const internals = hideInternals && ('originalError' in extensions || 'stack' in extensions);
  if (!requestError && !internals) return error;
  const { originalError: _originalError, stack: _stack, ...kept } = extensions;
  const rewritten: Record<string, unknown> = hideInternals ? kept : { ...extensions };
  if (requestError && http) {
    const { spec: _spec, ...status } = http;
    rewritten.http = status;
  }
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: hideInternals ? undefined : error.originalError,
    extensions: rewritten,
  });
}

interface ResultWithErrors {
  errors?: readonly (GraphQLError | GraphQLFormattedError)[];
}

/** The yoga plugin applying the answer policy (`hideInternals`: production mode). */
export function useAnswerPolicy(hideInternals: boolean): Plugin {
  const rewrite = (result: ResultWithErrors): ResultWithErrors => {
    if (!result.errors?.length) return result;
    let changed = false;
    const errors = result.errors.map((error) => {
      if (!(error instanceof GraphQLError)) return error;
      const applied = applyPolicy(error, hideInternals);
      if (applied !== error) changed = true;
      return applied;
    });
    return changed ? { ...result, errors } : result;
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in (result as object)) return;
      const rewritten = Array.isArray(result)
        ? result.map((one) => rewrite(one as ResultWithErrors))
        : rewrite(result as ResultWithErrors);
      // biome-ignore lint/suspicious/noExplicitAny: yoga's result union is wider than what is rewritten here.
      setResult(rewritten as any);
    },
  };
}
