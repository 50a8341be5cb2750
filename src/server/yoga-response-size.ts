/**
 * `maxResponseBytes` on the requests yoga executes (other content types, batches, GET requests the
 * fast path hands over): an answer over the limit, or larger than V8 can make one string of, is
 * replaced by the RESPONSE_TOO_LARGE error, as the fast path's writer does, instead of being sent
 * or crashing the process. The answer is measured by serialising it once more; yoga's path is the
 * uncommon one (the fast path measures the one text it sends). Streams are left alone: each of
 * their parts is a separate answer.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { responseTooLarge, stringifyWithin } from './response-too-large.js';

/** The yoga plugin bounding answers by `maxResponseBytes` (`log` hears of each refusal). */
export function useResponseSizeLimit(maxResponseBytes: number, log?: (line: string) => void): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Symbol.asyncIterator in (result as object)) return;
      if (stringifyWithin(result, maxResponseBytes)) return;
      log?.(`an answer was refused: larger than maxResponseBytes (${maxResponseBytes} bytes)`);
      const refused: ExecutionResult = { errors: [responseTooLarge(maxResponseBytes)] };
      // biome-ignore lint/suspicious/noExplicitAny: yoga's result union is wider than one result.
      setResult((Array.isArray(result) ? result.map(() => refused) : refused) as any);
    },
  };
}
