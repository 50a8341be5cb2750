/**
 * Applies the gateway configuration's include/exclude/hide/rename settings to discovered model
 * definitions, between discovery and model building, so no generated file is ever edited.
 */
import type { ModelDefinition, RelationDefinition, TableMetadata } from '../juggler/model-definition.js';
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
  const options = definition.options ?? {};
  for (const value of Object.values(options)) {
    const block = value as TableMetadata | undefined;
    if (block && typeof block === 'object' && typeof block.table === 'string') {
      return { schema: block.schema, table: block.table };
    }
  }
  return { table: definition.name };
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
  for (const value of Object.values(prop ?? {})) {
    if (
      value &&
      typeof value === 'object' &&
      typeof (value as { columnName?: unknown }).columnName === 'string'
    ) {
      return (value as { columnName: string }).columnName;
    }
  }
  return property;
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

function relationKeysExist(definition: ModelDefinition, relation: RelationDefinition): boolean {
  if (relation.type !== 'belongsTo') return true;
  const keys = Array.isArray(relation.foreignKey) ? relation.foreignKey : [relation.foreignKey];
  return keys.every((key) => `${key}` in definition.properties);
}

/** Returns the definitions with the configured tables, columns and names applied. */
export function applyModelSelection(
  definitions: ModelDefinition[],
  config: SelectionConfig,
): ModelDefinition[] {
  const columnPatterns = config.hideColumns.map(patternToRegExp);
  const kept = keepTables(definitions, config).map((definition) => hideColumns(definition, columnPatterns));
  const keptNames = new Set(kept.map((definition) => definition.name));
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
        !keptNames.has(relation.model) ||
        (relation.through && !keptNames.has(relation.through)) ||
        !relationKeysExist(definition, relation)
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
