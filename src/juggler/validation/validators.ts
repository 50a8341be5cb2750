/**
 * The synchronous validators and LoopBack's default messages and codes. A validator reads the
 * property through the instance (so accessors and strict-false extras both work) and calls
 * `err()` or `err(case)`; `describeFailure` turns that into a message and a code such as
 * 'length.max' (LoopBack: the kind, then '.' and the case).
 */
import type { ModelInstance } from '../model-types.js';
import { isSpecialDecimal, tryParseBigInt, tryParseDecimal } from '../types/decimal.js';
import type { ValidationKind, ValidationReporter, ValidationRule } from './validation-types.js';

/** LoopBack's default messages, per kind and per case. */
export const DEFAULT_MESSAGES = {
  presence: "can't be blank",
  absence: "can't be set",
  'unknown-property': 'is not defined in the model',
  length: { min: 'too short', max: 'too long', is: 'length is wrong' },
  common: { blank: 'is blank', null: 'is null' },
  numericality: {
    int: 'is not an integer',
    number: 'is not a number',
    min: 'is too small',
    max: 'is too large',
    precision: 'has too many digits',
  },
  inclusion: 'is not included in the list',
  exclusion: 'is reserved',
  format: 'is invalid',
  custom: 'is invalid',
  uniqueness: 'is not unique',
  date: 'is not a valid date',
} as const;

/** LoopBack's notion of blank: undefined, null, NaN, '' or an empty array. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'number' && Number.isNaN(value)) ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The message and code of one failure of a rule (`kind` is the case: 'min', 'int', 'blank'...). */
export function describeFailure(rule: ValidationRule, kind?: string): { message: string; code: string } {
  const code = `${rule.options.code ?? rule.validation}${kind ? `.${kind}` : ''}`;
  const custom = rule.options.message;
  const defaults = (DEFAULT_MESSAGES as Record<string, string | Record<string, string>>)[rule.validation];
  let message: string | undefined;
  if (!kind) {
    message = typeof custom === 'string' ? custom : typeof defaults === 'string' ? defaults : undefined;
  } else {
    const isNullCase = kind === 'blank' || kind === 'null';
    if (typeof custom === 'string' && !isNullCase) message = custom;
    else if (custom && typeof custom === 'object') message = custom[kind];
    if (message === undefined && defaults && typeof defaults === 'object') message = defaults[kind];
    if (message === undefined) message = (DEFAULT_MESSAGES.common as Record<string, string>)[kind];
  }
  return { message: message ?? 'is invalid', code };
}

/**
 * LoopBack's null check of value validators: undefined or '' fails as 'blank' unless
 * `allowBlank`, null fails as 'null' unless `allowNull`; either way the value check is skipped.
 */
function nullCheck(value: unknown, rule: ValidationRule, err: ValidationReporter): boolean {
  if (value === undefined || value === '') {
    if (!rule.options.allowBlank) err('blank');
    return true;
  }
  if (value === null) {
    if (!rule.options.allowNull) err('null');
    return true;
  }
  return false;
}

/** Whether a value counts as a number for numericality: a JS number, or exact text of a Decimal/BigInt property. */
function numericText(instance: ModelInstance, attr: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const Model = instance.constructor as { definition?: { properties: Record<string, { typeName: string }> } };
  const typeName = Model.definition?.properties[attr]?.typeName;
  if (typeName === 'BigInt') return tryParseBigInt(value);
  if (typeName === 'Decimal') return tryParseDecimal(value);
  return undefined;
}

type SyncValidator = (
  instance: ModelInstance,
  attr: string,
  rule: ValidationRule,
  err: ValidationReporter,
) => void;

const presence: SyncValidator = (instance, attr, _rule, err) => {
  if (isBlank(instance[attr])) err();
};

const absence: SyncValidator = (instance, attr, _rule, err) => {
  if (!isBlank(instance[attr])) err();
};

