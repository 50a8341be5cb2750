/**
 * Column settings: whether columns that look like secrets stay exposed (`exposeSecretColumns`),
 * and the values hidden columns take on create (`hiddenColumnValues`). Applied in
 * server/model-selection.ts and server/access/; this file owns their types, defaults,
 * environment variables and checks. (`hideColumns` itself predates it and lives in config.ts.)
 */
import { ConfigError } from './config-error.js';

/** A hidden column's value on create: a literal, or `"$claims.<name>"` (the caller's claim). */
export type HiddenColumnValue = string | number | boolean | null;

/** The column settings. */
export interface ColumnsSettings {
  /** Expose columns that look like secrets (`password`, `token`, `api_key`, …); hidden by default. */
  exposeSecretColumns: boolean;
  /** `table.column` (or `Model.property`) → the value a hidden column takes when a row is created. */
  hiddenColumnValues: Record<string, HiddenColumnValue>;
}

/** Defaults: secret-looking columns hidden, no values for hidden columns. */
export const DEFAULT_COLUMNS_SETTINGS: ColumnsSettings = {
  exposeSecretColumns: false,
  hiddenColumnValues: {},
};

/** Checks the column settings' types. */
export function checkColumnsSettings(settings: ColumnsSettings): void {
  if (typeof settings.exposeSecretColumns !== 'boolean') {
    throw new ConfigError('exposeSecretColumns must be true or false', { setting: 'exposeSecretColumns' });
  }
  const values = settings.hiddenColumnValues;
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new ConfigError('hiddenColumnValues must be an object of "table.column": value', {
      setting: 'hiddenColumnValues',
    });
  }
  for (const [column, value] of Object.entries(values)) {
    if (!/^[^.]+(\.[^.]+)+$/.test(column)) {
      throw new ConfigError(`hiddenColumnValues key "${column}" must be table.column`, {
        setting: 'hiddenColumnValues',
        key: column,
      });
    }
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new ConfigError(`hiddenColumnValues.${column} must be a literal or "$claims.<name>"`, {
        setting: 'hiddenColumnValues',
        key: column,
      });
    }
  }
}

/** The column settings given in environment variables (`DISCOGRAPH_EXPOSE_SECRET_COLUMNS`). */
export function columnsSettingsFromEnvironment(
  env: NodeJS.ProcessEnv,
  boolean: (name: string, value: string | undefined) => boolean | undefined,
): Partial<ColumnsSettings> {
  return {
    exposeSecretColumns: boolean('DISCOGRAPH_EXPOSE_SECRET_COLUMNS', env.DISCOGRAPH_EXPOSE_SECRET_COLUMNS),
  };
}
