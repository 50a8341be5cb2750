/**
 * Constructors for normalized where nodes that fold constants, so `{}`, `inq: []` and nested
 * empty and/or lists reach connectors as one constant node instead of degenerate SQL.
 */
import type { WhereNode } from './filter-types.js';

/** The node that matches every row. */
export const TRUE_NODE: WhereNode = Object.freeze({ kind: 'constant', value: true }) as WhereNode;
/** The node that matches no row. */
export const FALSE_NODE: WhereNode = Object.freeze({ kind: 'constant', value: false }) as WhereNode;

/** Conjunction of nodes with constant folding (no nodes → true). */
export function andNodes(nodes: readonly WhereNode[]): WhereNode {
  const kept: WhereNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'constant') {
      if (!node.value) return FALSE_NODE;
      continue;
    }
    if (node.kind === 'and') kept.push(...node.nodes);
    else kept.push(node);
  }
  if (kept.length === 0) return TRUE_NODE;
  if (kept.length === 1) return kept[0] as WhereNode;
  return { kind: 'and', nodes: kept };
}

/** Disjunction of nodes with constant folding (no nodes → false). */
export function orNodes(nodes: readonly WhereNode[]): WhereNode {
  const kept: WhereNode[] = [];
  for (const node of nodes) {
    if (node.kind === 'constant') {
      if (node.value) return TRUE_NODE;
      continue;
    }
    if (node.kind === 'or') kept.push(...node.nodes);
    else kept.push(node);
  }
  if (kept.length === 0) return FALSE_NODE;
  if (kept.length === 1) return kept[0] as WhereNode;
  return { kind: 'or', nodes: kept };
}

/** Whether a node is the constant `true` (no condition at all). */
export function isAlwaysTrue(node: WhereNode | undefined): boolean {
  return node === undefined || (node.kind === 'constant' && node.value);
}
