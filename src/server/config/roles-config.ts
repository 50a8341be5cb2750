/**
 * Authorization settings: role rules (`roles`), read-only mode (`readOnly`) and per-model
 * operation switches for every role (`models.<Model>.operations`). Their meaning is applied in
 * server/access/; this file owns their types, defaults, environment variables and schema.
 *
 * @example
 * // discograph.config.json
 * {
 *   "roles": {
 *     "customer": {
 *       "Invoice": { "read": true, "where": { "customerId": { "eq": "$claims.customer_id" } } },
 *       "Track": { "read": true, "hidden": ["unitPrice"] }
 *     },
 *     "admin": { "*": { "read": true, "create": true, "update": true, "delete": true } }
 *   },
 *   "models": { "Invoice": { "operations": { "delete": false } } }
 * }
 */
import { z } from 'zod';
import { envBoolean } from './config-schema.js';

/** What one role may do with one model (or, under `"*"`, with every model without a rule of its own). */
export interface ModelRule {
  /** Read its rows (list, count, connection, by id, as a relation); without it the model is absent. */
  read?: boolean;
  create?: boolean;
  update?: boolean;
  delete?: boolean;
  /**
   * Row filter over property names (the juggler's where: `eq neq gt gte lt lte between inq nin
   * like nlike ilike regexp`, `and`/`or`); a string value `"$claims.<name>"` is the caller's claim.
   * Every read sees only these rows; updates and deletes touch only them; a create or update
   * whose values leave them is FORBIDDEN. Not allowed under `"*"`.
   */
  where?: Record<string, unknown>;
  /** Properties this role does not see (absent from its schema). Not allowed under `"*"`. */
  hidden?: string[];
}

/** The rules of one role: model name (or `"*"`) → rule. */
export type RoleRules = Record<string, ModelRule>;

/** Switches of one model for every role. */
export interface ModelSettings {
  /** Mutations switched off (`{"delete": false}`); a switch left out stays on. */
  operations?: { create?: boolean; update?: boolean; delete?: boolean };
}

/** The authorization settings. */
export interface RolesSettings {
  /**
   * Role name → rules. Undefined (the default): no role rules, everything is open. Once set, a
   * role without rules gets nothing (its requests are FORBIDDEN).
   */
  roles?: Record<string, RoleRules>;
  /** No mutations at all, for every role. */
  readOnly: boolean;
  /** Model name → switches for every role. */
  models: Record<string, ModelSettings>;
}

/** Defaults: no role rules, writable, no switches. */
export const DEFAULT_ROLES_SETTINGS: RolesSettings = { readOnly: false, models: {} };

/** What one role may do with one model. */
const MODEL_RULE_SCHEMA = z
  .object({
    read: z.boolean().optional(),
    create: z.boolean().optional(),
    update: z.boolean().optional(),
    delete: z.boolean().optional(),
    where: z.record(z.string(), z.unknown(), { error: 'an object (a where filter)' }).optional(),
    hidden: z.array(z.string(), { error: 'a list of property names' }).optional(),
  })
  .strict();

/** The rules of one role; `where` and `hidden` name properties of one model, so never under `"*"`. */
const ROLE_RULES_SCHEMA = z
  .record(z.string(), MODEL_RULE_SCHEMA, {
    error: 'an object of model rules such as {"Invoice": {"read": true}}',
  })
  .superRefine((rules, context) => {
    const all = rules['*'];
    for (const key of ['where', 'hidden'] as const) {
      if (all?.[key] === undefined) continue;
      context.addIssue({
        code: 'custom',
        path: ['*', key],
        message: `no "${key}" under "*" (it names properties of one model): give that model a rule of its own`,
      });
    }
  });

/** The authorization settings of the config file (and their environment variables), every key optional. */
export const ROLES_SCHEMA = z.object({
  roles: z
    .record(z.string(), ROLE_RULES_SCHEMA, { error: 'an object of roles: role → model → rule' })
    .optional(),
  readOnly: envBoolean().optional(),
  models: z
    .record(
      z.string(),
      z
        .object({
          operations: z
            .object({
              create: z.boolean().optional(),
              update: z.boolean().optional(),
              delete: z.boolean().optional(),
            })
            .strict()
            .optional(),
        })
        .strict(),
    )
    .optional(),
});

/** Each setting's environment variable (`DISCOGRAPH_ROLES` holds JSON). */
export const ROLES_ENV: Readonly<Record<string, string>> = {
  roles: 'DISCOGRAPH_ROLES',
  readOnly: 'DISCOGRAPH_READ_ONLY',
};

/** The variables that hold JSON. */
export const ROLES_JSON_VARIABLES: readonly string[] = ['DISCOGRAPH_ROLES'];
