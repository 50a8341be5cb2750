/**
 * `hiddenColumnValues`: the value a hidden column takes when a row is created (a literal, or
 * `"$claims.<name>"`), resolved at start from `table.column` (or `schema.table.column`,
 * `Model.property`) to model and property. A hidden NOT NULL column without a default and
 * without such a value makes the model's create unavailable (the schema says why, without
 * naming the column).
 */
import type { ModelDefinition } from '../../juggler/model-definition.js';
import type { ColumnsSettings, HiddenColumnValue } from '../config/columns-config.js';
import { ConfigError } from '../config/config-error.js';
import { columnNameOf, tableNames } from '../model-selection.js';

/** Model name → property → configured value. */
export type HiddenValues = ReadonlyMap<string, ReadonlyMap<string, HiddenColumnValue>>;

/** Resolves `hiddenColumnValues` against the served models; an entry that names no column is a ConfigError. */
export function resolveHiddenValues(
  settings: Pick<ColumnsSettings, 'hiddenColumnValues'>,
  definitions: readonly ModelDefinition[],
): HiddenValues {
  const entries = Object.entries(settings.hiddenColumnValues);
  const values = new Map<string, Map<string, HiddenColumnValue>>();
  if (entries.length === 0) return values;
  const byName = new Map<string, { model: string; property: string }>();
  for (const definition of definitions) {
    for (const property of Object.keys(definition.properties)) {
      const column = columnNameOf(definition, property);
      for (const table of tableNames(definition)) {
        for (const name of [`${table}.${column}`, `${table}.${property}`]) {
          byName.set(name.toLowerCase(), { model: definition.name, property });
        }
      }
    }
  }
  for (const [key, value] of entries) {
    const target = byName.get(key.toLowerCase());
    if (!target) {
      throw new ConfigError(`hiddenColumnValues names "${key}", which is no column of a served table`, {
        setting: 'hiddenColumnValues',
        key,
      });
    }
    let byProperty = values.get(target.model);
    if (!byProperty) {
      byProperty = new Map();
      values.set(target.model, byProperty);
    }
    byProperty.set(target.property, value);
  }
  return values;
}
