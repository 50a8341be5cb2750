/**
 * Role row filters and hidden column values, enforced through the juggler's operation hooks on
 * the models that have them (a gateway without them registers nothing, so its reads keep their
 * hook-free path):
 *
 * - `access` (every read: list, count, connection, by id, relation batches and the joins read
 *   with them, and the where of an update, upsert or delete) ands the caller's row filter, its
 *   claims substituted, into the query. The juggler prepares a read under `access` listeners for
 *   that run only, with the values as parameters, so nothing one caller's filter adds is ever
 *   kept for another; the cached plan never holds a claim.
 * - `before save` refuses (FORBIDDEN) a create whose values the filter does not admit and an
 *   update that would move a row out of it, and gives hidden columns their configured values on create.
 */

import type { ModelClass } from '../../juggler/dao/model-class.js';
import { attached } from '../../juggler/dao/model-class.js';
import { ForbiddenError } from '../../juggler/errors.js';
import type { Where } from '../../juggler/filter/filter-types.js';
import { matchesWhere } from '../../juggler/filter/match-where.js';
import { normalizeWhere } from '../../juggler/filter/normalize-where.js';
import type { AccessHookContext, SaveHookContext } from '../../juggler/model-types.js';
import { readOnlyListener } from '../../juggler/observer.js';
import { substituteClaims } from './claims.js';
import type { HiddenValues } from './hidden-values.js';
import { requestRole, requestStateOf } from './request-role.js';
import type { RoleRuleBook } from './role-rules.js';

/** The caller's claims and role, from a juggler call's options. */
function callerOf(options: unknown): { role: string; claims: Readonly<Record<string, unknown>> } {
  const state = requestStateOf(options);
  return { role: requestRole(state), claims: state?.caller?.claims ?? {} };
}

/** The row filter of the caller on `model` with claims substituted; undefined: every row. */
function callerWhere(rules: RoleRuleBook, model: string, options: unknown): Where | undefined {
  const { role, claims } = callerOf(options);
  const rule = rules.rule(role, model);
  if (!rule.read) {
    throw new ForbiddenError(`The role ${role} may not read ${model}`, { role, model });
  }
  return rule.where ? (substituteClaims(rule.where, claims, `${role} on ${model}`) as Where) : undefined;
}

/** Whether `row` (values by property name) is among the rows `where` admits. */
async function admits(Model: ModelClass, where: Where, row: Record<string, unknown>): Promise<boolean> {
  const { model } = await attached(Model);
  return matchesWhere(row, normalizeWhere(model, where), model);
}

function accessListener(rules: RoleRuleBook, name: string) {
  return async (context: AccessHookContext): Promise<void> => {
    const where = callerWhere(rules, name, context.options);
    if (!where) return;
    const given = context.query.where;
    context.query.where = Object.keys(given).length === 0 ? where : { and: [given, where] };
  };
}

function saveListener(
  rules: RoleRuleBook | undefined,
  values: ReadonlyMap<string, unknown> | undefined,
  name: string,
) {
  return async (context: SaveHookContext): Promise<void> => {
    const { instance } = context;
    if (values && instance && context.isNewInstance) {
      const { claims } = callerOf(context.options);
      for (const [property, value] of values) {
        if (instance.__data[property] === undefined) {
          instance.__data[property] = substituteClaims(value, claims, `hiddenColumnValues of ${name}`);
        }
      }
    }
    if (!rules?.rowFilteredModels.has(name)) return;
    const where = callerWhere(rules, name, context.options);
    if (!where) return;
    const row = instance
      ? instance.__data
      : { ...(context.currentInstance?.__data ?? {}), ...(context.data ?? {}) };
    if (!(await admits(context.Model as ModelClass, where, row))) {
      const { role } = callerOf(context.options);
      throw new ForbiddenError(`The role ${role} may not write a ${name} outside the rows its rule admits`, {
        role,
        model: name,
      });
    }
  };
}

/**
 * Registers the hooks enforcing row filters and hidden column values on the models that need
 * them; `modelOf` gives a model class by name (building it if it was not yet).
 */
export function registerRowRules(
  modelOf: (name: string) => ModelClass,
  rules: RoleRuleBook | undefined,
  hiddenValues: HiddenValues,
): void {
  const names = new Set([...(rules?.rowFilteredModels ?? []), ...hiddenValues.keys()]);
  for (const name of names) {
    const Model = modelOf(name);
    // Neither writes (the save listener may read): a field's write stays its one write.
    if (rules?.rowFilteredModels.has(name)) {
      Model.observe('access', readOnlyListener(accessListener(rules, name)));
    }
    Model.observe('before save', readOnlyListener(saveListener(rules, hiddenValues.get(name), name)));
  }
}
