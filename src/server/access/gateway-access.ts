/**
 * The gateway's authorization, set up once at start from the configuration and the served
 * definitions: role rules, operation switches and hidden column values are checked (a name that
 * is not there is a ConfigError), the juggler hooks that enforce row filters are registered on the
 * models that have them, and the schema sources are derived — for the schema without roles, and
 * per role on demand. With none of these settings, nothing is registered and the sources are the
 * discovered ones.
 */
import type { GraphQLModelSource } from '../../graphql/model-source.js';
import type { ModelClass } from '../../juggler/dao/model-class.js';
import type { ModelDefinition } from '../../juggler/model-definition.js';
import type { GatewayConfig } from '../config.js';
import { resolveHiddenValues } from './hidden-values.js';
import { operationSwitches } from './model-switches.js';
import { RoleRuleBook } from './role-rules.js';
import { registerRowRules } from './row-rules.js';
import { type AccessSources, accessSources } from './schema-sources.js';

/** The authorization of one gateway. */
export interface GatewayAccess {
  /** The role rules; undefined when `roles` is not configured (one schema for everyone). */
  readonly rules: RoleRuleBook | undefined;
  /** The sources of the schema without roles. */
  readonly sources: GraphQLModelSource[];
  /** The sources of `role`'s schema (only the models it may read). */
  sourcesFor(role: string): GraphQLModelSource[];
}

/** Sets up the authorization of a gateway serving `definitions`. */
export function setUpGatewayAccess(
  config: Pick<GatewayConfig, 'roles' | 'readOnly' | 'models' | 'hiddenColumnValues'>,
  definitions: readonly ModelDefinition[],
  sources: readonly GraphQLModelSource[],
  modelOf: (name: string) => ModelClass,
): GatewayAccess {
  const rules = RoleRuleBook.from(config, definitions);
  const access: AccessSources = {
    definitions:
      rules?.definitions ?? new Map(definitions.map((definition) => [definition.name, definition])),
    switches: operationSwitches(config, definitions),
    hiddenValues: resolveHiddenValues(config, definitions),
    rules,
  };
  registerRowRules(modelOf, rules, access.hiddenValues);
  return {
    rules,
    sources: accessSources(sources, access),
    sourcesFor: (role) => accessSources(sources, access, role),
  };
}
