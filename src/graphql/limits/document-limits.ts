/**
 * The limits a parsed document is checked against before graphql-js's validation rules run (they
 * are skipped when one fails, so a hostile document never reaches the costlier rules): per
 * operation its depth, aliases and root fields, fragments expanded (each fragment measured once,
 * so a fan-out of fragments costs no more to measure than to read); in every argument the literal
 * page sizes (`limit`, `first`, `last`) and `inq`/`nin` list lengths. Fragment cycles are left to
 * graphql-js (a cycle counts as nothing here), and so is what lies below introspection fields.
 *
 * @example
 * checkDocumentLimits(parse('{ a1: tracks { name } a2: tracks { name } }'), { ...limits, maxAliases: 1 });
 * // [GraphQLError: The operation has 2 aliases; at most 1 are allowed] (ALIAS_LIMIT_EXCEEDED)
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { limitExceeded } from './limit-error.js';
import { LIST_OPERATORS, PAGE_ARGUMENTS, type QueryLimits } from './query-limits.js';

/** What one selection set holds, fragments expanded. */
interface Measure {
  /** Field levels of the deepest path below. */
  depth: number;
  /** Aliased fields anywhere below. */
  aliases: number;
  /** Fields of the set itself (not those below them). */
  fields: number;
}

const NOTHING: Measure = { depth: 0, aliases: 0, fields: 0 };

class Measurer {
  private readonly memo = new Map<string, Measure>();
  private readonly visiting = new Set<string>();

  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {}

  measure(set: SelectionSetNode): Measure {
    let depth = 0;
    let aliases = 0;
    let fields = 0;
    for (const selection of set.selections) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        // Introspection (`__schema`, `__type`) reads the schema, not the database: its depth is
        // the schema's (GraphiQL's query nests `ofType` 9 levels), so it is not measured.
        const below =
          selection.selectionSet && !selection.name.value.startsWith('__')
            ? this.measure(selection.selectionSet)
            : NOTHING;
        inner = { depth: below.depth + 1, aliases: below.aliases + (selection.alias ? 1 : 0), fields: 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet);
      } else {
        inner = this.fragment(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases = Math.min(Number.MAX_SAFE_INTEGER, aliases + inner.aliases);
      fields = Math.min(Number.MAX_SAFE_INTEGER, fields + inner.fields);
    }
    return { depth, aliases, fields };
  }

  private fragment(name: string): Measure {
    const known = this.memo.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return NOTHING;
    this.visiting.add(name);
    const measure = this.measure(fragment.selectionSet);
    this.visiting.delete(name);
    this.memo.set(name, measure);
    return measure;
  }
}

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `The operation ${operation.name.value}` : 'The operation';
}

function checkOperation(
  operation: OperationDefinitionNode,
  measurer: Measurer,
  limits: QueryLimits,
): GraphQLError[] {
  const { depth, aliases, fields } = measurer.measure(operation.selectionSet);
  const label = operationLabel(operation);
  const errors: GraphQLError[] = [];
  if (depth > limits.maxDepth) {
    errors.push(
      limitExceeded(
        'DEPTH_LIMIT_EXCEEDED',
        `${label} nests ${depth} field levels (fragments expanded); at most ${limits.maxDepth} are allowed`,
        limits.maxDepth,
        depth,
        {},
        operation,
      ),
    );
  }
  if (aliases > limits.maxAliases) {
    errors.push(
      limitExceeded(
        'ALIAS_LIMIT_EXCEEDED',
        `${label} has ${aliases} aliases (fragments expanded); at most ${limits.maxAliases} are allowed`,
        limits.maxAliases,
        aliases,
        {},
        operation,
      ),
    );
  }
  // `fields` counts the fields of the selection set itself (those of its fragments included).
  const rootFields = fields;
  if (rootFields > limits.maxRootFields) {
    errors.push(
      limitExceeded(
        'ROOT_FIELD_LIMIT_EXCEEDED',
        `${label} selects ${rootFields} root fields; at most ${limits.maxRootFields} are allowed`,
        limits.maxRootFields,
        rootFields,
        {},
        operation,
      ),
    );
  }
  return errors;
}

/** The literal page sizes and `inq`/`nin` lists of every argument of the document. */
function checkValues(document: DocumentNode, limits: QueryLimits): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const { max } = limits.pageSizes;
  visit(document, {
    Argument(node) {
      if (!PAGE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.INT) return;
      const value = Number(node.value.value);
      if (value > max) {
        errors.push(
          limitExceeded(
            'PAGE_SIZE_EXCEEDED',
            `\`${node.name.value}: ${value}\` asks for more rows than a page may hold (${max}); read further pages with \`skip\` or a connection's cursors`,
            max,
            value,
            { argument: node.name.value },
            node,
          ),
        );
      }
    },
    ObjectField(node) {
      if (!LIST_OPERATORS.has(node.name.value) || node.value.kind !== Kind.LIST) return;
      const length = node.value.values.length;
      if (length > limits.maxListLength) {
        errors.push(
          limitExceeded(
            'LIST_TOO_LONG',
            `\`${node.name.value}\` lists ${length} values; at most ${limits.maxListLength} are allowed`,
            limits.maxListLength,
            length,
            { operator: node.name.value },
            node,
          ),
        );
      }
    },
  });
  return errors;
}

/** The limits `document` exceeds (none: it may go on to validation). */
export function checkDocumentLimits(document: DocumentNode, limits: QueryLimits): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measurer = new Measurer(fragments);
  const errors: GraphQLError[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION)
      errors.push(...checkOperation(definition, measurer, limits));
  }
  errors.push(...checkValues(document, limits));
  return errors;
}
