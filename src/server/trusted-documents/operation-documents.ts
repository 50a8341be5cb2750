/**
 * Splits `.graphql` sources into trusted documents: each operation, with the fragments it uses
 * (from any of the sources, as codegen resolves them), printed by graphql-js as one document and
 * identified by the SHA-256 of that text — the text a client sends, or whose hash it sends.
 *
 * @example
 * // orders.graphql: query A { ...F }  query B { x }  fragment F on Query { y }
 * // → "query A {\n  ...F\n}\n\nfragment F on Query {\n  y\n}"  and  "query B {\n  x\n}"
 */
import { createHash } from 'node:crypto';
import {
  type DefinitionNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';
import { ConfigError } from '../config/config-error.js';

/** One `.graphql` source: its text and where it was read from (for error messages). */
export interface OperationSource {
  text: string;
  file: string;
}

/** One trusted document: an operation with the fragments it uses. */
export interface OperationDocument {
  /** The operation's name (undefined for an anonymous operation). */
  name: string | undefined;
  /** The document's text, as graphql-js prints it: the operation, then its fragments in order of use. */
  text: string;
  /** The SHA-256 of `text` (UTF-8), lower-case hex. */
  hash: string;
  /** The file the operation was read from. */
  file: string;
}

/** The SHA-256 of a text (UTF-8), lower-case hex: a trusted document's id. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parseSource(source: OperationSource): readonly DefinitionNode[] {
  try {
    return parse(source.text, { noLocation: true }).definitions;
  } catch (error) {
    throw new ConfigError(`Cannot read the operations in ${source.file}: ${(error as Error).message}`, {
      file: source.file,
    });
  }
}

/** Every fragment spread's name under `selectionSet`, in order of appearance. */
function spreadNames(selectionSet: SelectionSetNode, names: string[]): string[] {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) names.push(selection.name.value);
    else if (selection.selectionSet) spreadNames(selection.selectionSet, names);
  }
  return names;
}

/** The fragments `operation` uses, directly or through other fragments, in order of first use. */
function fragmentsOf(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  file: string,
): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const visit = (selectionSet: SelectionSetNode) => {
    for (const name of spreadNames(selectionSet, [])) {
      if (used.has(name)) continue;
      const fragment = fragments.get(name);
      if (!fragment) {
        throw new ConfigError(
          `The operation ${operation.name?.value ?? '(anonymous)'} in ${file} uses the fragment ${name}, which no operation file defines`,
          { file, fragment: name },
        );
      }
      used.set(name, fragment);
      visit(fragment.selectionSet);
    }
  };
  visit(operation.selectionSet);
  return [...used.values()];
}

/** The trusted documents of `sources`: one per operation, with the fragments it uses. */
export function operationDocuments(sources: readonly OperationSource[]): OperationDocument[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: Array<{ operation: OperationDefinitionNode; file: string }> = [];
  for (const source of sources) {
    for (const definition of parseSource(source)) {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        operations.push({ operation: definition, file: source.file });
      } else if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        const name = definition.name.value;
        const known = fragments.get(name);
        if (known && print(known) !== print(definition)) {
          throw new ConfigError(
            `The fragment ${name} is defined twice, differently (again in ${source.file})`,
            {
              file: source.file,
              fragment: name,
            },
          );
        }
        fragments.set(name, definition);
      }
    }
  }
  return operations.map(({ operation, file }) => {
    const text = print({
      kind: Kind.DOCUMENT,
      definitions: [operation, ...fragmentsOf(operation, fragments, file)],
    });
    return { name: operation.name?.value, text, hash: sha256Hex(text), file };
  });
}
