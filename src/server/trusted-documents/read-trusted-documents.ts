/**
 * Reads the trusted documents at start: the `.graphql` files of the configured folder (subfolders
 * included, in path order) split into operation documents, and the optional
 * `persisted-documents.json` manifest (`{ "<hash>": "<document text>" }`, the format GraphQL
 * Codegen's client preset writes and `discograph trusted-documents` prints).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import type { TrustedDocumentsConfig } from '../config/trusted-documents-config.js';
import { type OperationDocument, operationDocuments, sha256Hex } from './operation-documents.js';
import { documentIdOf, TrustedDocumentStore } from './trusted-document-store.js';

/** The operation documents of every `.graphql` file under `folder`. */
export function readOperationFolder(folder: string): OperationDocument[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ConfigError(`trustedDocuments.folder: ${folder} is not a folder`, {
      name: 'trustedDocuments.folder',
      value: folder,
    });
  }
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => path.join(folder, file));
  return operationDocuments(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
}

/**
 * The documents of a `persisted-documents.json` manifest, by key. A key that is a SHA-256 (64 hex
 * digits, optionally `sha256:`-prefixed) must be the hash of its text: a mismatch would make
 * clients run another document than the one they name.
 */
export function readPersistedDocumentsManifest(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`trustedDocuments.manifest: cannot read ${file}: ${(error as Error).message}`, {
      name: 'trustedDocuments.manifest',
      value: file,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(
      `trustedDocuments.manifest: ${file} must hold a JSON object of hash → document text`,
      {
        name: 'trustedDocuments.manifest',
        value: file,
      },
    );
  }
  const documents = new Map<string, string>();
  for (const [key, text] of Object.entries(parsed)) {
    const id = documentIdOf(key);
    if (typeof text !== 'string') {
      throw new ConfigError(`trustedDocuments.manifest: the document "${key}" in ${file} is not a string`, {
        name: 'trustedDocuments.manifest',
        key,
      });
    }
    if (/^[0-9a-f]{64}$/i.test(id) && sha256Hex(text) !== id.toLowerCase()) {
      throw new ConfigError(
        `trustedDocuments.manifest: the document "${key}" in ${file} does not have that SHA-256 (${sha256Hex(text)})`,
        { name: 'trustedDocuments.manifest', key },
      );
    }
    documents.set(id, text);
  }
  return documents;
}

/** The manifest of `documents`: SHA-256 → document text, in the persisted-documents.json format. */
export function trustedDocumentManifest(documents: readonly OperationDocument[]): Record<string, string> {
  const manifest: Record<string, string> = {};
  for (const document of documents) manifest[document.hash] = document.text;
  return manifest;
}

/**
 * The trusted documents the settings name: the folder's operations (skipped when the folder does
 * not exist and a manifest is given) and the manifest's documents.
 */
export function loadTrustedDocuments(config: TrustedDocumentsConfig): TrustedDocumentStore {
  const documents = new Map<string, string>();
  if (config.manifest === undefined || existsSync(config.folder)) {
    for (const document of readOperationFolder(config.folder)) documents.set(document.hash, document.text);
  }
  if (config.manifest !== undefined) {
    for (const [id, text] of readPersistedDocumentsManifest(config.manifest)) documents.set(id, text);
  }
  return new TrustedDocumentStore(documents, config.allowArbitrary);
}
