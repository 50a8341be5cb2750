/**
 * The uniqueness validator: asks the model's data source (through the `find` or `count` static the
 * data layer attaches) whether another record holds the same value, within `scopedTo`.
 */
import { NotAttachedError } from '../errors.js';
import type { ModelInstance } from '../model-types.js';
import type { ValidatableClass, ValidationReporter, ValidationRule } from './validation-types.js';
import { isBlank } from './validators.js';

type Where = Record<string, unknown>;

/** The statics of an attached model that uniqueness uses. */
interface QueryableClass extends ValidatableClass {
  find?: (filter: { where: Where; limit?: number }) => Promise<Array<Record<string, unknown>>>;
  count?: (where: Where) => Promise<number>;
}

function escapeRegExp(text: string): string {
  return text.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&');
}

function sameKey(left: unknown, right: unknown): boolean {
  return (
    left !== null &&
    left !== undefined &&
    right !== null &&
    right !== undefined &&
    String(left) === String(right)
  );
}

/**
 * Fails when another record has the same value of `attr` (and the same `scopedTo` values). A
 * persisted instance does not conflict with its own record. Blank values are not checked.
 * Rejects with NotAttachedError when the model has no data source.
 */
export async function validateUniqueness(
  instance: ModelInstance,
  attr: string,
  rule: ValidationRule,
  err: ValidationReporter,
): Promise<void> {
  const Model = instance.constructor as unknown as QueryableClass;
  const value = instance[attr];
  if (isBlank(value)) return;
  const where: Where = {
    [attr]:
      rule.options.ignoreCase && typeof value === 'string'
        ? { regexp: new RegExp(`^${escapeRegExp(value)}$`, 'i') }
        : value,
  };
  for (const scope of rule.options.scopedTo ?? []) {
    if (instance[scope] !== undefined) where[scope] = instance[scope];
  }
  const idNames = Model.definition.idNames();
  const isSelf = (row: Record<string, unknown>): boolean =>
    instance.__persisted &&
    idNames.length > 0 &&
    idNames.every((id) => sameKey(row[id], instance.__data[id]));

  if (typeof Model.find === 'function') {
    const rows = await Model.find({ where, limit: 2 });
    if (rows.some((row) => !isSelf(row))) err();
    return;
  }
  if (typeof Model.count === 'function') {
    const [idName] = idNames;
    const selfExcluded =
      instance.__persisted && idNames.length === 1 && idName !== undefined
        ? { and: [where, { [idName]: { neq: instance.__data[idName] } }] }
        : where;
    if ((await Model.count(selfExcluded)) > 0) err();
    return;
  }
  throw new NotAttachedError(Model.modelName);
}
