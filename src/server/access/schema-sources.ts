/**
 * The model sources a schema is built from, with the configuration's authorization applied:
 * mutations switched off (`readOnly`, `models.<Model>.operations`, a hidden column a create cannot
 * fill) and, for a role, its rules — models it may not read are left out (with the relations that
 * lead to them), its hidden properties are left out, and the mutations it may not make; a
 * relation to a model the role reads through a row filter is not enforced for it (the filter may
 * hide the referenced row, so the belongsTo field is nullable). What is not
 * in a role's schema cannot be asked for: no field, model or operation of it is ever answered.
 */
import type { GraphQLModelSource, ModelOperationSwitches } from '../../graphql/model-source.js';
import { propertyFacts } from '../../juggler/model/model-facts.js';
import type { ModelDefinition } from '../../juggler/model-definition.js';
import type { HiddenValues } from './hidden-values.js';
import type { ResolvedModelRule, RoleRuleBook } from './role-rules.js';

/** Said in a model type's description when its create is unavailable because of a hidden column. */
export const CREATE_UNAVAILABLE_NOTE =
  'Creating one is not available here: a column that is not exposed needs a value (configure it in hiddenColumnValues).';

/** What the sources are derived with. */
export interface AccessSources {
  definitions: ReadonlyMap<string, ModelDefinition>;
  switches: ReadonlyMap<string, ModelOperationSwitches>;
  hiddenValues: HiddenValues;
  rules: RoleRuleBook | undefined;
}

/** Whether a create of `definition` cannot give a value to a property it requires (hidden, no configured value). */
function createBlocked(
  definition: ModelDefinition,
  hiddenForRole: ReadonlySet<string> | undefined,
  hiddenValues: HiddenValues,
): boolean {
  const configured = hiddenValues.get(definition.name);
  for (const [name, property] of Object.entries(definition.properties)) {
    if (property.hidden !== true && !hiddenForRole?.has(name)) continue;
    if (configured?.has(name)) continue;
    if (propertyFacts(property).requiredOnCreate) return true;
  }
  return false;
}

function combine(
  global: ModelOperationSwitches | undefined,
  rule: ResolvedModelRule | undefined,
  blocked: boolean,
): ModelOperationSwitches | undefined {
  if (!global && !rule && !blocked) return undefined;
  const on = (operation: 'create' | 'update' | 'delete') =>
    global?.[operation] !== false && (rule === undefined || rule[operation]);
  return { create: on('create') && !blocked, update: on('update'), delete: on('delete') };
}

/**
 * The sources for the schema without roles (`role` undefined) or for `role`. Sources nothing
 * applies to are passed on as they are.
 */
export function accessSources(
  sources: readonly GraphQLModelSource[],
  access: AccessSources,
  role?: string,
): GraphQLModelSource[] {
  const rules = role === undefined ? undefined : access.rules;
  const readable = rules
    ? new Set(
        sources.filter((source) => rules.rule(role as string, source.name).read).map((source) => source.name),
      )
    : undefined;
  // A row filter on a model can hide a row another one references: no relation to it is
  // enforced for the role (its belongsTo fields stay nullable).
  const filtered = rules
    ? new Set(
        sources
          .filter((source) => rules.rule(role as string, source.name).where !== undefined)
          .map((source) => source.name),
      )
    : undefined;
  const result: GraphQLModelSource[] = [];
  for (const source of sources) {
    if (readable && !readable.has(source.name)) continue;
    const definition = access.definitions.get(source.name);
    const rule = rules?.rule(role as string, source.name);
    const hidden = rule && rule.hidden.size > 0 ? rule.hidden : undefined;
    const blocked = definition !== undefined && createBlocked(definition, hidden, access.hiddenValues);
    const operations = combine(access.switches.get(source.name), rule, blocked);
    if (!operations && !readable && !hidden) {
      result.push(source);
      continue;
    }
    const derived: GraphQLModelSource = { ...source };
    if (operations) derived.operations = operations;
    if (blocked) {
      derived.description = source.description
        ? `${source.description}\n\n${CREATE_UNAVAILABLE_NOTE}`
        : CREATE_UNAVAILABLE_NOTE;
    }
    if (hidden) derived.properties = source.properties.filter((property) => !hidden.has(property.name));
    if (readable) {
      derived.relations = source.relations
        .filter(
          (relation) =>
            readable.has(relation.modelTo) &&
            (relation.through === undefined || readable.has(relation.through)),
        )
        .map((relation) =>
          relation.enforced && filtered?.has(relation.modelTo) ? { ...relation, enforced: false } : relation,
        );
    }
    result.push(derived);
  }
  return result;
}
