#!/usr/bin/env node
// Checks that imports between the layers of src/ point one way:
//   cli → server → graphql, connectors → juggler   (and cache → juggler)
// Reads every import and export-from of every .ts file under src/ (`import type`, `export ... from`,
// `import('…')` with a literal, `import('…')` types) with the TypeScript parser, so comments and
// strings never count. Bare specifiers (packages, `node:` modules) are not restricted.
// Prints one line per wrong-way import (file:line, the import, the rule) and exits 1 when there is
// any. Run by `npm run lint`. Usage: node scripts/check-imports.mjs [ROOT] (default: the repository).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The layers, first match wins. `allow` lists the layers a file of this layer may import from;
 * `'*'` is anything, `deny` then lists the exceptions. `own` is the file's own database folder.
 */
const LAYERS = [
  { id: 'entry', match: /^index\.ts$/, allow: ['*'], rule: 'src/index.ts may import anything' },
  {
    id: 'juggler',
    match: /^juggler\//,
    allow: ['juggler'],
    rule: 'src/juggler/** imports only src/juggler/**',
  },
  {
    id: 'sql',
    match: /^connectors\/sql\//,
    allow: ['sql', 'juggler'],
    rule: 'src/connectors/sql/** imports only itself and src/juggler/**',
  },
  {
    id: 'connectors-edge',
    match: /^connectors\/[^/]+$/,
    allow: ['connectors-edge', 'sql', 'database', 'juggler'],
    rule: 'src/connectors/*.ts imports only src/connectors/** and src/juggler/**',
  },
  {
    id: 'database',
    match: /^connectors\/([^/]+)\//,
    allow: ['own', 'sql', 'juggler'],
    rule: 'src/connectors/<db>/** imports only its own folder, src/connectors/sql/** and src/juggler/**',
  },
  {
    id: 'graphql',
    match: /^graphql\//,
    allow: ['graphql', 'juggler'],
    rule: 'src/graphql/** imports only itself and src/juggler/**',
  },
  {
    id: 'cache',
    match: /^cache\//,
    allow: ['cache', 'juggler'],
    rule: 'src/cache/** imports only itself and src/juggler/**',
  },
  {
    id: 'server',
    match: /^server\//,
    allow: ['*'],
    deny: ['cli'],
    rule: 'src/server/** may import anything but src/cli/**',
  },
  { id: 'cli', match: /^cli\//, allow: ['*'], rule: 'src/cli/** may import anything' },
];

/** The layer of a path relative to src/ (`outside` for anything not under src/). */
function layerOf(relative) {
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { id: 'outside' };
  const layer = LAYERS.find((candidate) => candidate.match.test(relative));
  if (!layer) return undefined;
  const database = layer.id === 'database' ? layer.match.exec(relative)?.[1] : undefined;
  return { ...layer, database };
}

/** Whether a file in layer `from` may import a file in layer `to`. */
function allowed(from, to) {
  if (from.deny?.includes(to.id)) return false;
  if (from.allow.includes('*')) return true;
  if (to.id === 'database' && from.allow.includes('own')) return to.database === from.database;
  return from.allow.includes(to.id);
}

/** The module specifiers of a source file with their line numbers. */
function importsOf(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const add = (literal) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const { line } = source.getLineAndCharacterOfPosition(literal.getStart(source));
    found.push({ specifier: literal.text, line: line + 1 });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every .ts file under `dir`, relative to it, sorted. */
function sourceFiles(dir, prefix = '') {
  const files = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...sourceFiles(dir, relative));
    else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative);
  }
  return files.sort();
}

/**
 * The wrong-way imports under `root`/src, one message each.
 *
 * @example
 * checkImports('/repo');
 * // ["src/juggler/datasource.ts:17: imports '../connectors/index.js' (src/connectors/index.ts): src/juggler/** imports only src/juggler/**"]
 */
export function checkImports(root) {
  const srcDir = path.join(root, 'src');
  const violations = [];
  for (const file of sourceFiles(srcDir)) {
    const from = layerOf(file);
    if (!from) {
      violations.push(`src/${file}: no import rule covers this folder; add one to scripts/check-imports.mjs`);
      continue;
    }
    for (const { specifier, line } of importsOf(file, readFileSync(path.join(srcDir, file), 'utf8'))) {
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue;
      const target = path.relative(srcDir, path.resolve(srcDir, path.dirname(file), specifier));
      const posixTarget = target.split(path.sep).join('/').replace(/\.(m|c)?js$/, '.$1ts');
      const to = layerOf(posixTarget) ?? { id: 'unknown' };
      if (allowed(from, to)) continue;
      const shown = to.id === 'outside' ? 'outside src/' : `src/${posixTarget}`;
      violations.push(`src/${file}:${line}: imports '${specifier}' (${shown}): ${from.rule}`);
    }
  }
  return violations;
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkImports(root);
  for (const violation of violations) console.log(violation);
  if (violations.length > 0) {
    console.log(`check-imports: ${violations.length} import(s) point the wrong way (see the rules above)`);
    process.exit(1);
  }
  console.log('check-imports: every import in src/ points the right way');
}
