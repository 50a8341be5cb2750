/**
 * The juggler filter of a relation field: the field's arguments (`where`, `order`, `limit`,
 * `skip` for lists) with the relation's scope merged in. One function for the relation resolvers
 * and for the lookahead that reads hasMany lists with their parents, so both ask for the same rows.
 */
import type { Filter, Where } from '../juggler/filter/filter-types.js';
import type { ResolvedRelation } from '../juggler/model-types.js';
import {
  type ListArguments,
  type SlotChecks,
  toJugglerFilter,
  toJugglerOrder,
  withPageSize,
} from './filter-arguments.js';
import type { PageSizes } from './limits/query-limits.js';
import type { ModelNames } from './schema-names.js';

/**
 * The filter of a relation field with arguments `args` (already coerced by GraphQL, or a plan's
 * template with slots, whose checks go to `checks`). A list relation reads at most a page per
 * parent: its `limit`, the scope's, or the default of `pageSizes`.
 */
export function relationFilter(
  relation: ResolvedRelation,
  target: ModelNames,
  args: ListArguments,
  checks?: SlotChecks,
  pageSizes?: PageSizes,
): Filter {
  const filter = scopedFilter(relation, target, args, checks);
  return relation.multiple ? withPageSize(filter, pageSizes, checks) : filter;
}

function scopedFilter(
  relation: ResolvedRelation,
  target: ModelNames,
  args: ListArguments,
  checks: SlotChecks | undefined,
): Filter {
  const filter = relation.multiple ? toJugglerFilter(args, target, checks) : {};
  const scope = relation.scope;
  if (!scope) return filter;
  const wheres = [scope.where, filter.where].filter(
    (where): where is Where => !!where && Object.keys(where).length > 0,
  );
  if (wheres.length > 0) filter.where = wheres.length === 1 ? (wheres[0] as Where) : { and: wheres };
  if ((!args.order || args.order.length === 0) && scope.order !== undefined) {
    const scoped = Array.isArray(scope.order) ? scope.order : [scope.order];
    const ids = toJugglerOrder([], target).filter(
      (clause) => !scoped.some((s) => s.split(' ')[0] === clause.split(' ')[0]),
    );
    filter.order = [...scoped, ...ids];
  }
  if (filter.limit === undefined && scope.limit !== undefined) filter.limit = scope.limit;
  return filter;
}
