/**
 * The class `ModelBuilder.define` creates for a model: a named subclass of its base, its statics
 * set, its prototype ready for one accessor per property and per relation.
 */

import type { ModelClass } from '../model.js';
import type { ModelBuilder } from '../model-builder.js';
import type { RuntimeModelDefinition } from './runtime-definition.js';

/**
 * A new subclass of `Parent` named `className` (as a class declaration names it, so that stack
 * traces and `Model.name` show the model), with its statics `modelName`, `definition`, `settings`
 * and `modelBuilder`.
 *
 * The order of the steps is for V8, on schemas of a thousand models:
 * - the name is defined on the class, not given by a computed key of an object literal
 *   (`{[className]: class ...}`), which would add a hidden class per model name to the one every
 *   `{}` starts from;
 * - the statics are set before anything reads a property of the class: until then V8 keeps them
 *   in a dictionary, while every static added after that copies the class's hidden class;
 * - last, the prototype is given to `Object.create`, which puts it in V8's set-up mode for
 *   prototypes (a dictionary): the accessors defined next go into it instead of copying the
 *   prototype's hidden class and descriptors once per accessor (about 14,000 copies on a
 *   1,000-table schema). V8 makes the prototype fast again when instances first use it.
 * None of this can be told apart from a plain `class extends Parent {}` with its statics assigned.
 */
export function createModelClass(
  className: string,
  Parent: ModelClass,
  definition: RuntimeModelDefinition,
  modelBuilder: ModelBuilder,
): ModelClass {
  const ModelClass = class extends Parent {};
  Object.defineProperty(ModelClass, 'name', {
    value: className,
    writable: false,
    enumerable: false,
    configurable: true,
  });
  ModelClass.modelName = className;
  ModelClass.definition = definition;
  ModelClass.settings = definition.settings;
  ModelClass.modelBuilder = modelBuilder;
  Object.create(ModelClass.prototype);
  return ModelClass;
}
