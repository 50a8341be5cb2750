/**
 * The `limits` settings: the query limits every operation is held to, on by default (see
 * src/graphql/limits/query-limits.ts for what each one measures). Each violation is a GraphQL error
 * with a stable code and the limit and actual value in `extensions`.
 *
 * @example
 * // discograph.config.json
 * { "limits": { "maxDepth": 12, "maxPageSize": 500, "maxCost": 20000 } }
 * // or DISCOGRAPH_MAX_DEPTH=12 DISCOGRAPH_MAX_PAGE_SIZE=500 DISCOGRAPH_MAX_COST=20000
 */

import { z } from 'zod';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../graphql/limits/query-limits.js';
import { envInteger, readSection, type SectionSources, settingError } from './config-schema.js';

/** The `limits` settings. */
export interface LimitsConfig {
  /** Rows of a list read without `limit` (a connection without `first`/`last`). */
  defaultPageSize: number;
  /** The largest `limit`/`first`/`last` (PAGE_SIZE_EXCEEDED above it). */
  maxPageSize: number;
  /** Field levels, fragments expanded (DEPTH_LIMIT_EXCEEDED). */
  maxDepth: number;
  /** Aliased fields of an operation, fragments expanded (ALIAS_LIMIT_EXCEEDED). */
  maxAliases: number;
  /** Root fields of an operation (ROOT_FIELD_LIMIT_EXCEEDED). */
  maxRootFields: number;
  /** Bytes of the query text (DOCUMENT_TOO_LARGE). */
  maxDocumentBytes: number;
  /** Lexical tokens of the query text (TOKEN_LIMIT_EXCEEDED). */
  maxTokens: number;
  /** Values of an `inq`/`nin` list (LIST_TOO_LONG). */
  maxListLength: number;
  /** `and`/`or`/`not` nesting of a `where` (FILTER_TOO_DEEP). */
  maxFilterDepth: number;
  /** Estimated cost of an operation's plan (COST_LIMIT_EXCEEDED). */
  maxCost: number;
}

/** Defaults of the `limits` settings. */
export const DEFAULT_LIMITS_CONFIG: LimitsConfig = {
  defaultPageSize: DEFAULT_QUERY_LIMITS.pageSizes.default,
  maxPageSize: DEFAULT_QUERY_LIMITS.pageSizes.max,
  maxDepth: DEFAULT_QUERY_LIMITS.maxDepth,
  maxAliases: DEFAULT_QUERY_LIMITS.maxAliases,
  maxRootFields: DEFAULT_QUERY_LIMITS.maxRootFields,
  maxDocumentBytes: DEFAULT_QUERY_LIMITS.maxDocumentBytes,
  maxTokens: DEFAULT_QUERY_LIMITS.maxTokens,
  maxListLength: DEFAULT_QUERY_LIMITS.maxListLength,
  maxFilterDepth: DEFAULT_QUERY_LIMITS.maxFilterDepth,
  maxCost: DEFAULT_QUERY_LIMITS.maxCost,
};

const MAX = 1_000_000_000;

/** The `limits` object of the config file (and its environment variables), every key optional. */
export const LIMITS_SCHEMA = z
  .object({
    defaultPageSize: envInteger(1, MAX).optional(),
    maxPageSize: envInteger(1, MAX).optional(),
    maxDepth: envInteger(1, MAX).optional(),
    maxAliases: envInteger(1, MAX).optional(),
    maxRootFields: envInteger(1, MAX).optional(),
    maxDocumentBytes: envInteger(1, MAX).optional(),
    maxTokens: envInteger(1, MAX).optional(),
    maxListLength: envInteger(1, MAX).optional(),
    maxFilterDepth: envInteger(1, MAX).optional(),
    maxCost: envInteger(1, MAX).optional(),
  })
  .strict();

/** Each setting's environment variable. */
export const LIMITS_ENV: Readonly<Record<keyof LimitsConfig, string>> = {
  defaultPageSize: 'DISCOGRAPH_DEFAULT_PAGE_SIZE',
  maxPageSize: 'DISCOGRAPH_MAX_PAGE_SIZE',
  maxDepth: 'DISCOGRAPH_MAX_DEPTH',
  maxAliases: 'DISCOGRAPH_MAX_ALIASES',
  maxRootFields: 'DISCOGRAPH_MAX_ROOT_FIELDS',
  maxDocumentBytes: 'DISCOGRAPH_MAX_DOCUMENT_BYTES',
  maxTokens: 'DISCOGRAPH_MAX_TOKENS',
  maxListLength: 'DISCOGRAPH_MAX_LIST_LENGTH',
  maxFilterDepth: 'DISCOGRAPH_MAX_FILTER_DEPTH',
  maxCost: 'DISCOGRAPH_MAX_COST',
};

/** The `limits` settings: defaults, then the config file, environment variables and flags, each checked. */
export function readLimitsConfig(sources: SectionSources): LimitsConfig {
  const limits = readSection('limits', LIMITS_SCHEMA, LIMITS_ENV, DEFAULT_LIMITS_CONFIG, sources);
  if (limits.defaultPageSize > limits.maxPageSize) {
    throw settingError(
      undefined,
      'limits.defaultPageSize',
      limits.defaultPageSize,
      `at most limits.maxPageSize (${limits.maxPageSize})`,
    );
  }
  return limits;
}

/** The limits the GraphQL layer applies, from the settings. */
export function queryLimitsOf(config: LimitsConfig): QueryLimits {
  const { defaultPageSize, maxPageSize, ...rest } = config;
  return { ...rest, pageSizes: { default: defaultPageSize, max: maxPageSize } };
}
