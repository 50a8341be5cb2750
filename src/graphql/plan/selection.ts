/**
 * What a field's selection asks of a model: the sub-fields selected (fragments expanded), where
 * its rows sit (the field itself, or `edges.node` / `nodes` of a connection), and which
 * properties to read — the fields it selects, plus the keys the selected relations join on —
 * passed to the juggler as `filter.fields`, so SQL selects columns, not `*`. Read once, when an
 * operation is planned.
 *
 * `@skip`/`@include` are deliberately ignored: selecting a column too many is harmless, and it
 * keeps the plan independent of variables.
 */
import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';
import type { ModelNames } from '../schema-names.js';

/** Where the model's rows sit inside the field's result. */
export type SelectionShape = 'rows' | 'connection';

/** Collects the sub-fields selected under `selectionSet`, fragments expanded, keyed by field name. */
export function collectFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  into: Map<string, FieldNode[]>,
  visited: Set<string> = new Set(),
): Map<string, FieldNode[]> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const list = into.get(selection.name.value) ?? [];
      list.push(selection);
      into.set(selection.name.value, list);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, fragments, into, visited);
    } else if (!visited.has(selection.name.value)) {
      visited.add(selection.name.value);
      collectFields(fragments[selection.name.value]?.selectionSet, fragments, into, visited);
    }
  }
  return into;
}

/** The field nodes whose selections describe rows: the nodes themselves, or `edges.node` / `nodes` of a connection. */
export function rowSelections(
  nodes: readonly FieldNode[],
  shape: SelectionShape,
  fragments: Record<string, FragmentDefinitionNode>,
): SelectionSetNode[] {
  const sets = nodes
    .map((node) => node.selectionSet)
    .filter((set): set is SelectionSetNode => set !== undefined);
  if (shape === 'rows') return sets;
  const result: SelectionSetNode[] = [];
  for (const set of sets) {
    const fields = collectFields(set, fragments, new Map());
    for (const node of fields.get('nodes') ?? []) if (node.selectionSet) result.push(node.selectionSet);
    for (const edges of fields.get('edges') ?? []) {
      for (const node of collectFields(edges.selectionSet, fragments, new Map()).get('node') ?? []) {
        if (node.selectionSet) result.push(node.selectionSet);
      }
    }
  }
  return result;
}

/**
 * The property names to read for `nodes` (the field being resolved, merged duplicates included):
 * selected properties, keys of selected relations, and the ids (always, for cursors and loaders).
 * A relation key the schema hides (a hidden column) is read all the same, after the visible ones:
 * the relation needs it, and no field exposes it.
 */
export function selectedProperties(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  model: ModelNames,
  shape: SelectionShape = 'rows',
): string[] {
  const wanted = new Set<string>(model.source.idProperties);
  const fields = new Map<string, FieldNode[]>();
  for (const set of rowSelections(nodes, shape, fragments)) collectFields(set, fragments, fields);
  const relationsByField = new Map(
    model.source.relations.map((relation) => [model.relationFields.get(relation.name), relation]),
  );
  for (const [property, field] of model.fields) if (fields.has(field)) wanted.add(property);
  for (const field of fields.keys()) {
    const relation = relationsByField.get(field);
    if (relation) for (const key of relation.keyFrom) wanted.add(key);
  }
  // Definition order keeps the generated SQL text (and its prepared statement) stable.
  const visible = model.source.properties
    .map((property) => property.name)
    .filter((name) => wanted.delete(name));
  // What is left are keys of hidden columns (or ids): read for the relations, never exposed.
  return wanted.size === 0 ? visible : [...visible, ...wanted];
}

/** Whether the field `nodes` select the sub-field `name` (a connection's `totalCount` costs a count statement). */
export function selectsField(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  name: string,
): boolean {
  const fields = new Map<string, FieldNode[]>();
  for (const node of nodes) collectFields(node.selectionSet, fragments, fields);
  return fields.has(name);
}
