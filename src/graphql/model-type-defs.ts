/**
 * Which of a model's properties each generated input carries, and which root fields a model
 * gets: the decisions the type builders (schema/) and the resolvers share. Each is computed once
 * per model (the schema builder and the resolvers ask several times).
 */
import type { GraphQLPropertySource } from './model-source.js';
import type { ModelNames } from './schema-names.js';

interface WriteProperties {
  create: GraphQLPropertySource[];
  update: GraphQLPropertySource[];
  upsert: GraphQLPropertySource[] | undefined;
}

const writePropertiesOf = new WeakMap<ModelNames, WriteProperties>();

function writeProperties(model: ModelNames): WriteProperties {
  let found = writePropertiesOf.get(model);
  if (!found) {
    const properties = model.source.properties;
    const create = properties.filter((property) => !property.generated && !property.readOnly);
    const generatedIds = properties.some(
      (property) => property.idIndex !== undefined && (property.generated || property.readOnly),
    );
    found = {
      create,
      update: create.filter((property) => property.idIndex === undefined),
      upsert: generatedIds
        ? properties.filter(
            (property) => property.idIndex !== undefined || (!property.generated && !property.readOnly),
          )
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

/** Whether the model gets mutations at all (views and models without writable fields do not). */
export function isWritable(model: ModelNames): boolean {
  return !model.source.readOnly && writeProperties(model).create.length > 0;
}

/** Whether the model can be addressed by id (single query, update, upsert, delete, connections). */
export function hasIds(model: ModelNames): boolean {
  return model.source.idProperties.length > 0;
}
