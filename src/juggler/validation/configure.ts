/**
 * The validation configurators behind the statics (`User.validatesLengthOf('password', {min: 7})`)
 * and the registration of validations declared in JSON (`settings.validations`) or implied by
 * `required: true`. "n-1 property names and one config", as LoopBack's configurators take.
 */
import { InvalidArgumentError } from '../errors.js';
import { integerWidthOf } from '../model/integer-width.js';
import { columnBlockOf, propertyFacts } from '../model/model-facts.js';
import type { PropertyDefinition, ValidationDeclaration } from '../model-definition.js';
import type {
  CustomValidator,
  ValidatableClass,
  ValidationKind,
  ValidationOptions,
  ValidationRule,
  ValidationSource,
} from './validation-types.js';

/** Arguments of a configurator: property names, then optionally the options. */
export type ValidatorArgs<O> = [...properties: string[], options: O] | string[];

/** Arguments of `validate`/`validateAsync`: property names, the validator, then optionally options. */
export type CustomValidatorArgs =
  | [...properties: string[], validator: CustomValidator]
  | [...properties: string[], validator: CustomValidator, options: ValidationOptions];

function isOptionsObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp);
}

/** Gives the class its own rule table (copying inherited rules) and returns it. */
export function ownValidations(Model: ValidatableClass): Record<string, ValidationRule[]> {
  if (!Object.hasOwn(Model, 'validations') || !Model.validations) {
    const inherited = Model.validations ?? {};
    const copy: Record<string, ValidationRule[]> = {};
    for (const [property, rules] of Object.entries(inherited)) copy[property] = [...rules];
    Object.defineProperty(Model, 'validations', {
      value: copy,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
  return Model.validations as Record<string, ValidationRule[]>;
}

function toRegExp(value: unknown, flags: unknown, name: string): RegExp | undefined {
  if (value === undefined) return undefined;
  if (value instanceof RegExp) return value;
  if (typeof value === 'string') return new RegExp(value, typeof flags === 'string' ? flags : undefined);
  throw new InvalidArgumentError(`validatesFormatOf: \`${name}\` must be a RegExp or a pattern string`, {
    option: name,
  });
}

function checkOptions(kind: ValidationKind, options: ValidationRule['options']): void {
  if (
    kind === 'length' &&
    options.min === undefined &&
    options.max === undefined &&
    options.is === undefined
  ) {
    throw new InvalidArgumentError('validatesLengthOf needs at least one of `min`, `max` or `is`', {
      options,
    });
  }
  if ((kind === 'inclusion' || kind === 'exclusion') && !Array.isArray(options.in)) {
    throw new InvalidArgumentError(
      `validates${kind === 'inclusion' ? 'Inclusion' : 'Exclusion'}Of needs \`in\`: an array`,
      {
        options,
      },
    );
  }
  if (kind === 'format' && !options.with && !options.without) {
    throw new InvalidArgumentError('validatesFormatOf needs `with` (or `without`): a RegExp', { options });
  }
}

/** A configurator's arguments, checked: the property names, the options, the custom validator. */
interface ValidationArgs {
  properties: string[];
  options: ValidationRule['options'];
  customValidator?: CustomValidator;
}

/** Reads and checks a configurator's arguments (see `configureValidation`); throws what it rejects. */
function parseValidationArgs(kind: ValidationKind, args: readonly unknown[]): ValidationArgs {
  const list = [...args];
  const options: ValidationRule['options'] = isOptionsObject(list[list.length - 1])
    ? { ...(list.pop() as ValidationRule['options']) }
    : {};
  let customValidator: CustomValidator | undefined;
  if (kind === 'custom') {
    if (typeof list[list.length - 1] !== 'function') {
      throw new InvalidArgumentError(
        'validate/validateAsync need a validator function after the property names',
      );
    }
    customValidator = list.pop() as CustomValidator;
  }
  if (kind === 'format') {
    const raw = options as Record<string, unknown>;
    options.with = toRegExp(raw.with, raw.flags, 'with');
    options.without = toRegExp(raw.without, raw.flags, 'without');
  }
  checkOptions(kind, options);
  if (list.length === 0 || list.some((property) => typeof property !== 'string')) {
    throw new InvalidArgumentError(`A ${kind} validation needs property names (strings) before its options`, {
      received: list.map(String),
    });
  }
  return { properties: list as string[], options, ...(customValidator ? { customValidator } : {}) };
}

/**
 * Adds a rule of `kind` for each named property. `args` are LoopBack's: property names, then an
 * optional options object (for `custom`, the validator function comes before the options).
 */
export function configureValidation(
  Model: ValidatableClass,
  kind: ValidationKind,
  args: readonly unknown[],
  settings: { async?: boolean; source?: ValidationSource } = {},
): void {
  const { properties, options, customValidator } = parseValidationArgs(kind, args);
  const rules = ownValidations(Model);
  for (const property of properties) {
    const rule: ValidationRule = {
      validation: kind,
      options,
      async: settings.async ?? kind === 'uniqueness',
      source: settings.source ?? 'code',
    };
    if (customValidator) rule.customValidator = customValidator;
    rules[property] = [...(rules[property] ?? []), rule];
  }
}

/** The configurator arguments of a declaration in JSON form. */
function declarationArgs(declaration: ValidationDeclaration): unknown[] {
  return [declaration.property, { ...(declaration.options ?? {}) }];
}

/** Registers the validations declared in `settings.validations` (JSON form, from discovery). */
export function registerDeclaredValidations(
  Model: ValidatableClass,
  declarations: readonly ValidationDeclaration[],
): void {
  for (const declaration of declarations) {
    configureValidation(Model, declaration.kind, declarationArgs(declaration), { source: 'declaration' });
  }
}

/** Throws what `registerDeclaredValidations` would throw for `declarations`, registering nothing. */
export function checkDeclaredValidations(declarations: readonly ValidationDeclaration[]): void {
  for (const declaration of declarations) parseValidationArgs(declaration.kind, declarationArgs(declaration));
}

/**
 * Registers a presence validation for each `required` property, as LoopBack does, except where
 * the database supplies the value (a generated key, a column default, a read-only column: the
 * model facts' `validatesPresence`) or a presence validation is already declared for it.
 */
export function registerRequiredValidations(Model: ValidatableClass): void {
  const rules = ownValidations(Model);
  for (const [name, property] of Object.entries(Model.definition.properties)) {
    if (!property.definition.required || !propertyFacts(property.definition).validatesPresence) continue;
    if ((rules[name] ?? []).some((rule) => rule.validation === 'presence')) continue;
    configureValidation(Model, 'presence', [name], { source: 'required' });
  }
}

/**
 * Registers what a property's recorded column facts imply, so that a value the column cannot hold
 * is a VALIDATION_FAILED naming the property before any SQL: the range of its integer width
 * (`discograph: {integer}`, model/integer-width.ts) and the digits before the decimal point of a
 * discovered `numeric(precision, scale)` (the column block's `dataPrecision`/`dataScale`). Derived at runtime from the facts, not written into the JSON definition.
 */
export function registerColumnValidations(Model: ValidatableClass): void {
  for (const [name, property] of Object.entries(Model.definition.properties)) {
    const options = columnBounds(property.definition);
    if (options) configureValidation(Model, 'numericality', [name, options], { source: 'column' });
  }
}

function columnBounds(definition: PropertyDefinition): Record<string, unknown> | undefined {
  // A list's recorded width is its elements' (an `integer[]` column): no rule for the list itself.
  if (Array.isArray(definition.type)) return undefined;
  const width = integerWidthOf(definition);
  if (width) {
    const { bits, signed } = width;
    const max = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
    const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
    const range = `is out of range (${min} to ${max})`;
    return {
      int: true,
      min: min.toString(),
      max: max.toString(),
      allowNull: true,
      allowBlank: true,
      message: { min: range, max: range },
    };
  }
  // Only what discovery read from the catalog (the column block's precision): a hand-written
  // `precision` is LoopBack's hint for migrations, never a rule.
  const block = columnBlockOf(definition);
  const precision = block?.dataPrecision;
  const scale = block?.dataScale;
  // Floating-point columns record a precision in bits and no scale: only numeric(p, s) has both.
  if (typeof precision !== 'number' || precision <= 0 || typeof scale !== 'number') return undefined;
  const typeName = typeof definition.type === 'string' ? definition.type.toLowerCase() : '';
  if (typeName !== 'decimal' && typeName !== 'number') return undefined;
  const integerDigits = precision - scale;
  return {
    integerDigits,
    allowNull: true,
    allowBlank: true,
    message: {
      precision: `has more than ${integerDigits} digits before the decimal point (precision ${precision}, scale ${scale})`,
    },
  };
}

/** Removes the rules a definition implies (from `required` and `settings.validations`), keeping those added in code. */
export function removeImpliedValidations(Model: ValidatableClass): void {
  const rules = ownValidations(Model);
  for (const [property, list] of Object.entries(rules)) {
    const kept = list.filter((rule) => rule.source === 'code');
    if (kept.length > 0) rules[property] = kept;
    else delete rules[property];
  }
}