const length: SyncValidator = (instance, attr, rule, err) => {
  const value = instance[attr];
  if (nullCheck(value, rule, err)) return;
  const size = (value as { length?: unknown }).length;
  if (typeof size !== 'number') return;
  const { min, max, is } = rule.options;
  if (min !== undefined && size < min) err('min');
  if (max !== undefined && size > max) err('max');
  if (is !== undefined && size !== is) err('is');
};

/**
 * Discograph's bounds of a numericality rule (what discovery knows of the column): `min`/`max` as
 * exact integer text or numbers, `integerDigits` the digits a `numeric(precision, scale)` holds
 * before the decimal point.
 */
function checkBounds(text: string, rule: ValidationRule, err: ValidationReporter): void {
  // NaN and ±Infinity have no digits to count: the database decides (numeric(p, s) takes NaN only).
  if (isSpecialDecimal(text)) return;
  const { min, max, integerDigits } = rule.options;
  if (min !== undefined && compareNumericText(text, String(min)) < 0) err('min');
  else if (max !== undefined && compareNumericText(text, String(max)) > 0) err('max');
  if (integerDigits !== undefined) {
    const digits = (/^-?0*(\d*)/.exec(text)?.[1] ?? '').length;
    if (digits > integerDigits) err('precision');
  }
}

/** Compares two decimal texts (`-12.5`, `18446744073709551615`) exactly. */
function compareNumericText(left: string, right: string): number {
  const parse = (text: string) => {
    const negative = text.startsWith('-');
    const [whole = '', fraction = ''] = text.replace(/^[-+]/, '').split('.');
    return { negative, whole: whole.replace(/^0+/, ''), fraction: fraction.replace(/0+$/, '') };
  };
  const a = parse(left);
  const b = parse(right);
  const magnitude = () => {
    if (a.whole.length !== b.whole.length) return a.whole.length - b.whole.length;
    if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
    if (a.fraction === b.fraction) return 0;
    return a.fraction < b.fraction ? -1 : 1;
  };
  const zeroA = a.whole === '' && a.fraction === '';
  const zeroB = b.whole === '' && b.fraction === '';
  const signA = zeroA ? 0 : a.negative ? -1 : 1;
  const signB = zeroB ? 0 : b.negative ? -1 : 1;
  if (signA !== signB) return signA - signB;
  return signA >= 0 ? magnitude() : -magnitude();
}

const numericality: SyncValidator = (instance, attr, rule, err) => {
  const value = instance[attr];
  if (nullCheck(value, rule, err)) return;
  const text = numericText(instance, attr, value);
  if (text !== undefined) {
    if (rule.options.int && !/^-?\d+(\.0*)?$/.test(text)) err('int');
    else checkBounds(text, rule, err);
    return;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    err('number');
    return;
  }
  if (rule.options.int && !Number.isInteger(value)) err('int');
  else if (Number.isFinite(value)) checkBounds(tryParseDecimal(value) ?? String(value), rule, err);
};

const inclusion: SyncValidator = (instance, attr, rule, err) => {
  const value = instance[attr];
  if (nullCheck(value, rule, err)) return;
  if (!(rule.options.in ?? []).includes(value)) err();
};

const exclusion: SyncValidator = (instance, attr, rule, err) => {
  const value = instance[attr];
  if (nullCheck(value, rule, err)) return;
  if ((rule.options.in ?? []).includes(value)) err();
};

/** LoopBack tests the string form of a string or a number; any other value is invalid. */
const format: SyncValidator = (instance, attr, rule, err) => {
  const value = instance[attr];
  if (nullCheck(value, rule, err)) return;
  if (typeof value !== 'string' && typeof value !== 'number') {
    err();
    return;
  }
  const text = String(value);
  const { with: pattern, without } = rule.options;
  if (pattern && !matches(pattern, text)) err();
  else if (without && matches(without, text)) err();
};

/** Tests without the `lastIndex` surprises of global/sticky RegExps. */
function matches(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}

/** The validators that run synchronously, by kind (custom and uniqueness are handled by the runner). */
export const SYNC_VALIDATORS: Partial<Record<ValidationKind, SyncValidator>> = {
  presence,
  absence,
  length,
  numericality,
  inclusion,
  exclusion,
  format,
};
