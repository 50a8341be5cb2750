/**
 * Applies the gateway configuration's include/exclude/hide/rename settings to discovered model
 * definitions, between discovery and model building, so no generated file is ever edited.
 */
import { InvalidArgumentError } from '../juggler/errors.js';
import { columnBlockOf, idNamesOf, tableBlockOf } from '../juggler/model/model-facts.js';
import { resolveRelationKeys } from '../juggler/model/relation-keys.js';
import type { ModelDefinition, RelationDefinition } from '../juggler/model-definition.js';
import type { ResolvedRelation } from '../juggler/model-types.js';
import { ConfigError, type GatewayConfig } from './config.js';

/** The settings this step reads. */
export type SelectionConfig = Pick<
  GatewayConfig,
  'includeTables' | 'excludeTables' | 'hideColumns' | 'rename'
>;

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

function tableNames(definition: ModelDefinition): string[] {
  const { schema, table } = tableOf(definition);
  return schema ? [table, `${schema}.${table}`, definition.name] : [table, definition.name];
}

function columnNameOf(definition: ModelDefinition, property: string): string {
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

function hideColumns(definition: ModelDefinition, patterns: RegExp[]): ModelDefinition {
  if (patterns.length === 0) return definition;
  const tables = tableNames(definition);
  const properties = Object.fromEntries(
    Object.entries(definition.properties).filter(([property]) => {
      const column = columnNameOf(definition, property);
      const candidates = tables.flatMap((table) => [`${table}.${column}`, `${table}.${property}`]);
      candidates.push(`*.${column}`);
      return !matchesAny(patterns, candidates);
    }),
  );
  return { ...definition, properties };
}

/** The definitions of the selected models by name, as discovered and with the configured columns hidden. */
interface SelectedModels {
  discovered: ReadonlyMap<string, ModelDefinition>;
  kept: ReadonlyMap<string, ModelDefinition>;
}

/**
 * Whether a key of the relation (on either side, or on the through model) is a column the
 * configuration hid. The keys are resolved against the discovered definitions (a default key is
 * the id a hidden column may have been); a key that was never there is left for the juggler to
 * report when it builds the model.
 */
function overHiddenColumn(
  modelName: string,
  name: string,
  relation: RelationDefinition,
  models: SelectedModels,
): boolean {
  const propertiesOf = (model: string) => models.discovered.get(model)?.properties ?? {};
  let keys: ResolvedRelation;
  try {
    keys = resolveRelationKeys(modelName, name, relation, (model) => idNamesOf(propertiesOf(model)));
  } catch (error) {
    if (error instanceof InvalidArgumentError) return false;
    throw error;
  }
  const hidden = (model: string, names: readonly string[] | undefined) => {
    const kept = models.kept.get(model)?.properties ?? {};
    return (names ?? []).some((key) => Object.hasOwn(propertiesOf(model), key) && !Object.hasOwn(kept, key));
  };
  return (
    hidden(keys.modelFrom, keys.keyFrom) ||
    hidden(keys.modelTo, keys.keyTo) ||
    (keys.through !== undefined &&
      (hidden(keys.through, keys.throughFrom) || hidden(keys.through, keys.throughTo)))
  );
}

/** Returns the definitions with the configured tables, columns and names applied. */
export function applyModelSelection(
  definitions: ModelDefinition[],
  config: SelectionConfig,
): ModelDefinition[] {
  const columnPatterns = config.hideColumns.map(patternToRegExp);
  const selected = keepTables(definitions, config);
  const kept = selected.map((definition) => hideColumns(definition, columnPatterns));
  const models: SelectedModels = {
    discovered: new Map(selected.map((definition) => [definition.name, definition])),
    kept: new Map(kept.map((definition) => [definition.name, definition])),
  };
  const modelRenames = config.rename.models ?? {};
  const relationRenames = config.rename.relations ?? {};
  for (const from of Object.keys(modelRenames)) {
    if (!definitions.some((definition) => definition.name === from)) {
      throw new ConfigError(`rename.models names the unknown model "${from}"`, { model: from });
    }
  }
  const renamed = (name: string) => modelRenames[name] ?? name;
  const seenRelations = new Set<string>();
  const renamesRelations = Object.keys(relationRenames).length > 0;
  const result = kept.map((definition) => {
    const declared = definition.options?.relations;
    const relations: Record<string, RelationDefinition> = {};
    // Whether the definition comes out as it went in; then it is passed on as it is, not copied.
    let unchanged = declared !== undefined && renamed(definition.name) === definition.name;
    for (const name of Object.keys(declared ?? {})) {
      const relation = (declared as Record<string, RelationDefinition>)[name] as RelationDefinition;
      // A relation to a model that was left out, or over a hidden key column, goes too.
      if (
        !models.kept.has(relation.model) ||
        (relation.through && !models.kept.has(relation.through)) ||
        (columnPatterns.length > 0 && overHiddenColumn(definition.name, name, relation, models))
      ) {
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
