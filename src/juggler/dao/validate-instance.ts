/**
 * Runs an instance's validations (with their hooks) and turns failure into LoopBack's
 * ValidationError (statusCode 422, details.codes/messages by property), before anything is written.
 */
import type { ModelInstance } from '../model-types.js';
import { validationErrorFor } from '../validation/validation-error.js';

/** Validates an instance; rejects with a ValidationError when it is invalid. */
export async function validateOrThrow(instance: ModelInstance): Promise<void> {
  const valid = await instance.validate();
  if (!valid) throw validationErrorFor(instance);
}
