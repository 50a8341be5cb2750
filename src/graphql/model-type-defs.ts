/**
 * Which of a model's properties each generated input carries, and which root fields a model
 * gets: the decisions the type builders (schema/) and the resolvers share. Whether an input
 * exists is decided for every model when the schema is built (one pass over its properties, no
 * lists); the property lists themselves are made when an input's fields are first defined. Each
 * is computed once per model (the schema builder and the resolvers ask several times).
 */
import type { GraphQLPropertySource } from './model-source.js';
import type { ModelNames } from './schema-names.js';

/** Which write inputs a model has, from one pass over its properties. */
interface WriteShape {
  /** Some property can be written on create. */
  creatable: boolean;
  /** Some property can be written on update (writable, not part of the id). */
  updatable: boolean;
  /** Some id property is generated or read only: the upsert input differs from the create input. */
  generatedIds: boolean;
}

interface WriteProperties {
  create: GraphQLPropertySource[];
  update: GraphQLPropertySource[];
  upsert: GraphQLPropertySource[] | undefined;
}

const writeShapes = new WeakMap<ModelNames, WriteShape>();
const writePropertiesOf = new WeakMap<ModelNames, WriteProperties>();

function isCreatable(property: GraphQLPropertySource): boolean {
  return !property.generated && !property.readOnly;
}

function writeShape(model: ModelNames): WriteShape {
  let shape = writeShapes.get(model);
  if (!shape) {
    shape = { creatable: false, updatable: false, generatedIds: false };
    const { properties } = model.source;
    // Indexed: a `for...of` allocates a result object per step until the code is optimised.
    for (let index = 0; index < properties.length; index += 1) {
      const property = properties[index] as GraphQLPropertySource;
      const creatable = isCreatable(property);
      if (creatable) shape.creatable = true;
      if (property.idIndex === undefined) {
        if (creatable) shape.updatable = true;
      } else if (!creatable) {
        shape.generatedIds = true;
      }
    }
    writeShapes.set(model, shape);
  }
  return shape;
}

function writeProperties(model: ModelNames): WriteProperties {
  let found = writePropertiesOf.get(model);
  if (!found) {
    const properties = model.source.properties;
    const create = properties.filter(isCreatable);
    found = {
      create,
      update: create.filter((property) => property.idIndex === undefined),
      upsert: writeShape(model).generatedIds
        ? properties.filter((property) => property.idIndex !== undefined || isCreatable(property))
        : undefined,
    };
    writePropertiesOf.set(model, found);
  }
  return found;
}

/** Properties a create input carries: everything the database does not produce. */
export function createInputProperties(model: ModelNames): GraphQLPropertySource[] {
  return writeProperties(model).create;
}

/** Properties an update input carries: writable, not part of the id. */
export function updateInputProperties(model: ModelNames): GraphQLPropertySource[] {
  return writeProperties(model).update;
}

/** Properties of the upsert input when generated ids make it differ from the create input, else undefined. */
export function upsertInputProperties(model: ModelNames): GraphQLPropertySource[] | undefined {
  return writeProperties(model).upsert;
}

/** Whether `updateInputProperties(model)` is not empty (without making the list). */
export function hasUpdateInput(model: ModelNames): boolean {
  return writeShape(model).updatable;
}

/** Whether `upsertInputProperties(model)` is defined (without making the list). */
export function hasUpsertInput(model: ModelNames): boolean {
  return writeShape(model).generatedIds;
}

/** Whether the model's shape allows writes (views and models without writable fields do not). */
function writableShape(model: ModelNames): boolean {
  return !model.source.readOnly && writeShape(model).creatable;
}

/** Whether the configuration (or the role) leaves the mutation `operation` of the model on. */
function switchedOn(model: ModelNames, operation: 'create' | 'update' | 'delete'): boolean {
  return model.source.operations?.[operation] !== false;
}

/** Whether the model gets `createX`. */
export function hasCreate(model: ModelNames): boolean {
  return writableShape(model) && switchedOn(model, 'create');
}

/** Whether the model gets `updateX` (by id, with something to update). */
export function hasUpdate(model: ModelNames): boolean {
  return writableShape(model) && hasIds(model) && hasUpdateInput(model) && switchedOn(model, 'update');
}

/** Whether the model gets `upsertX` (by id; it creates or updates, so it needs both switched on). */
export function hasUpsert(model: ModelNames): boolean {
  return writableShape(model) && hasIds(model) && switchedOn(model, 'create') && switchedOn(model, 'update');
}

/** Whether the model gets `deleteX` (by id). */
export function hasDelete(model: ModelNames): boolean {
  return writableShape(model) && hasIds(model) && switchedOn(model, 'delete');
}

/** Whether the model gets mutations at all (views, models without writable fields and models with every mutation switched off do not). */
export function isWritable(model: ModelNames): boolean {
  return hasCreate(model) || hasUpdate(model) || hasUpsert(model) || hasDelete(model);
}

/** Whether the model can be addressed by id (single query, update, upsert, delete, connections). */
export function hasIds(model: ModelNames): boolean {
  return model.source.idProperties.length > 0;
}
