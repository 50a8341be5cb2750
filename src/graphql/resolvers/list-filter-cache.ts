/**
 * The juggler filter of a list field, built once per field node when its arguments are literals.
 * A field node whose arguments hold no variable gets the same arguments on every request (its
 * literals and the schema's defaults), so its filter (`where`, `order`, `limit`, `skip` and the
 * selected `fields`) is built once, deep-frozen and reused: the DAO then normalizes it and the SQL
 * connector renders its statement once too (both cache deeply frozen filters by identity). Fields
 * with variables build their filter per request, as before.
 */
import type { FieldNode, GraphQLResolveInfo, ValueNode } from 'graphql';
import { Kind } from 'graphql';
import type { Filter } from '../../juggler/filter/filter-types.js';
import { freezePlainData } from '../../juggler/filter/frozen-data.js';

function usesVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(usesVariable);
    case Kind.OBJECT:
      return value.fields.some((field) => usesVariable(field.value));
    default:
      return false;
  }
}

/** Whether any argument of `node` refers to a variable (directly or inside a list or object). */
export function argumentsUseVariables(node: FieldNode): boolean {
  return node.arguments?.some((argument) => usesVariable(argument.value)) === true;
}

interface CachedFilter {
  /** The selected properties the filter was built with (the cached selection of the field node). */
  fields: readonly string[];
  filter: Filter;
}

/**
 * Filters of one list resolver, per first field node (a node belongs to one document and one
 * field). Used as `cache.filterOf(info, fields) ?? cache.remember(info, fields, build())`.
 */
export class ListFilterCache {
  /** null: the node's arguments use variables (or hold values that cannot be frozen). */
  private readonly byNode = new WeakMap<FieldNode, CachedFilter | null>();

  /** The frozen filter built for this field node and these selected `fields`, if there is one. */
  filterOf(info: GraphQLResolveInfo, fields: readonly string[]): Filter | undefined {
    const node = info.fieldNodes[0];
    const known = node ? this.byNode.get(node) : undefined;
    return known && known.fields === fields ? known.filter : undefined;
  }

  /**
   * Sets `filter.fields` and returns `filter`, deep-frozen and remembered when the field's
   * arguments are literals; left mutable when they use variables or hold non-plain values.
   */
  remember(info: GraphQLResolveInfo, fields: string[], filter: Filter): Filter {
    filter.fields = fields;
    const node = info.fieldNodes[0];
    if (!node) return filter;
    const known = this.byNode.get(node);
    if (known === null) return filter;
    const literal = known !== undefined || !argumentsUseVariables(node);
    this.byNode.set(node, literal && freezePlainData(filter) ? { fields, filter } : null);
    return filter;
  }
}
