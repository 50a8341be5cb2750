/**
 * Root query resolvers of one model: the list (`tracks`), the row by id (`track`), the count
 * (`tracksCount`) and the Relay connection (`tracksConnection`). Each runs its field's plan: a
 * prepared read of plain rows with only the selected columns and the relations the selection asks
 * for read in the same statement (see plan/field-plan.ts).
 */
import { guardResolver } from '../errors.js';
import { hasIds } from '../model-type-defs.js';
import type {
  ConnectionFieldPlan,
  CountFieldPlan,
  ListFieldPlan,
  SingleFieldPlan,
} from '../plan/field-plan.js';
import type { ModelNames } from '../schema-names.js';
import {
  fieldOptionsOf,
  fieldPlanOf,
  type Resolver,
  type ResolverEnv,
  requestLoaders,
} from './resolver-env.js';

const NO_VALUES = Object.freeze({});

/**
 * The Query fields of `names`' model with their resolvers, added to `resolvers` (those of the
 * other models: one map for all, rather than one object per model merged into it).
 */
export function queryResolvers(
  env: ResolverEnv,
  names: ModelNames,
  resolvers: Record<string, Resolver> = {},
): Record<string, Resolver> {
  resolvers[names.list] = guardResolver(
    (_parent, args, context, info) => {
      const plan = fieldPlanOf(env, context, info) as ListFieldPlan;
      return plan.run(args, info.variableValues, fieldOptionsOf(context, plan.path));
    },
    env.logger,
    names.fields,
  );
  resolvers[names.count] = guardResolver(
    (_parent, args, context, info) => {
      const plan = fieldPlanOf(env, context, info) as CountFieldPlan;
      return plan.run(args, info.variableValues, fieldOptionsOf(context, plan.path)).then(Number);
    },
    env.logger,
    names.fields,
  );
  if (!hasIds(names)) return resolvers;
  resolvers[names.single] = guardResolver(
    (_parent, args, context, info) => {
      const plan = fieldPlanOf(env, context, info) as SingleFieldPlan;
      return requestLoaders(context)
        .loader(plan.read, NO_VALUES, fieldOptionsOf(context, plan.path))
        .load(plan.keyOf(args));
    },
    env.logger,
    names.fields,
  );
  resolvers[names.connectionField] = guardResolver(
    (_parent, args, context, info) => {
      const plan = fieldPlanOf(env, context, info) as ConnectionFieldPlan;
      return plan.run(args, info.variableValues, fieldOptionsOf(context, plan.path));
    },
    env.logger,
    names.fields,
  );
  return resolvers;
}
