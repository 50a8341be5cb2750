/**
 * Builds LoopBack's `ValidationError` (statusCode 422, details {context, codes, messages}) from an
 * instance whose last validation failed.
 */
import { ValidationError } from '../errors.js';
import type { ModelInstance } from '../model-types.js';
import { ValidationErrors } from './errors-bag.js';

/**
 * The ValidationError of an invalid instance, from its `errors` bag.
 *
 * @example
 * if (!(await user.validate())) throw validationErrorFor(user);
 * // ValidationError: The `User` instance is not valid. Details: `email` can't be blank.
 */
export function validationErrorFor(instance: ModelInstance): ValidationError {
  const Model = instance.constructor as { modelName?: string };
  const errors = instance.errors;
  const messages: Record<string, string[]> = {};
  const codes: Record<string, string[]> = {};
  if (errors) {
    const plain =
      errors instanceof ValidationErrors
        ? errors.toMessages()
        : Object.fromEntries(Object.entries(errors).filter(([, value]) => Array.isArray(value)));
    for (const [property, list] of Object.entries(plain)) {
      messages[property] = [...(list as string[])];
      codes[property] = [...(errors.codes[property] ?? [])];
    }
  }
  return new ValidationError({ context: Model.modelName ?? 'Model', codes, messages });
}
