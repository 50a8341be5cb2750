#!/usr/bin/env node
/**
 * The `discograph` command: serve | discover | export-schema | check | plan | trusted-documents. Errors are printed as one
 * clear line (never a stack trace for an expected failure) with a non-zero exit code.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { registerBuiltInConnectors } from '../connectors/index.js';
import { DiscographError } from '../juggler/errors.js';
import { ConfigError } from '../server/config.js';
import { CHECK_HELP, checkCommand } from './check-command.js';
import { UsageError } from './cli-args.js';
import { type CommandIo, processIo } from './command-io.js';
import { DISCOVER_HELP, discoverCommand } from './discover-command.js';
import { EXPORT_SCHEMA_HELP, exportSchemaCommand } from './export-schema-command.js';
import { PLAN_HELP, planCommand } from './plan-command.js';
import { SERVE_HELP, serveCommand } from './serve-command.js';
import { TRUSTED_DOCUMENTS_HELP, trustedDocumentsCommand } from './trusted-documents-command.js';

const COMMANDS: Record<string, { run: (args: string[], io: CommandIo) => Promise<number>; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  discover: { run: discoverCommand, help: DISCOVER_HELP },
  'export-schema': { run: exportSchemaCommand, help: EXPORT_SCHEMA_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  plan: { run: planCommand, help: PLAN_HELP },
  'trusted-documents': { run: trustedDocumentsCommand, help: TRUSTED_DOCUMENTS_HELP },
};

/** Usage of `discograph`. */
export const MAIN_HELP = `Usage: discograph <command> [options]

A GraphQL gateway generated from your database's schema.

Commands:
  serve           discover the database and serve GraphQL (default command)
  discover        discover the database and write the schema cache
  export-schema   write the GraphQL SDL or introspection JSON
  check           compare the database with the schema cache; non-zero exit on breaking drift
  plan            print how an operation is answered: what each field reads, and its SQL
  trusted-documents  print the trusted documents' manifest (hash → document text) as JSON

Run \`discograph <command> --help\` for a command's options; \`discograph --version\` prints the version.`;

/** The version of the installed package (its package.json, two folders up from src/cli or dist/cli). */
export function discographVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String((manifest as { version?: unknown }).version);
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function runCli(argv: string[], io: CommandIo = processIo): Promise<number> {
  registerBuiltInConnectors();
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    io.out(MAIN_HELP);
    return 0;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.out(`discograph ${discographVersion()}`);
    return 0;
  }
  const name = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = first === undefined || first.startsWith('-') ? argv : rest;
  const command = COMMANDS[name];
  if (!command) {
    io.err(`discograph: unknown command "${name}"\n\n${MAIN_HELP}`);
    return 2;
  }
  // `discograph serve --version` too: the version, not an unknown option.
  if (args.some((arg) => arg === '--version' || arg === '-V')) {
    io.out(`discograph ${discographVersion()}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`discograph ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(`discograph ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof DiscographError) {
      io.err(`discograph ${name}: ${error.message} [${error.code}]`);
      return 1;
    }
    io.err(`discograph ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

// Run when executed (also through npm's bin symlink), not when imported by tests.
const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`discograph: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
