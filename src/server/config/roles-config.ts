/**
 * Authorization settings: role rules (`roles`), read-only mode (`readOnly`) and per-model
 * operation switches for every role (`models.<Model>.operations`). Their meaning is applied in
 * server/access/; this file owns their types, defaults, environment variables and checks.
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
import { ConfigError } from './config-error.js';

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

const RULE_KEYS = new Set(['read', 'create', 'update', 'delete', 'where', 'hidden']);
const OPERATION_KEYS = new Set(['create', 'update', 'delete']);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkRule(role: string, model: string, rule: unknown): void {
  const at = `roles.${role}.${model}`;
  if (!isObject(rule))
    throw new ConfigError(`${at} must be an object such as {"read": true}`, { setting: at });
  for (const [key, value] of Object.entries(rule)) {
    if (!RULE_KEYS.has(key)) {
      throw new ConfigError(`${at} has the unknown key "${key}"; known: ${[...RULE_KEYS].join(', ')}`, {
        setting: at,
        key,
      });
    }
    if (key === 'where' && !isObject(value)) {
      throw new ConfigError(`${at}.where must be an object (a where filter)`, { setting: `${at}.where` });
    }
    if (key === 'hidden' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      throw new ConfigError(`${at}.hidden must be a list of property names`, { setting: `${at}.hidden` });
    }
    if (key !== 'where' && key !== 'hidden' && typeof value !== 'boolean') {
      throw new ConfigError(`${at}.${key} must be true or false`, { setting: `${at}.${key}` });
    }
  }
  if (model === '*' && (rule.where !== undefined || rule.hidden !== undefined)) {
    throw new ConfigError(`${at} cannot have "where" or "hidden" (they name properties of one model)`, {
      setting: at,
    });
  }
}

/** Checks the authorization settings' shapes (model and property names are checked against the models at start). */
export function checkRolesSettings(settings: RolesSettings): void {
  if (typeof settings.readOnly !== 'boolean') {
    throw new ConfigError('readOnly must be true or false', { setting: 'readOnly' });
  }
  if (!isObject(settings.models)) throw new ConfigError('models must be an object', { setting: 'models' });
  for (const [model, value] of Object.entries(settings.models)) {
    const at = `models.${model}`;
    if (!isObject(value)) throw new ConfigError(`${at} must be an object`, { setting: at });
    const operations = value.operations;
    if (operations === undefined) continue;
    if (!isObject(operations)) throw new ConfigError(`${at}.operations must be an object`, { setting: at });
    for (const [key, flag] of Object.entries(operations)) {
      if (!OPERATION_KEYS.has(key) || typeof flag !== 'boolean') {
        throw new ConfigError(
          `${at}.operations.${key} is not a switch; use create, update or delete with true or false`,
          { setting: `${at}.operations.${key}` },
        );
      }
    }
  }
  if (settings.roles === undefined) return;
  if (!isObject(settings.roles)) throw new ConfigError('roles must be an object', { setting: 'roles' });
  for (const [role, rules] of Object.entries(settings.roles)) {
    if (!isObject(rules)) {
      throw new ConfigError(`roles.${role} must be an object of model rules`, { setting: `roles.${role}` });
    }
    for (const [model, rule] of Object.entries(rules)) checkRule(role, model, rule);
  }
}

/** Parses a JSON setting given in an environment variable. */
function json(name: string, value: string | undefined): unknown {
  if (value === undefined || value === '') return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new ConfigError(`${name} must hold JSON: ${(error as Error).message}`, { name });
  }
}

/** The authorization settings given in environment variables (`DISCOGRAPH_ROLES` JSON, `DISCOGRAPH_READ_ONLY`). */
export function rolesSettingsFromEnvironment(
  env: NodeJS.ProcessEnv,
  boolean: (name: string, value: string | undefined) => boolean | undefined,
): Partial<RolesSettings> {
  return {
    roles: json('DISCOGRAPH_ROLES', env.DISCOGRAPH_ROLES) as RolesSettings['roles'],
    readOnly: boolean('DISCOGRAPH_READ_ONLY', env.DISCOGRAPH_READ_ONLY),
  };
}
