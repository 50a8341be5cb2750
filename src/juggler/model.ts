/**
 * ModelBaseClass: the base of every model class `ModelBuilder.define` creates. It knows no
 * database: construction from data (coerced), defaults, `strict`, `toObject`/`toJSON`, dirty
 * tracking, and the Validatable and Hookable statics. The data layer adds the DAO on top.
 */
import { type NodeCallback, withCallback } from './compat/callback.js';
import type { ModelTypeName } from './connector/model-type-name.js';
import { InvalidArgumentError } from './errors.js';
import { type HookFunction, runAfterInitialize } from './hooks.js';
import { assignAttribute, type InstanceInternals, initInstanceData } from './model/instance-data.js';
import { cloneData, sameValue } from './model/property-values.js';
import type { RuntimeModelDefinition } from './model/runtime-definition.js';
import { serializeInstance } from './model/serialize.js';
import type { ModelBuilder, PropertiesInput } from './model-builder.js';
import type { ModelSettings } from './model-definition.js';
import type {
  BuildOptions,
  ModelInstance,
  OperationHookContext,
  OperationHookContexts,
  OperationObserver,
  ValidationErrorsBag,
} from './model-types.js';
import { clearObservers, notifyObserversOf, observe, removeObserver } from './observer.js';
import {
  type CustomValidatorArgs,
  configureValidation,
  registerRequiredValidations,
  type ValidatorArgs,
} from './validation/configure.js';
import { isValid, validateInstance } from './validation/run-validations.js';
import type {
  FormatOptions,
  InclusionOptions,
  LengthOptions,
  NumericalityOptions,
  UniquenessOptions,
  ValidationOptions,
  ValidationRule,
} from './validation/validation-types.js';

/** A model class: ModelBaseClass or a class `ModelBuilder.define` created. */
export type ModelClass = typeof ModelBaseClass;

/** Own instance properties of the model API, which no model property may shadow. */
const RESERVED_NAMES = new Set(['errors', 'constructor']);

function hidden(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
}

const accessors = new Map<string, PropertyDescriptor>();

/**
 * The accessor of a property named `propertyName`: reads `__data`, writes through coercion. It
 * only uses `this`, so one accessor per name serves every model with such a property (a
 * 1,000-table schema repeats `id`, `name`, `created_at` hundreds of times).
 */
function propertyAccessor(propertyName: string): PropertyDescriptor {
  let accessor = accessors.get(propertyName);
  if (!accessor) {
    accessor = {
      get(this: ModelBaseClass) {
        return this.__data[propertyName];
      },
      set(this: ModelBaseClass, value: unknown) {
        assignAttribute(this as unknown as InstanceInternals, propertyName, value, 'set');
      },
      enumerable: true,
      configurable: true,
    };
    accessors.set(propertyName, accessor);
  }
  return accessor;
}

/**
 * The base model class (LoopBack's ModelBaseClass, mixing Validatable and Hookable).
 *
 * @example
 * const User = builder.define('User', {name: String, age: Number});
 * const user = new User({name: 'Ann', age: '42'}); // user.age === 42
 * user.toObject(true) // {name: 'Ann', age: 42} (the unset injected id is left out)
 */
export class ModelBaseClass implements ModelInstance {
  // biome-ignore lint/suspicious/noExplicitAny: discovered properties and relation accessors are only known at run time.
  [property: string]: any;
  declare readonly __data: Record<string, unknown>;
  declare __persisted: boolean;
  declare errors: ValidationErrorsBag | false;

  /** The model name. */
  static modelName = 'ModelBaseClass';
  /** The runtime definition (properties, settings, raw relations). */
  declare static definition: RuntimeModelDefinition;
  /** The settings (`definition.settings`). */
  declare static settings: ModelSettings;
  /** The ModelBuilder that defined the class. */
  declare static modelBuilder: ModelBuilder;
  /** Validation rules keyed by property name (LoopBack's `Model.validations`). */
  declare static validations: Record<string, ValidationRule[]> | undefined;

  declare static afterInitialize?: HookFunction;
  declare static beforeValidate?: HookFunction;
  declare static afterValidate?: HookFunction;
  declare static beforeCreate?: HookFunction;
  declare static afterCreate?: HookFunction;
  declare static beforeSave?: HookFunction;
  declare static afterSave?: HookFunction;
  declare static beforeUpdate?: HookFunction;
  declare static afterUpdate?: HookFunction;
  declare static beforeDestroy?: HookFunction;
  declare static afterDestroy?: HookFunction;

  constructor(data?: Record<string, unknown> | null, options: BuildOptions = {}) {
    const Model = new.target as ModelClass;
    if (!Model.definition) {
      throw new InvalidArgumentError(
        `${Model.name} is not a defined model; create model classes with modelBuilder.define(name, properties, settings)`,
      );
    }
    hidden(this, '__data', {});
    hidden(this, '__persisted', options.persisted === true);
    hidden(this, 'errors', false);
    hidden(this, '__strict', options.strict ?? Model.definition.settings.strict ?? false);
    hidden(this, '__unknownProperties', []);
    hidden(this, '__cachedRelations', {});
    const input = data instanceof ModelBaseClass ? data.__data : (data ?? {});
    initInstanceData(this as unknown as InstanceInternals, input, options);
    hidden(this, '__dataWas', cloneData(this.__data));
    runAfterInitialize(this);
  }

