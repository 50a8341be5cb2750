/**
 * LoopBack's Validatable: configurators, the validation run, the errors bag and ValidationError.
 */
export {
  type CustomValidatorArgs,
  configureValidation,
  ownValidations,
  registerColumnValidations,
  registerDeclaredValidations,
  registerRequiredValidations,
  removeImpliedValidations,
  type ValidatorArgs,
} from './configure.js';
export { ValidationErrors } from './errors-bag.js';
export { isValid, runValidations, type ValidationOutcome, validateInstance } from './run-validations.js';
export { validationErrorFor } from './validation-error.js';
export type * from './validation-types.js';
export { DEFAULT_MESSAGES, describeFailure, isBlank } from './validators.js';
