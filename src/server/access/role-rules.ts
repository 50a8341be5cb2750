/**
 * The configured role rules (`roles`), checked against the served models once at start and
 * resolved per role and model: what the role may do, which properties it does not see, and its
 * row filter (a where template over property names, claims substituted per request). A model
 * rule replaces the role's `"*"` rule for that model; anything not granted is denied.
 */

import { WHERE_OPERATORS as JUGGLER_WHERE_OPERATORS, type Where } from '../../juggler/filter/filter-types.js';
import { didYouMean } from '../../juggler/filter/suggest.js';
import type { ModelDefinition } from '../../juggler/model-definition.js';
import { ConfigError } from '../config/config-error.js';
import type { ModelRule, RoleRules, RolesSettings } from '../config/roles-config.js';

/** What one role may do with one model. */
export interface ResolvedModelRule {
  read: boolean;
  create: boolean;
  update: boolean;
  delete: boolean;
  /** Properties the role does not see. */
  hidden: ReadonlySet<string>;
  /** The row filter, claims not yet substituted; undefined: every row. */
  where?: Where;
}

const NOTHING: ResolvedModelRule = {
  read: false,
  create: false,
  update: false,
  delete: false,
  hidden: new Set(),
};

const WHERE_OPERATORS: ReadonlySet<string> = new Set(JUGGLER_WHERE_OPERATORS);

/** Checks that a where template names only properties of `definition` and known operators. */
function checkWhere(where: unknown, definition: ModelDefinition, at: string): void {
  if (where === null || typeof where !== 'object' || Array.isArray(where)) {
    throw new ConfigError(`${at} must be a where object`, { setting: at });
  }
  for (const [key, condition] of Object.entries(where)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(condition)) throw new ConfigError(`${at}.${key} must be a list`, { setting: at });
      for (const item of condition) checkWhere(item, definition, `${at}.${key}`);
      continue;
    }
    if (!Object.hasOwn(definition.properties, key)) {
      throw new ConfigError(
        `${at} names "${key}", which is not a property of ${definition.name}${didYouMean(key, Object.keys(definition.properties))}`,
        { setting: at, property: key },
      );
    }
    if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
      for (const operator of Object.keys(condition)) {
        if (!WHERE_OPERATORS.has(operator)) {
          throw new ConfigError(`${at}.${key} uses the unknown operator "${operator}"`, {
            setting: at,
            operator,
          });
        }
      }
    }
  }
}

function resolveRule(rule: ModelRule | undefined): ResolvedModelRule {
  if (!rule) return NOTHING;
  const resolved: ResolvedModelRule = {
    read: rule.read === true,
    create: rule.create === true,
    update: rule.update === true,
    delete: rule.delete === true,
    hidden: new Set(rule.hidden ?? []),
  };
  if (rule.where) resolved.where = rule.where as Where;
  return resolved;
}

/** The role rules of a gateway, resolved against its models. */
export class RoleRuleBook {
  private readonly rules = new Map<string, Map<string, ResolvedModelRule>>();
  private readonly filtered = new Set<string>();

  private constructor(
    roles: Readonly<Record<string, RoleRules>>,
    readonly definitions: ReadonlyMap<string, ModelDefinition>,
  ) {
    for (const [role, rules] of Object.entries(roles)) {
      const byModel = new Map<string, ResolvedModelRule>();
      const fallback = resolveRule(rules['*']);
      for (const name of Object.keys(rules)) {
        if (name !== '*' && !definitions.has(name)) {
          throw new ConfigError(
            `roles.${role} has a rule for the unknown model "${name}"${didYouMean(name, definitions.keys())}`,
            { setting: `roles.${role}`, model: name },
          );
        }
      }
      for (const [name, definition] of definitions) {
        const own = rules[name];
        const at = `roles.${role}.${name}`;
        for (const property of own?.hidden ?? []) {
          if (definition.properties[property]?.id) {
            throw new ConfigError(`${at}.hidden names the id ${property}; an id cannot be hidden`, {
              setting: `${at}.hidden`,
              property,
            });
          }
          if (!Object.hasOwn(definition.properties, property)) {
            throw new ConfigError(
              `${at}.hidden names "${property}", which is not a property of ${name}${didYouMean(property, Object.keys(definition.properties))}`,
              { setting: `${at}.hidden`, property },
            );
          }
        }
        if (own?.where) {
          checkWhere(own.where, definition, `${at}.where`);
          this.filtered.add(name);
        }
        byModel.set(name, own ? resolveRule(own) : fallback);
      }
      this.rules.set(role, byModel);
    }
  }

  /** The rule book of `settings`, or undefined when no `roles` are configured (everything open). */
  static from(
    settings: Pick<RolesSettings, 'roles'>,
    definitions: readonly ModelDefinition[],
  ): RoleRuleBook | undefined {
    if (settings.roles === undefined) return undefined;
    return new RoleRuleBook(
      settings.roles,
      new Map(definitions.map((definition) => [definition.name, definition])),
    );
  }

  /** Whether `role` has rules (a role without any gets nothing: its requests are FORBIDDEN). */
  knows(role: string): boolean {
    return this.rules.has(role);
  }

  /** What `role` may do with `model` (nothing, for an unknown role or model). */
  rule(role: string, model: string): ResolvedModelRule {
    return this.rules.get(role)?.get(model) ?? NOTHING;
  }

  /** The models some role reads through a row filter (those get the `access` and `before save` hooks). */
  get rowFilteredModels(): ReadonlySet<string> {
    return this.filtered;
  }
}