  /** '[Model User]'. */
  static toString(): string {
    return `[Model ${this.modelName}]`;
  }

  /** Defines (or redefines) a property and its accessor. */
  static defineProperty(this: ModelClass, propertyName: string, params: unknown): void {
    this.definition.defineProperty(propertyName, params);
    this.registerProperty(propertyName);
    registerRequiredValidations(this);
  }

  /** Installs the accessor of a property already in the definition: reads `__data`, writes through coercion. */
  static registerProperty(this: ModelClass, propertyName: string): void {
    if (!this.definition.properties[propertyName]) {
      throw new InvalidArgumentError(
        `Cannot register \`${propertyName}\`: model \`${this.modelName}\` does not define it`,
      );
    }
    if (
      RESERVED_NAMES.has(propertyName) ||
      propertyName.startsWith('__') ||
      propertyName in ModelBaseClass.prototype
    ) {
      throw new InvalidArgumentError(
        `Property name \`${propertyName}\` of model \`${this.modelName}\` is reserved by the model API; map the column to another property name`,
        { model: this.modelName, property: propertyName },
      );
    }
    Object.defineProperty(this.prototype, propertyName, propertyAccessor(propertyName));
  }

  /** The canonical type name of a property ('String', 'Decimal'...), or null when there is no such property. */
  static getPropertyType(this: ModelClass, propertyName: string): ModelTypeName | null {
    return this.definition.properties[propertyName]?.typeName ?? null;
  }

  /** The first id property name. */
  static getIdName(this: ModelClass): string | undefined {
    return this.definition.idName();
  }

  /** Defines a model that inherits this one's properties, settings, validations and hooks. */
  static extend(
    this: ModelClass,
    className: string,
    properties: PropertiesInput = {},
    settings: ModelSettings = {},
  ): ModelClass {
    return this.modelBuilder.define(className, properties, settings, this);
  }

  /**
   * Registers an operation hook listener (LoopBack's `Model.observe`): `access`, `loaded`,
   * `before save`, `persist`, `after save`, `before delete`, `after delete`, or any name
   * `notifyObserversOf` is called with. Subclasses run this model's listeners before their own.
   *
   * @example
   * Track.observe('before save', async (ctx) => {
   *   if (ctx.instance) ctx.instance.updatedBy = ctx.options.callerId;
   *   else if (ctx.data) ctx.data.updatedBy = ctx.options.callerId;
   * });
   */
  static observe<O extends keyof OperationHookContexts>(
    operation: O,
    listener: OperationObserver<OperationHookContexts[O]>,
  ): void;
  static observe<C = OperationHookContext>(operation: string, listener: OperationObserver<C>): void;
  static observe(operation: string, listener: OperationObserver<never>): void {
    observe(this, operation, listener);
  }

  /** Unregisters a listener registered on this model for `operation` (LoopBack's `removeObserver`). */
  static removeObserver(operation: string, listener: Function): OperationObserver<never>[] | undefined {
    return removeObserver(this, operation, listener as OperationObserver<never>);
  }

  /** Unregisters every listener registered on this model for `operation` (LoopBack's `clearObservers`). */
  static clearObservers(operation: string): void {
    clearObservers(this, operation);
  }

  /**
   * Runs the listeners of `operation` (or of each of a list of operations, in turn) with
   * `context`, in series; resolves to the context, rejects with the first listener error. With
   * a callback, calls it `(err, context)` instead.
   */
  static notifyObserversOf<C>(operation: string | readonly string[], context: C): Promise<C>;
  static notifyObserversOf<C>(
    operation: string | readonly string[],
    context: C,
    callback: NodeCallback<C>,
  ): undefined;
  static notifyObserversOf<C>(
    operation: string | readonly string[],
    context: C,
    callback?: NodeCallback<C>,
  ): Promise<C> | undefined {
    return withCallback(notifyObserversOf(this, operation, context), callback);
  }

  /** Validates presence ("can't be blank"): fails for undefined, null, '', [] and NaN. */
  static validatesPresenceOf(this: ModelClass, ...args: ValidatorArgs<ValidationOptions>): void {
    configureValidation(this, 'presence', args);
  }

  /** Validates absence ("can't be set"). */
  static validatesAbsenceOf(this: ModelClass, ...args: ValidatorArgs<ValidationOptions>): void {
    configureValidation(this, 'absence', args);
  }

  /** Validates length: `min` ("too short"), `max` ("too long"), `is` ("length is wrong"). */
  static validatesLengthOf(this: ModelClass, ...args: ValidatorArgs<LengthOptions>): void {
    configureValidation(this, 'length', args);
  }

