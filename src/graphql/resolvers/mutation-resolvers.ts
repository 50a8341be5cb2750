/**
 * Root mutation resolvers of one model. Every write goes through the DAO (create,
 * updateAttributes, upsert, destroy) so validation and hooks run; a validation failure writes
 * nothing and surfaces as VALIDATION_FAILED. Loaders are cleared after each write so later
 * fields of the same operation read fresh rows. Each mutation — its read of the row, its write,
 * and what hooks write around it — is one transaction: on a connector with
 * `capabilities.mutationTransactions` (MongoDB) one `connector.transaction` (where the server runs
 * transactions; see the connector), on the others `model.runAtomically` (SQL: no BEGIN/COMMIT
 * where the write is the field's one write and last statement; see juggler/dao/dao-unit.ts).
 * In an atomic request (`mutation @atomic`) a field does not run once an earlier one failed
 * (atomic-mutation.ts).
 */
import { NotFoundError } from '../../juggler/errors.js';
import type { FindOptions } from '../../juggler/model-types.js';
import { atomicMutationResolver } from '../atomic-mutation.js';
import { guardResolver } from '../errors.js';
import { idWhere, toModelData } from '../filter-arguments.js';
import { type GraphQLModelClass, type GraphQLModelInstance, toRow } from '../model-class.js';
import { hasCreate, hasDelete, hasUpdate, hasUpsert, isWritable } from '../model-type-defs.js';
import type { ModelNames } from '../schema-names.js';
import { modelOf, optionsOf, type Resolver, type ResolverEnv, requestLoaders } from './resolver-env.js';

/**
 * Runs one mutation's DAO calls with `options` as one transaction: `connector.transaction` when the
 * connector asks for it (`capabilities.mutationTransactions`), `model.runAtomically` otherwise.
 */
function inMutation<T>(
  model: GraphQLModelClass,
  options: FindOptions,
  work: (options: FindOptions) => Promise<T>,
): Promise<T> {
  const connector = model.dataSource?.connector;
  if (!connector?.capabilities.mutationTransactions || !connector.transaction || options.transaction) {
    return model.runAtomically ? model.runAtomically(work, options) : work(options);
  }
  return connector.transaction((transaction) =>
    work(transaction === undefined ? options : { ...options, transaction }),
  );
}

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
    options: FindOptions,
  ): Promise<GraphQLModelInstance | undefined> => {
    const found = (await model.find(
      { where: idWhere(args, names), limit: 1 },
      options,
    )) as GraphQLModelInstance[];
    return found[0];
  };
  if (hasCreate(names)) {
    resolvers[names.create] = atomicMutationResolver(
      guardResolver(
        async (_parent, args, context) => {
          const created = await inMutation(model, optionsOf(context), (options) =>
            model.create(dataOf(args), options),
          );
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
          const instance = await inMutation(model, optionsOf(context), async (options) => {
            const found = await findInstance(args, options);
            if (!found) {
              throw new NotFoundError(`No ${names.type} has the id ${JSON.stringify(idWhere(args, names))}`, {
                model: names.source.name,
                id: idWhere(args, names),
              });
            }
            await found.updateAttributes(dataOf(args), options);
            return found;
          });
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
          const stored = await inMutation(model, optionsOf(context), (options) =>
            model.upsert(dataOf(args), options),
          );
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
          const row = await inMutation(model, optionsOf(context), async (options) => {
            const instance = await findInstance(args, options);
            if (!instance) return null;
            const found = toRow(instance);
            await instance.destroy(options);
            return found;
          });
          if (row === null) return null;
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
