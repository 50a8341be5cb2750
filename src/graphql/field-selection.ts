/**
 * Which properties a query needs from a model: the fields it selects, plus the keys that the
 * selected relations join on. Derived from the resolve info once per field node (documents are
 * parsed once and their nodes reused, so a cached query never walks its selection again) and
 * passed to the juggler as `filter.fields`, so SQL selects columns, not `*`.
 *
 * `@skip`/`@include` are deliberately ignored: selecting a column too many is harmless, and it
 * keeps the result independent of variables, which is what makes the per-node cache safe.
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';
import type { ModelNames } from './schema-names.js';

/** Where the model's rows sit inside the field's result. */
export type SelectionShape = 'rows' | 'connection';

const cache = new WeakMap<FieldNode, Map<string, string[]>>();

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
 */
export function selectedProperties(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  model: ModelNames,
  shape: SelectionShape = 'rows',
): string[] {
  const first = nodes[0];
  const cacheKey = `${model.source.name}:${shape}:${nodes.length}`;
  const cached = first ? cache.get(first)?.get(cacheKey) : undefined;
  if (cached) return cached;
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
  const result = model.source.properties.map((property) => property.name).filter((name) => wanted.has(name));
  if (first) {
    const perNode = cache.get(first) ?? new Map<string, string[]>();
    perNode.set(cacheKey, result);
    cache.set(first, perNode);
  }
  return result;
}

/** `selectedProperties` for the field a resolver is resolving. */
export function selectedPropertiesOf(
  info: GraphQLResolveInfo,
  model: ModelNames,
  shape: SelectionShape = 'rows',
): string[] {
  return selectedProperties(info.fieldNodes, info.fragments, model, shape);
}

/** Whether the connection field being resolved selects `totalCount` (it costs a count statement). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const fields = new Map<string, FieldNode[]>();
  for (const node of info.fieldNodes) collectFields(node.selectionSet, info.fragments, fields);
  return fields.has(name);
}
