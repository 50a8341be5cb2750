/**
 * The Relay cursor connections specification's pagination algorithm, written from the
 * specification's text over a list held in memory (cursors are positions of existing edges): the
 * reference the connection tests compare Discograph's pages with.
 */

/** Relay's arguments with cursors as positions. */
export interface ReferenceArguments {
  first?: number;
  last?: number;
  after?: number;
  before?: number;
}

/** What the algorithm fixes: the edges (as positions) and the flags it defines (MUST rules). */
export interface ReferencePage {
  positions: number[];
  /** Defined when `first` is set (otherwise the server MAY answer either). */
  hasNextPage: boolean | undefined;
  /** Defined when `last` is set (otherwise the server MAY answer either). */
  hasPreviousPage: boolean | undefined;
}

/** ApplyCursorsToEdges, then EdgesToReturn, HasPreviousPage and HasNextPage over `length` edges. */
export function relayReference(length: number, args: ReferenceArguments): ReferencePage {
  // ApplyCursorsToEdges: remove the edges up to and including afterEdge, and from beforeEdge on.
  let edges = Array.from({ length }, (_, position) => position);
  if (args.after !== undefined && args.after < length)
    edges = edges.filter((p) => p > (args.after as number));
  if (args.before !== undefined && args.before < length)
    edges = edges.filter((p) => p < (args.before as number));
  const afterCursors = edges.length;
  // EdgesToReturn: first slices from the end, then last from the start.
  if (args.first !== undefined && edges.length > args.first) edges = edges.slice(0, args.first);
  if (args.last !== undefined && edges.length > args.last) edges = edges.slice(edges.length - args.last);
  return {
    positions: edges,
    hasPreviousPage: args.last === undefined ? undefined : afterCursors > args.last,
    hasNextPage: args.first === undefined ? undefined : afterCursors > args.first,
  };
}

/**
 * Whether the flags the algorithm leaves to the server (MAY) are truthful: `hasPreviousPage`
 * without `last` only when edges precede `after`, `hasNextPage` without `first` only when edges
 * follow `before`.
 */
export function mayFlagsAreTruthful(
  length: number,
  args: ReferenceArguments,
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean },
): boolean {
  if (args.last === undefined && pageInfo.hasPreviousPage) {
    if (args.after === undefined || args.after === 0 || args.after >= length) return false;
  }
  if (args.first === undefined && pageInfo.hasNextPage) {
    if (args.before === undefined || args.before + 1 >= length) return false;
  }
  return true;
}

/** Every combination of the arguments over a list of `length` edges (cursors of existing edges only). */
export function referenceCases(length: number, counts: readonly number[]): ReferenceArguments[] {
  const cursors = [undefined, ...Array.from({ length }, (_, position) => position)];
  const amounts = [undefined, ...counts];
  const cases: ReferenceArguments[] = [];
  for (const first of amounts)
    for (const last of amounts)
      for (const after of cursors)
        for (const before of cursors) {
          const args: ReferenceArguments = {};
          if (first !== undefined) args.first = first;
          if (last !== undefined) args.last = last;
          if (after !== undefined) args.after = after;
          if (before !== undefined) args.before = before;
          cases.push(args);
        }
  return cases;
}
