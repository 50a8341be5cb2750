/**
 * Shapes of validation rules, as the static configurators (`User.validatesLengthOf(...)`) store
 * them in `ModelClass.validations` (LoopBack's layout: rules keyed by property name).
 */
import type { ModelInstance, ModelRuntimeDefinition } from '../model-types.js';

/** The kinds of validation, named as LoopBack names them (they prefix the error codes). */
export type ValidationKind =
  | 'presence'
  | 'absence'
  | 'length'
  | 'numericality'
  | 'inclusion'
  | 'exclusion'
  | 'format'
  | 'custom'
  | 'uniqueness';

/** A condition of `if`/`unless`: a function of the instance, or the name of a method or property. */
export type ValidationCondition = string | ((this: ModelInstance) => unknown);

/** Options every validation accepts. */
export interface ValidationOptions {
  /** One message, or one per case (`{min: 'too weak', max: '...'}`). */
  message?: string | Record<string, string>;
  /** Replaces the kind in the error code (`code: 'email'` gives 'email' / 'email.max'). */
  code?: string;
  /** Skip validations that check a value (length, numericality, inclusion, exclusion, format) when it is null. */
  allowNull?: boolean;
  /** Same for an undefined value. */
  allowBlank?: boolean;
  /** Validate only when the condition holds. */
  if?: ValidationCondition;
  /** Validate only when the condition does not hold. */
  unless?: ValidationCondition;
}

/** Options of `validatesLengthOf`. */
export interface LengthOptions extends ValidationOptions {
  min?: number;
  max?: number;
  is?: number;
}

/** Options of `validatesNumericalityOf`. */
export interface NumericalityOptions extends ValidationOptions {
  /** Also require an integer. */
  int?: boolean;
  /** Discograph: the smallest value allowed (a number, or exact integer text for BigInt). */
  min?: number | string;
  /** Discograph: the largest value allowed (a number, or exact integer text for BigInt). */
  max?: number | string;
  /** Discograph: digits allowed before the decimal point (`numeric(precision, scale)`: precision − scale). */
  integerDigits?: number;
}

/** Options of `validatesInclusionOf` and `validatesExclusionOf`. */
export interface InclusionOptions extends ValidationOptions {
  in: readonly unknown[];
}

/** Options of `validatesFormatOf`. */
export interface FormatOptions extends ValidationOptions {
  /** The value must match. */
  with?: RegExp;
  /** The value must not match. */
  without?: RegExp;
}

/** Options of `validatesUniquenessOf`. */
export interface UniquenessOptions extends ValidationOptions {
  /** Properties whose values scope the uniqueness (unique per `accountId`, say). */
  scopedTo?: string[];
  /** Compare case-insensitively (a `regexp` query). */
  ignoreCase?: boolean;
}

/** Reports a failure from a validator: no argument for the default message, a case name, or `false` to fail silently. */
export type ValidationReporter = (kind?: string | false) => void;

/**
 * A custom validator (`User.validate('name', fn)`): `this` is the instance; call `err()` to fail.
 * Async validators (`validateAsync`) also receive `done`, or return a Promise.
 */
export type CustomValidator = (this: ModelInstance, err: ValidationReporter, done: () => void) => unknown;

/** Where a rule came from. */
export type ValidationSource = 'code' | 'required' | 'declaration' | 'column';

/** One stored validation rule. */
export interface ValidationRule {
  validation: ValidationKind;
  options: ValidationOptions &
    Partial<LengthOptions & NumericalityOptions & FormatOptions & UniquenessOptions> & {
      in?: readonly unknown[];
    };
  async: boolean;
  customValidator?: CustomValidator;
  source: ValidationSource;
}

/** What validation needs from a model class. */
export interface ValidatableClass {
  modelName: string;
  definition: ModelRuntimeDefinition;
  /** Rules keyed by property name (LoopBack's `Model.validations`). */
  validations?: Record<string, ValidationRule[]>;
}
