/**
 * `discograph trusted-documents`: prints the manifest of the trusted documents — the operations
 * of the `.graphql` files in the configured folder (`trustedDocuments.folder`, default
 * `examples/operations`, the files codegen reads), each with the fragments it uses — as JSON
 * `{ "<sha256>": "<document text>" }`, the `persisted-documents.json` format of GraphQL Codegen's
 * client preset. A client build sends the hashes; the gateway accepts the file as
 * `trustedDocuments.manifest`. Each document's hash, operation name and file go to standard error.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/config.js';
import {
  readOperationFolder,
  trustedDocumentManifest,
} from '../server/trusted-documents/read-trusted-documents.js';
import { COMMON_HELP, loadOptionsFromFlags, parseCommandArgs } from './cli-args.js';
import type { CommandIo } from './command-io.js';

/** Usage of `discograph trusted-documents`. */
export const TRUSTED_DOCUMENTS_HELP = `Usage: discograph trusted-documents [options]

Prints the trusted documents' manifest as JSON { "<sha256>": "<document text>" } (the
persisted-documents.json format): one document per operation of the folder's .graphql files,
with the fragments it uses. Clients send a hash as extensions.persistedQuery.sha256Hash or
documentId "sha256:<hash>"; the gateway reads the same folder (or this file as
trustedDocuments.manifest) when trustedDocuments.enabled is on.

Options:
  --folder DIR         the operations folder (default: trustedDocuments.folder, ./examples/operations)
  --out FILE           write to FILE instead of standard output

${COMMON_HELP}`;

/** Runs `discograph trusted-documents`. */
export async function trustedDocumentsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, { folder: { type: 'string' }, out: { type: 'string' } });
  if (values.help) {
    io.out(TRUSTED_DOCUMENTS_HELP);
    return 0;
  }
  const config = loadConfig(loadOptionsFromFlags(values));
  const folder =
    typeof values.folder === 'string' ? path.resolve(values.folder) : config.trustedDocuments.folder;
  const documents = readOperationFolder(folder);
  for (const document of documents) {
    io.err(`${document.hash}  ${document.name ?? '(anonymous)'}  ${path.relative(folder, document.file)}`);
  }
  const text = JSON.stringify(trustedDocumentManifest(documents), null, 2);
  if (typeof values.out === 'string') {
    writeFileSync(values.out, `${text}\n`);
    io.err(`wrote ${documents.length} trusted document(s) to ${values.out}`);
  } else {
    io.out(text);
  }
  return 0;
}