  /** Validates a number ("is not a number"), with `int: true` an integer ("is not an integer"). */
  static validatesNumericalityOf(this: ModelClass, ...args: ValidatorArgs<NumericalityOptions>): void {
    configureValidation(this, 'numericality', args);
  }

  /** Validates inclusion in `in` ("is not included in the list"). */
  static validatesInclusionOf(this: ModelClass, ...args: ValidatorArgs<InclusionOptions>): void {
    configureValidation(this, 'inclusion', args);
  }

  /** Validates exclusion from `in` ("is reserved"). */
  static validatesExclusionOf(this: ModelClass, ...args: ValidatorArgs<InclusionOptions>): void {
    configureValidation(this, 'exclusion', args);
  }

  /** Validates a format: the value matches `with` ("is invalid"). */
  static validatesFormatOf(this: ModelClass, ...args: ValidatorArgs<FormatOptions>): void {
    configureValidation(this, 'format', args);
  }

  /** Validates uniqueness through the attached data source ("is not unique"); async. */
  static validatesUniquenessOf(this: ModelClass, ...args: ValidatorArgs<UniquenessOptions>): void {
    configureValidation(this, 'uniqueness', args);
  }

  /** Validates with a custom synchronous validator that calls `err()` to fail ("is invalid"). */
  static validate(this: ModelClass, ...args: CustomValidatorArgs): void {
    configureValidation(this, 'custom', args);
  }

  /** Validates with a custom async validator that calls `err()` to fail and `done()` when finished. */
  static validateAsync(this: ModelClass, ...args: CustomValidatorArgs): void {
    configureValidation(this, 'custom', args, { async: true });
  }

  /** Converts the instance to a plain object; `onlySchema` restricts it to the defined properties (default false). */
  toObject(onlySchema = false): Record<string, unknown> {
    return serializeInstance(this as unknown as InstanceInternals, { onlySchema, removeHidden: false });
  }

  /** The plain object for JSON: everything `toObject()` gives, minus hidden properties. */
  toJSON(): Record<string, unknown> {
    return serializeInstance(this as unknown as InstanceInternals, { onlySchema: false, removeHidden: true });
  }

  /** '[object User]'. */
  toString(): string {
    return `[object ${(this.constructor as ModelClass).modelName}]`;
  }

  /** Whether a property differs from its value at construction (or at the last `markClean()`). */
  propertyChanged(propertyName: string): boolean {
    const was = (this as unknown as InstanceInternals).__dataWas;
    return !sameValue(this.__data[propertyName], was[propertyName]);
  }

  /** Puts every property back to its value at construction (or the last `markClean()`); no database involved. */
  reset(): void {
    const internals = this as unknown as InstanceInternals;
    for (const key of Object.keys(this.__data))
      if (!Object.hasOwn(internals.__dataWas, key)) delete this.__data[key];
    Object.assign(this.__data, cloneData(internals.__dataWas));
    internals.__unknownProperties.length = 0;
  }

  /** Records the current values as the baseline of `propertyChanged`/`reset` (the data layer calls it after load and save). */
  markClean(): void {
    hidden(this, '__dataWas', cloneData(this.__data));
  }

  /** LoopBack's `isValid(callback, data)`: see validation/run-validations.ts. */
  isValid(callback?: (valid: boolean) => void, data?: unknown): boolean {
    return isValid(this, callback, data);
  }

  /** Promise form of validation: resolves to true when valid (`errors` then false), false with `errors` filled. */
  validate(_options: { context?: string } = {}): Promise<boolean> {
    return validateInstance(this);
  }

  /** Sets several properties through their setters; unknown ones follow `strict`. */
  setAttributes(data: Record<string, unknown>): void {
    for (const [key, value] of Object.entries(data)) {
      assignAttribute(this as unknown as InstanceInternals, key, value, 'set');
    }
  }

  /** Sets one property through its setter. */
  setAttribute(name: string, value: unknown): void {
    this.setAttributes({ [name]: value });
  }

  /** The id value; an object keyed by id name for a composite id; undefined when the model has no id. */
  getId(): unknown {
    const names = (this.constructor as ModelClass).definition.idNames();
    if (names.length <= 1) return names[0] === undefined ? undefined : this.__data[names[0]];
    return Object.fromEntries(names.map((name) => [name, this.__data[name]]));
  }

  /** Sets the id value (an object or an array in key order for a composite id). */
  setId(value: unknown): void {
    const names = (this.constructor as ModelClass).definition.idNames();
    if (names.length === 1 && names[0] !== undefined) {
      this.setAttribute(names[0], value);
      return;
    }
    if (names.length === 0) {
      throw new InvalidArgumentError(
        `Model ${(this.constructor as ModelClass).modelName} has no id property`,
      );
    }
    const values = Array.isArray(value)
      ? value
      : names.map((name) => (value as Record<string, unknown> | null)?.[name]);
    names.forEach((name, index) => {
      this.setAttribute(name, values[index]);
    });
  }
}
