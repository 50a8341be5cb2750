/**
 * Which properties a database error is about, from what discovery recorded in the model: the
 * columns of a CHECK constraint (the table block's `checks`, each with its name and columns), and
 * the one property of a column type the database names in an "invalid value" error. Used by the
 * error mappers of the SQL connectors, so that errors name fields, never columns.
 */
import type { ConnectorModel } from '../../juggler/connector/connector-model.js';

/** A CHECK constraint as discovery writes it into the table block (`checks`). */
interface RecordedCheck {
  name?: unknown;
  columns?: unknown;
}

/**
 * The properties of the columns of CHECK constraint `constraint` of `model`, or undefined when the
 * definition does not record the constraint (or one of its columns is not a property).
 *
 * @example
 * checkConstraintProperties(artistModel, 'postgresql', 'artist_rating_positive') // ['rating']
 */
export function checkConstraintProperties(
  model: ConnectorModel | undefined,
  connectorName: string,
  constraint: string | undefined,
): string[] | undefined {
  if (!model || constraint === undefined) return undefined;
  const block = model.settings[connectorName] as { checks?: unknown } | undefined;
  const checks = Array.isArray(block?.checks) ? (block.checks as RecordedCheck[]) : [];
  const check = checks.find((candidate) => candidate.name === constraint);
  if (!check || !Array.isArray(check.columns) || check.columns.length === 0) return undefined;
  const names = (check.columns as unknown[]).map(
    (column) => model.properties.find((property) => property.column === column)?.name,
  );
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

/**
 * The one writable property of `model` whose database type is `type` (as the database names it in
 * an error: `uuid`, `tsvector`, an enum type's name), or undefined when none or several are.
 *
 * @example
 * propertyOfType(filmModel, 'uuid') // 'uid'
 */
export function propertyOfType(
  model: ConnectorModel | undefined,
  type: string | undefined,
): string | undefined {
  if (!model || !type) return undefined;
  const wanted = type.toLowerCase();
  const matching = model.properties.filter(
    (property) =>
      !property.readOnly &&
      (property.dataType?.toLowerCase() === wanted || property.udtName?.toLowerCase() === wanted),
  );
  return matching.length === 1 ? matching[0]?.name : undefined;
}
