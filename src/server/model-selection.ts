/**
 * Applies the gateway configuration's include/exclude/hide/rename settings to discovered model
 * definitions, between discovery and model building, so no generated file is ever edited.
 *
 * A hidden column (`hideColumns`, and columns that look like secrets unless
 * `exposeSecretColumns`) stays in its model as a property marked `hidden: true`: the GraphQL
 * schema leaves it out, while the juggler still knows it — a relation over a hidden key keeps
 * working (the key is read, never exposed), and a create can give it a configured value.
 */
import { columnBlockOf, tableBlockOf } from '../juggler/model/model-facts.js';
import type { ModelDefinition, PropertyDefinition, RelationDefinition } from '../juggler/model-definition.js';
import { looksSecret } from './access/secret-columns.js';
import { settingError } from './config/config-schema.js';
import { ConfigError, type GatewayConfig } from './config.js';

/** The settings this step reads. */
export type SelectionConfig = Pick<
  GatewayConfig,
  'includeTables' | 'excludeTables' | 'hideColumns' | 'rename'
> &
  Partial<Pick<GatewayConfig, 'exposeSecretColumns'>>;

/** Options of `applyModelSelection`. */
export interface ModelSelectionOptions {
  /** Told each `table.column` hidden because it looks like a secret (for the start-up log line). */
  onSecretColumn?: (column: string) => void;
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

function tableOf(definition: ModelDefinition): { schema?: string; table: string } {
  const block = tableBlockOf(definition.options ?? {});
  return block?.table === undefined
    ? { table: definition.name }
    : { schema: block.schema, table: block.table };
}

function matchesAny(patterns: RegExp[], names: string[]): boolean {
  return patterns.some((pattern) => names.some((name) => pattern.test(name)));
}

/** The names a model's table goes by in settings: `table`, `schema.table`, the model name. */
export function tableNames(definition: ModelDefinition): string[] {
  const { schema, table } = tableOf(definition);
  return schema ? [table, `${schema}.${table}`, definition.name] : [table, definition.name];
}

/** The column name of a property (the property name when the definition has no column block). */
export function columnNameOf(definition: ModelDefinition, property: string): string {
  const prop = definition.properties[property];
  return (prop && columnBlockOf(prop)?.columnName) ?? property;
}

function keepTables(definitions: ModelDefinition[], config: SelectionConfig): ModelDefinition[] {
  const include = config.includeTables.map(patternToRegExp);
  const exclude = config.excludeTables.map(patternToRegExp);
  if (include.length === 0 && exclude.length === 0) return definitions;
  return definitions.filter((definition) => {
    const names = tableNames(definition);
    if (include.length > 0 && !matchesAny(include, names)) return false;
    return !matchesAny(exclude, names);
  });
}

/** Whether the patterns (or, unless exposed, the secret-looking names) hide `property`. */
function hidesProperty(
  definition: ModelDefinition,
  property: string,
  patterns: RegExp[],
  secrets: ((column: string) => void) | undefined,
): boolean {
  const column = columnNameOf(definition, property);
  const tables = tableNames(definition);
  const candidates = tables.flatMap((table) => [`${table}.${column}`, `${table}.${property}`]);
  candidates.push(`*.${column}`);
  if (matchesAny(patterns, candidates)) return true;
  if (secrets && looksSecret(column)) {
    secrets(`${tables[0]}.${column}`);
    return true;
  }
  return false;
}

/** The definition with its hidden columns marked `hidden: true` (copied only when one is). */
function hideColumns(
  definition: ModelDefinition,
  patterns: RegExp[],
  secrets: ((column: string) => void) | undefined,
): ModelDefinition {
  if (patterns.length === 0 && !secrets) return definition;
  let properties: Record<string, PropertyDefinition> | undefined;
  for (const [name, property] of Object.entries(definition.properties)) {
    if (property.hidden === true || !hidesProperty(definition, name, patterns, secrets)) continue;
    properties ??= { ...definition.properties };
    properties[name] = { ...property, hidden: true };
  }
  return properties ? { ...definition, properties } : definition;
}

/**
 * Refuses a `rename.models` whose new name another served model has (discovered with that name,
 * or renamed to it too): the other model would silently disappear. Names both.
 */
function checkModelRenames(
  kept: readonly ModelDefinition[],
  renames: Readonly<Record<string, string>>,
): void {
  const owners = new Map<string, string>();
  for (const definition of kept) {
    const name = renames[definition.name] ?? definition.name;
    const other = owners.get(name);
    owners.set(name, definition.name);
    if (other === undefined) continue;
    const [from, existing] =
      renames[definition.name] !== undefined ? [definition.name, other] : [other, definition.name];
    const what =
      renames[existing] !== undefined
        ? `"${existing}" is renamed to "${name}" too`
        : `"${name}" is the name of another model (the discovered "${existing}")`;
    throw settingError(
      undefined,
      `rename.models.${from}`,
      name,
      `a name no other model has: ${what}; choose another name, or rename "${existing}" too`,
    );
  }
}

/**
 * Refuses a `rename.relations` whose new name the model already has (another relation or a
 * property): one would hide the other in the GraphQL type. Names both.
 */
function checkRelationRenames(definition: ModelDefinition, renames: Readonly<Record<string, string>>): void {
  const model = definition.name;
  const relationNames = Object.keys(definition.options?.relations ?? {});
  const finalName = (relation: string) => renames[`${model}.${relation}`] ?? relation;
  for (const name of relationNames) {
    const to = renames[`${model}.${name}`];
    if (to === undefined || to === name) continue;
    let clash: string | undefined;
    if (Object.hasOwn(definition.properties, to)) clash = `the property "${model}.${to}" has it`;
    const other = relationNames.find((relation) => relation !== name && finalName(relation) === to);
    if (other !== undefined) {
      clash =
        other === to
          ? `the relation "${model}.${other}" has it`
          : `the relation "${model}.${other}" is renamed to it too`;
    }
    if (clash === undefined) continue;
    throw settingError(
      undefined,
      `rename.relations.${model}.${name}`,
      to,
      `a name ${model} does not have yet: ${clash}; choose another name`,
    );
  }
}

/** Returns the definitions with the configured tables, columns and names applied. */
export function applyModelSelection(
  definitions: ModelDefinition[],
  config: SelectionConfig,
  options: ModelSelectionOptions = {},
): ModelDefinition[] {
  const columnPatterns = config.hideColumns.map(patternToRegExp);
  const selected = keepTables(definitions, config);
  const secrets = config.exposeSecretColumns === true ? undefined : (options.onSecretColumn ?? (() => {}));
  const kept = selected.map((definition) => hideColumns(definition, columnPatterns, secrets));
  const keptNames = new Set(kept.map((definition) => definition.name));
  const modelRenames = config.rename.models ?? {};
  const relationRenames = config.rename.relations ?? {};
  for (const from of Object.keys(modelRenames)) {
    if (!definitions.some((definition) => definition.name === from)) {
      throw new ConfigError(`rename.models names the unknown model "${from}"`, { model: from });
    }
  }
  const renamed = (name: string) => modelRenames[name] ?? name;
  checkModelRenames(kept, modelRenames);
  const seenRelations = new Set<string>();
  const renamesRelations = Object.keys(relationRenames).length > 0;
  const result = kept.map((definition) => {
    const declared = definition.options?.relations;
    const relations: Record<string, RelationDefinition> = {};
    // Whether the definition comes out as it went in; then it is passed on as it is, not copied.
    let unchanged = declared !== undefined && renamed(definition.name) === definition.name;
    for (const name of Object.keys(declared ?? {})) {
      const relation = (declared as Record<string, RelationDefinition>)[name] as RelationDefinition;
      // A relation to a model that was left out goes too (one over a hidden key column stays).
      if (!keptNames.has(relation.model) || (relation.through && !keptNames.has(relation.through))) {
        unchanged = false;
        continue;
      }
      let newName = name;
      if (renamesRelations) {
        const key = `${definition.name}.${name}`;
        seenRelations.add(key);
        newName = relationRenames[key] ?? name;
      }
      const model = renamed(relation.model);
      const through = relation.through ? renamed(relation.through) : relation.through;
      if (newName === name && model === relation.model && through === relation.through) {
        relations[newName] = relation;
      } else {
        unchanged = false;
        relations[newName] = { ...relation, model, ...(relation.through ? { through } : {}) };
      }
    }
    if (renamesRelations) checkRelationRenames(definition, relationRenames);
    if (unchanged) return definition;
    return { ...definition, name: renamed(definition.name), options: { ...definition.options, relations } };
  });
  for (const key of Object.keys(relationRenames)) {
    if (!seenRelations.has(key)) {
      throw new ConfigError(
        `rename.relations names the unknown relation "${key}" (expected Model.relation)`,
        {
          relation: key,
        },
      );
    }
  }
  return result;
}
