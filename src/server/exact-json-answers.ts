/**
 * Exact JSON numbers in the answers yoga writes (the fast path writes its error-free answers
 * with `stringifyWithin`, which already does): yoga stringifies each result with the result's own
 * `stringify` when it has one, so the results get `stringifyExactly` (juggler/types/json-number.ts),
 * which writes a `JsonNumber` as its digits and costs one integer comparison when there is none.
 */
import type { Plugin } from 'graphql-yoga';
import { stringifyExactly } from '../juggler/types/json-number.js';

/** `result` (or each of a batch; a stream as it is) with the exact stringifier yoga's result processors use. */
export function withExactJson<T>(result: T): T {
  if (Array.isArray(result)) return result.map((item) => withExactJson(item)) as T;
  if (result === null || typeof result !== 'object' || Symbol.asyncIterator in result) return result;
  return { ...result, stringify: stringifyExactly };
}

/** The yoga plugin giving every (non-streamed) result the exact stringifier. */
export function useExactJsonAnswers(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in (result as object)) return;
      // biome-ignore lint/suspicious/noExplicitAny: yoga's result union is wider than one result.
      setResult(withExactJson(result) as any);
    },
  };
}
