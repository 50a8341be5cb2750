/**
 * The Query and Mutation fields of one model (list, count, row by id, connection; create,
 * update, upsert, delete), with the resolvers given for them.
 */
import type { GraphQLFieldConfig, GraphQLFieldConfigArgumentMap } from 'graphql';
import { withArticle } from '../inflection.js';
import {
  hasCreate,
  hasDelete,
  hasIds,
  hasUpdate,
  hasUpsert,
  hasUpsertInput,
  isWritable,
} from '../model-type-defs.js';
import type { ModelNames } from '../schema-names.js';
import { type FieldResolverMap, fieldConfig, type ModelTypeFactory } from './model-types.js';
import { inputValue } from './type-registry.js';

/** A root field by name. */
export type RootField = readonly [name: string, config: GraphQLFieldConfig<unknown, unknown>];

/** Query fields of `model`, with their resolvers from `resolvers` (the Query type's). */
export function modelQueryFields(
  factory: ModelTypeFactory,
  model: ModelNames,
  resolvers: FieldResolverMap,
): RootField[] {
  const { registry } = factory;
  const type = model.type;
  // A materialized view may be unpopulated: its fields then answer a NOT_POPULATED error and null,
  // which must not take the other root fields of the request with it (no non-null to bubble through).
  const unpopulated = model.source.mayBeUnpopulated === true;
  const required = unpopulated ? '' : '!';
  const fields: RootField[] = [
    [
      model.list,
      fieldConfig(
        unpopulated ? registry.output(`[${type}!]`) : factory.rowList(model),
        `${type} rows matching \`where\`, sorted by \`order\`.`,
        resolvers[model.list],
        factory.listArguments(model),
      ),
    ],
    [
      model.count,
      fieldConfig(
        registry.output(`Int${required}`),
        `How many ${type} rows match \`where\`.`,
        resolvers[model.count],
        {
          where: inputValue(registry.input(model.where)),
        },
      ),
    ],
  ];
  if (!hasIds(model)) return fields;
  const connectionArgs: GraphQLFieldConfigArgumentMap = {
    first: inputValue(registry.input('Int')),
    after: inputValue(registry.input('String')),
    last: inputValue(registry.input('Int')),
    before: inputValue(registry.input('String')),
    where: inputValue(registry.input(model.where)),
  };
  if (model.hasOrderValues) connectionArgs.order = inputValue(registry.input(`[${model.order}!]`));
  fields.push(
    [
      model.single,
      fieldConfig(
        registry.output(type),
        `The ${type} with this id, or null.`,
        resolvers[model.single],
        factory.idArguments(model),
      ),
    ],
    [
      model.connectionField,
      fieldConfig(
        registry.output(`${model.connectionType}${required}`),
        `${type} rows page by page (Relay cursor connection).`,
        resolvers[model.connectionField],
        connectionArgs,
      ),
    ],
  );
  return fields;
}

/**
 * Mutation fields of `model` (none for views), with their resolvers from `resolvers` (the Mutation
 * type's). Every payload is nullable: a field that fails answers null with its own error, and the
 * other mutation fields of the document keep their results (a non-null payload would null the
 * whole `data`, hiding what the fields before it wrote).
 */
export function modelMutationFields(
  factory: ModelTypeFactory,
  model: ModelNames,
  resolvers: FieldResolverMap,
): RootField[] {
  if (!isWritable(model)) return [];
  const { registry } = factory;
  const type = model.type;
  const dataOf = (input: string): GraphQLFieldConfigArgumentMap => ({
    data: inputValue(registry.input(`${input}!`)),
  });
  const fields: RootField[] = [];
  if (hasCreate(model)) {
    fields.push([
      model.create,
      fieldConfig(
        registry.output(type),
        `Creates ${withArticle(type)} (validated first).`,
        resolvers[model.create],
        dataOf(model.createInput),
      ),
    ]);
  }
  const ids = hasIds(model) ? factory.idArguments(model) : {};
  if (hasUpdate(model)) {
    fields.push([
      model.update,
      fieldConfig(
        registry.output(type),
        `Updates the ${type} with this id (validated first).`,
        resolvers[model.update],
        { ...ids, ...dataOf(model.updateInput) },
      ),
    ]);
  }
  if (hasUpsert(model)) {
    const upsertInput = hasUpsertInput(model) ? model.upsertInput : model.createInput;
    fields.push([
      model.upsert,
      fieldConfig(
        registry.output(type),
        `Creates the ${type}, or updates the one with the same id.`,
        resolvers[model.upsert],
        dataOf(upsertInput),
      ),
    ]);
  }
  if (hasDelete(model)) {
    fields.push([
      model.delete,
      fieldConfig(
        registry.output(type),
        `Deletes the ${type} with this id; returns it, or null when there was none.`,
        resolvers[model.delete],
        ids,
      ),
    ]);
  }
  return fields;
}
