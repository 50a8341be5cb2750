/**
 * Root mutation resolvers of one model. Every write goes through the DAO (create,
 * updateAttributes, upsert, destroy) so validation and hooks run; a validation failure writes
 * nothing and surfaces as VALIDATION_FAILED. Loaders are cleared after each write so later
 * fields of the same operation read fresh rows. In an atomic request (`mutation @atomic`) a field
 * does not run once an earlier one failed (atomic-mutation.ts).
 */
import { NotFoundError } from '../../juggler/errors.js';
import { atomicMutationResolver } from '../atomic-mutation.js';
import { guardResolver } from '../errors.js';
import { idWhere, toModelData } from '../filter-arguments.js';
import { type GraphQLModelInstance, toRow } from '../model-class.js';
import { hasCreate, hasDelete, hasUpdate, hasUpsert, isWritable } from '../model-type-defs.js';
import type { ModelNames } from '../schema-names.js';
import { modelOf, optionsOf, type Resolver, type ResolverEnv, requestLoaders } from './resolver-env.js';

/**
 * The Mutation fields of `names`' model with their resolvers (none for views), added to
 * `resolvers` (those of the other models).
 */
export function mutationResolvers(
  env: ResolverEnv,
  names: ModelNames,
  resolvers: Record<string, Resolver> = {},
): Record<string, Resolver> {
  if (!isWritable(names)) return resolvers;
  const model = modelOf(env, names.source.name);
  const dataOf = (args: Record<string, unknown>) =>
    toModelData((args.data ?? {}) as Record<string, unknown>, names);
  const findInstance = async (
    args: Record<string, unknown>,
    context: unknown,
  ): Promise<GraphQLModelInstance | undefined> => {
    const found = (await model.find(
      { where: idWhere(args, names), limit: 1 },
      optionsOf(context),
    )) as GraphQLModelInstance[];
    return found[0];
  };
  if (hasCreate(names)) {
    resolvers[names.create] = atomicMutationResolver(
      guardResolver(
        async (_parent, args, context) => {
          const created = await model.create(dataOf(args), optionsOf(context));
          requestLoaders(context).clearAll();
          return toRow(created);
        },
        env.logger,
        names.fields,
      ),
    );
  }
  if (hasUpdate(names)) {
    resolvers[names.update] = atomicMutationResolver(
      guardResolver(
        async (_parent, args, context) => {
          const instance = await findInstance(args, context);
          if (!instance) {
            throw new NotFoundError(`No ${names.type} has the id ${JSON.stringify(idWhere(args, names))}`, {
              model: names.source.name,
              id: idWhere(args, names),
            });
          }
          await instance.updateAttributes(dataOf(args), optionsOf(context));
          requestLoaders(context).clearAll();
          return toRow(instance);
        },
        env.logger,
        names.fields,
      ),
    );
  }
  if (hasUpsert(names)) {
    resolvers[names.upsert] = atomicMutationResolver(
      guardResolver(
        async (_parent, args, context) => {
          const stored = await model.upsert(dataOf(args), optionsOf(context));
          requestLoaders(context).clearAll();
          return toRow(stored);
        },
        env.logger,
        names.fields,
      ),
    );
  }
  if (hasDelete(names)) {
    resolvers[names.delete] = atomicMutationResolver(
      guardResolver(
        async (_parent, args, context) => {
          const instance = await findInstance(args, context);
          if (!instance) return null;
          const row = toRow(instance);
          await instance.destroy(optionsOf(context));
          requestLoaders(context).clearAll();
          return row;
        },
        env.logger,
        names.fields,
      ),
    );
  }
  return resolvers;
}
