/**
 * Root query resolvers of one model: the list (`tracks`), the row by id (`track`), the count
 * (`tracksCount`) and the Relay connection (`tracksConnection`). Lists read plain rows
 * (`find(filter, {raw: true, join})`) with only the selected columns, and the belongsTo chains
 * they select joined into the same statement.
 */
import { type ConnectionArguments, resolveConnection } from '../connection.js';
import { guardResolver } from '../errors.js';
import { selectedPropertiesOf, selectsField } from '../field-selection.js';
import {
  idWhere,
  type ListArguments,
  toJugglerFilter,
  toJugglerWhere,
  type WhereInput,
} from '../filter-arguments.js';
import { joinPlanOf } from '../join-plan.js';
import { findOptions } from '../loaders.js';
import { toRow } from '../model-class.js';
import { hasIds } from '../model-type-defs.js';
import type { ModelNames } from '../schema-names.js';
import { ListFilterCache } from './list-filter-cache.js';
import { modelOf, namesLookup, type Resolver, type ResolverEnv, requestLoaders } from './resolver-env.js';

/**
 * The Query fields of `names`' model with their resolvers, added to `resolvers` (those of the
 * other models: one map for all, rather than one object per model merged into it).
 */
export function queryResolvers(
  env: ResolverEnv,
  names: ModelNames,
  resolvers: Record<string, Resolver> = {},
): Record<string, Resolver> {
  const model = modelOf(env, names.source.name);
  const lookup = namesLookup(env);
  const listFilters = new ListFilterCache();
  resolvers[names.list] = guardResolver(async (_parent, args, context, info) => {
    const fields = selectedPropertiesOf(info, names);
    const filter =
      listFilters.filterOf(info, fields) ??
      listFilters.remember(info, fields, toJugglerFilter(args as ListArguments, names));
    const join = joinPlanOf(info, names, lookup);
    const rows = ((await model.find(filter, findOptions(join))) as unknown[]).map(toRow);
    if (join.relations.length > 0) requestLoaders(env, context).offerJoined(join, rows);
    return rows;
  }, env.logger);
  resolvers[names.count] = guardResolver(async (_parent, args) => {
    return Number(await model.count(toJugglerWhere(args.where as WhereInput | undefined, names) ?? {}));
  }, env.logger);
  if (!hasIds(names)) return resolvers;
  resolvers[names.single] = guardResolver(async (_parent, args, context, info) => {
    const where = idWhere(args, names);
    const key = names.source.idProperties.map((id) => where[id]);
    const fields = selectedPropertiesOf(info, names);
    const join = joinPlanOf(info, names, lookup);
    return requestLoaders(env, context)
      .byId(names.source.name, names.source.idProperties, fields, join)
      .load(key);
  }, env.logger);
  resolvers[names.connectionField] = guardResolver(async (_parent, args, context, info) => {
    const filter = toJugglerFilter(args as ListArguments, names);
    const fields = selectedPropertiesOf(info, names, 'connection');
    const join = joinPlanOf(info, names, lookup, 'connection');
    const where = filter.where ?? {};
    return resolveConnection(
      args as ConnectionArguments,
      {
        count: async () => Number(await model.count(where)),
        find: async (skip, limit) => {
          const page = {
            ...filter,
            fields,
            ...(skip > 0 ? { skip } : {}),
            ...(limit !== undefined ? { limit } : {}),
          };
          const rows = ((await model.find(page, findOptions(join))) as unknown[]).map(toRow);
          if (join.relations.length > 0) requestLoaders(env, context).offerJoined(join, rows);
          return rows;
        },
      },
      selectsField(info, 'totalCount'),
    );
  }, env.logger);
  return resolvers;
}
