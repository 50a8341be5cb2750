/**
 * The validation run behind `isValid(callback)` and `validate()`: clear `errors`, run
 * `beforeValidate`, the type checks, the synchronous rules, the unknown-property report of
 * strict models, then the async rules, then `afterValidate`. Everything runs synchronously as
 * long as hooks do, so `isValid()` can answer synchronously when no async rule exists.
 */
import { invokeHook } from '../hooks.js';
import type { ModelInstance } from '../model-types.js';
import { checkValue } from '../types/coerce.js';
import { ValidationErrors } from './errors-bag.js';
import { validateUniqueness } from './uniqueness.js';
import type { ValidatableClass, ValidationReporter, ValidationRule } from './validation-types.js';
import { DEFAULT_MESSAGES, describeFailure, SYNC_VALIDATORS } from './validators.js';

/** How a run ended: `error` is a hook error or a validator exception (then `valid` is false). */
export type ValidationOutcome = (error: unknown, valid: boolean) => void;

/** Properties the instance dropped as unknown and must report (strict: true). */
function unknownProperties(instance: ModelInstance): string[] {
  const list = (instance as { __unknownProperties?: unknown }).__unknownProperties;
  return Array.isArray(list) ? (list as string[]) : [];
}

function setErrors(instance: ModelInstance, errors: ValidationErrors | false): void {
  instance.errors = errors;
}

function shouldSkip(instance: ModelInstance, rule: ValidationRule, kind: 'if' | 'unless'): boolean {
  const condition = rule.options[kind];
  if (condition === undefined) return false;
  let holds: boolean;
  if (typeof condition === 'function') holds = Boolean(condition.call(instance));
  else if (typeof instance[condition] === 'function') holds = Boolean(instance[condition]());
  else if (Object.hasOwn(instance.__data, condition)) holds = Boolean(instance[condition]);
  else holds = kind === 'unless';
  return kind === 'if' ? !holds : holds;
}

function reporter(
  errors: ValidationErrors,
  attr: string,
  rule: ValidationRule,
  onFail: () => void,
): ValidationReporter {
  return (kind) => {
    if (kind !== false) {
      const { message, code } = describeFailure(rule, kind);
      errors.add(attr, message, code);
    }
    onFail();
  };
}

/** Runs an async rule; resolves to true when it failed. */
function runAsyncRule(
  instance: ModelInstance,
  attr: string,
  rule: ValidationRule,
  errors: ValidationErrors,
): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    let failed = false;
    const err = reporter(errors, attr, rule, () => {
      failed = true;
    });
    if (rule.validation === 'uniqueness') {
      validateUniqueness(instance, attr, rule, err).then(() => resolve(failed), reject);
      return;
    }
    let finished = false;
    const done = (): void => {
      if (finished) return;
      finished = true;
      resolve(failed);
    };
    const returned = rule.customValidator?.call(instance, err, done);
    if (returned && typeof (returned as PromiseLike<unknown>).then === 'function') {
      (returned as PromiseLike<unknown>).then(done, reject);
    }
  });
}

/** Runs a sync rule; returns true when it failed. */
function runSyncRule(
  instance: ModelInstance,
  attr: string,
  rule: ValidationRule,
  errors: ValidationErrors,
): boolean {
  let failed = false;
  const err = reporter(errors, attr, rule, () => {
    failed = true;
  });
  if (rule.validation === 'custom') rule.customValidator?.call(instance, err, () => {});
  else SYNC_VALIDATORS[rule.validation]?.(instance, attr, rule, err);
  return failed;
}

/**
 * Type checks: a value the setter could not coerce ('abc' for a Number, an invalid date...).
 * Properties in `checkedByRule` are left out: a numericality rule that ran on them reports the
 * same fact, once, as LoopBack does ('is not a number').
 */
function checkTypes(
  instance: ModelInstance,
  Model: ValidatableClass,
  errors: ValidationErrors,
  checkedByRule: ReadonlySet<string>,
): boolean {
  let valid = true;
  for (const [name, property] of Object.entries(Model.definition.properties)) {
    if (checkedByRule.has(name)) continue;
    const problem = checkValue(instance.__data[name], property.typeName, property.itemTypeName);
    if (problem !== undefined) {
      errors.add(name, problem, property.typeName === 'Date' ? 'date' : 'type');
      valid = false;
    }
  }
  return valid;
}

/**
 * Validates an instance and reports through `outcome` (synchronously when hooks and rules are
 * synchronous). Returns whether async rules are involved, in which case the result comes later.
 */
export function runValidations(
  instance: ModelInstance,
  data: unknown,
  outcome: ValidationOutcome,
): { async: boolean } {
  const Model = instance.constructor as unknown as ValidatableClass;
  const table = Model.validations ?? {};
  const errors = new ValidationErrors();
  setErrors(instance, errors);
  const hasAsync = Object.values(table).some((rules) => rules.some((rule) => rule.async));

  const finish = (valid: boolean): void => {
    invokeHook(instance, 'afterValidate', data, (hookError) => {
      if (hookError) return outcome(hookError, false);
      if (valid) setErrors(instance, false);
      outcome(undefined, valid);
    });
  };

  invokeHook(instance, 'beforeValidate', data, (hookError) => {
    if (hookError) return outcome(hookError, false);
    let valid = true;
    const pending: Promise<boolean>[] = [];
    const checkedByRule = new Set<string>();
    for (const [attr, rules] of Object.entries(table)) {
      for (const rule of rules) {
        if (shouldSkip(instance, rule, 'if') || shouldSkip(instance, rule, 'unless')) continue;
        if (rule.validation === 'numericality') checkedByRule.add(attr);
        if (rule.async) pending.push(runAsyncRule(instance, attr, rule, errors));
        else if (runSyncRule(instance, attr, rule, errors)) valid = false;
      }
    }
    if (!checkTypes(instance, Model, errors, checkedByRule)) valid = false;
    for (const property of unknownProperties(instance)) {
      errors.add(property, DEFAULT_MESSAGES['unknown-property'], 'unknown-property');
      valid = false;
    }
    if (pending.length === 0) return finish(valid);
    Promise.all(pending).then(
      (failures) => finish(valid && !failures.includes(true)),
      (error: unknown) => outcome(error, false),
    );
  });
  return { async: hasAsync };
}

/**
 * LoopBack's `isValid(callback, data)`: true/false synchronously when no async validation is set
 * up; with async validations it returns false (the spec's example) and `callback` gets the result.
 */
export function isValid(
  instance: ModelInstance,
  callback?: (valid: boolean) => void,
  data?: unknown,
): boolean {
  let settled: boolean | undefined;
  const { async } = runValidations(instance, data, (_error, valid) => {
    settled = valid;
    callback?.(valid);
  });
  return async ? false : (settled ?? false);
}

/** The Promise form: resolves to whether the instance is valid; rejects on a hook error or a validator exception. */
export function validateInstance(instance: ModelInstance, data?: unknown): Promise<boolean> {
  return new Promise((resolve, reject) => {
    runValidations(instance, data, (error, valid) => (error ? reject(error) : resolve(valid)));
  });
}
