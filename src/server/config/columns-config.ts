/**
 * Column settings: whether columns that look like secrets stay exposed (`exposeSecretColumns`),
 * and the values hidden columns take on create (`hiddenColumnValues`). Applied in
 * server/model-selection.ts and server/access/; this file owns their types, defaults,
 * environment variables and schema. (`hideColumns` is a top-level setting: gateway-settings-config.ts.)
 */
import { z } from 'zod';
import { envBoolean } from './config-schema.js';

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

/** The column settings of the config file (and their environment variables), every key optional. */
export const COLUMNS_SCHEMA = z.object({
  exposeSecretColumns: envBoolean().optional(),
  hiddenColumnValues: z
    .record(
      z.string().regex(/^[^.]+(\.[^.]+)+$/, { error: 'table.column (or Model.property)' }),
      z.union([z.string(), z.number(), z.boolean(), z.null()], {
        error: 'a literal (string, number, true/false, null) or "$claims.<name>"',
      }),
    )
    .optional(),
});

/** Each setting's environment variable. */
export const COLUMNS_ENV: Readonly<Record<string, string>> = {
  exposeSecretColumns: 'DISCOGRAPH_EXPOSE_SECRET_COLUMNS',
};
