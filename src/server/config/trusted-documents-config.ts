/**
 * The `trustedDocuments` settings: an optional allow-list of operations (trusted documents, also
 * called persisted queries), built at start from the `.graphql` files codegen reads
 * (`examples/operations/`, see codegen.ts) and/or a `persisted-documents.json` manifest
 * (`{ "<sha256>": "<document text>" }`, what `discograph trusted-documents` prints and GraphQL
 * Codegen's client preset writes). Clients may then send a document's hash instead of its text.
 *
 * Off by default (every document is accepted, as before). Enabled, a request naming an unknown hash
 * is refused with PERSISTED_QUERY_NOT_FOUND and, unless `allowArbitrary`, a request whose full text
 * is not a trusted document is refused with DOCUMENT_NOT_TRUSTED before it is parsed.
 *
 * @example
 * // discograph.config.json
 * { "trustedDocuments": { "enabled": true, "folder": "client/operations", "allowArbitrary": false } }
 * // or DISCOGRAPH_TRUSTED_DOCUMENTS=on DISCOGRAPH_TRUSTED_DOCUMENTS_FOLDER=client/operations
 */
import path from 'node:path';
import { z } from 'zod';
import { envBoolean, readSection, type SectionSources } from './config-schema.js';

/** The `trustedDocuments` settings. */
export interface TrustedDocumentsConfig {
  /** Whether the allow-list is in force (and requests by hash are understood). */
  enabled: boolean;
  /**
   * The folder whose `.graphql` files (subfolders included) hold the trusted operations; each
   * operation with the fragments it uses is one document. Skipped when it does not exist and a
   * `manifest` is given.
   */
  folder: string;
  /** A `persisted-documents.json` file (`{ "<hash>": "<document text>" }`) whose documents are trusted too. */
  manifest?: string;
  /** Also run documents sent as full text that are not in the list (requests by hash still work). */
  allowArbitrary: boolean;
}

/** Defaults of the `trustedDocuments` settings. */
export const DEFAULT_TRUSTED_DOCUMENTS_CONFIG: TrustedDocumentsConfig = {
  enabled: false,
  folder: 'examples/operations',
  allowArbitrary: false,
};

/** The `trustedDocuments` object of the config file (and its environment variables), every key optional. */
export const TRUSTED_DOCUMENTS_SCHEMA = z
  .object({
    enabled: envBoolean().optional(),
    folder: z.string().trim().min(1).optional(),
    manifest: z.string().trim().min(1).optional(),
    allowArbitrary: envBoolean().optional(),
  })
  .strict();

/** Each setting's environment variable. */
export const TRUSTED_DOCUMENTS_ENV: Readonly<Record<keyof TrustedDocumentsConfig, string>> = {
  enabled: 'DISCOGRAPH_TRUSTED_DOCUMENTS',
  folder: 'DISCOGRAPH_TRUSTED_DOCUMENTS_FOLDER',
  manifest: 'DISCOGRAPH_TRUSTED_DOCUMENTS_MANIFEST',
  allowArbitrary: 'DISCOGRAPH_TRUSTED_DOCUMENTS_ALLOW_ARBITRARY',
};

/** Where the `trustedDocuments` settings come from, lowest precedence first after the defaults. */
export interface TrustedDocumentsSources extends SectionSources {
  /** Relative paths are resolved from here. */
  cwd: string;
}

/**
 * The `trustedDocuments` settings: defaults, then the config file, environment variables and
 * flags, each checked; `folder` and `manifest` resolved from `cwd`.
 */
export function readTrustedDocumentsConfig(sources: TrustedDocumentsSources): TrustedDocumentsConfig {
  const config = readSection(
    'trustedDocuments',
    TRUSTED_DOCUMENTS_SCHEMA,
    TRUSTED_DOCUMENTS_ENV,
    DEFAULT_TRUSTED_DOCUMENTS_CONFIG,
    sources,
  );
  config.folder = path.resolve(sources.cwd, config.folder);
  if (config.manifest !== undefined) config.manifest = path.resolve(sources.cwd, config.manifest);
  return config;
}
