/**
 * SDL of one model: its object type (properties and relation fields), connection and edge
 * types, where input, order enum, property enums and write inputs.
 */
import { filterTypeOf, idArgumentTypeOf, inputTypeOf, outputTypeOf } from './field-types.js';
import type { Inflection } from './inflection.js';
import type { GraphQLPropertySource } from './model-source.js';
import type { ModelNames, SchemaNames } from './schema-names.js';
import { describe, filterInputSdl, type TypeDef } from './shared-type-defs.js';

/** Properties a create input carries: everything the database does not produce. */
export function createInputProperties(model: ModelNames): GraphQLPropertySource[] {
  return model.source.properties.filter((property) => !property.generated && !property.readOnly);
}

/** Properties an update input carries: writable, not part of the id. */
export function updateInputProperties(model: ModelNames): GraphQLPropertySource[] {
  return createInputProperties(model).filter((property) => property.idIndex === undefined);
}

/** Properties of the upsert input when generated ids make it differ from the create input, else undefined. */
export function upsertInputProperties(model: ModelNames): GraphQLPropertySource[] | undefined {
  const generatedIds = model.source.properties.filter(
    (property) => property.idIndex !== undefined && (property.generated || property.readOnly),
  );
  if (generatedIds.length === 0) return undefined;
  return model.source.properties.filter(
    (property) => property.idIndex !== undefined || (!property.generated && !property.readOnly),
  );
}

/** Whether the model gets mutations at all (views and models without writable fields do not). */
export function isWritable(model: ModelNames): boolean {
  return !model.source.readOnly && createInputProperties(model).length > 0;
}

/** Whether the model can be addressed by id (single query, update, upsert, delete, connections). */
export function hasIds(model: ModelNames): boolean {
  return model.source.idProperties.length > 0;
}

/** `(where: TrackWhere, order: [TrackOrder!], limit: Int, skip: Int)` for lists of `model`. */
export function listArguments(model: ModelNames): string {
  const order = model.orderValues.size > 0 ? `, order: [${model.order}!]` : '';
  return `(where: ${model.where}${order}, limit: Int, skip: Int)`;
}

/** `trackId: Int!` (composite ids: every id property). */
export function idArguments(model: ModelNames): string {
  return model.source.idProperties
    .map((name) => {
      const property = model.source.properties.find((candidate) => candidate.name === name);
      return property ? `${model.fields.get(name)}: ${idArgumentTypeOf(property, model)}` : '';
    })
    .filter((argument) => argument !== '')
    .join(', ');
}

function field(name: string, type: string, description?: string): string {
  return `${describe(description, '  ')}  ${name}: ${type}`;
}

function block(kind: string, name: string, lines: string[], description?: string): TypeDef {
  return { name, sdl: `${describe(description)}${kind} ${name} {\n${lines.join('\n')}\n}` };
}

function objectType(model: ModelNames, names: SchemaNames): TypeDef {
  const lines = model.source.properties.map((property) =>
    field(model.fields.get(property.name) as string, outputTypeOf(property, model), property.description),
  );
  for (const relation of model.source.relations) {
    const target = names.models.get(relation.modelTo);
    if (!target) continue;
    const name = model.relationFields.get(relation.name) as string;
    const description = relation.description ?? relationDescription(relation.type, relation.modelTo);
    lines.push(
      relation.multiple
        ? field(`${name}${listArguments(target)}`, `[${target.type}!]!`, description)
        : field(name, target.type, description),
    );
  }
  return block('type', model.type, lines, model.source.description);
}

function relationDescription(type: string, target: string): string {
  switch (type) {
    case 'belongsTo':
      return `The ${target} this row references.`;
    case 'hasOne':
      return `The ${target} referencing this row.`;
    case 'hasManyThrough':
      return `The ${target} rows linked to this row through a join table.`;
    default:
      return `The ${target} rows referencing this row.`;
  }
}

function whereInput(model: ModelNames, inflection: Inflection): TypeDef {
  const lines = [
    field('and', `[${model.where}!]`, 'All of these conditions hold.'),
    field('or', `[${model.where}!]`, 'At least one of these conditions holds.'),
  ];
  for (const property of model.source.properties) {
    const filter = filterTypeOf(property, model, inflection);
    if (filter) lines.push(field(model.fields.get(property.name) as string, filter, property.description));
  }
  return block('input', model.where, lines, `Conditions on ${model.type} rows; all fields given must hold.`);
}

function enumType(name: string, values: string[], description?: string): TypeDef {
  return block(
    'enum',
    name,
    values.map((value) => `  ${value}`),
    description,
  );
}

function writeInput(
  model: ModelNames,
  name: string,
  properties: GraphQLPropertySource[],
  mode: 'create' | 'update' | 'upsert',
): TypeDef {
  const lines = properties.map((property) => {
    const required = mode === 'create' && property.required;
    return field(
      model.fields.get(property.name) as string,
      inputTypeOf(property, model, required),
      property.description,
    );
  });
  const description =
    mode === 'update'
      ? `Changes to a ${model.type}: only the fields given are written.`
      : mode === 'create'
        ? `A new ${model.type}. Required fields are those the database needs (NOT NULL without default).`
        : `A ${model.type} to create or, when one with the same id exists, to update.`;
  return block('input', name, lines, description);
}

/** Every SDL definition that belongs to one model. */
export function modelTypeDefs(model: ModelNames, names: SchemaNames, inflection: Inflection): TypeDef[] {
  const defs: TypeDef[] = [objectType(model, names), whereInput(model, inflection)];
  if (model.orderValues.size > 0) {
    defs.push(enumType(model.order, [...model.orderValues.keys()], `Sort orders of ${model.type} lists.`));
  }
  for (const [property, enumNames] of model.enums) {
    defs.push(
      enumType(enumNames.type, [...enumNames.values.values()], `Values of ${model.type}.${property}.`),
    );
    defs.push(filterInputSdl(enumNames.filter, enumNames.type, 'enum'));
  }
  if (hasIds(model)) {
    defs.push(
      block(
        'type',
        model.connectionType,
        [
          field('edges', `[${model.edgeType}!]!`),
          field('nodes', `[${model.type}!]!`, 'The rows of the page, without cursors.'),
          field('pageInfo', 'PageInfo!'),
          field('totalCount', 'Int!', 'How many rows match the where filter, over all pages.'),
        ],
        `A page of ${model.type} rows (Relay connection).`,
      ),
      block(
        'type',
        model.edgeType,
        [field('cursor', 'String!'), field('node', `${model.type}!`)],
        `A ${model.type} in a page, with its cursor.`,
      ),
    );
  }
  if (isWritable(model)) {
    defs.push(writeInput(model, model.createInput, createInputProperties(model), 'create'));
    const update = updateInputProperties(model);
    if (hasIds(model) && update.length > 0) defs.push(writeInput(model, model.updateInput, update, 'update'));
    const upsert = upsertInputProperties(model);
    if (hasIds(model) && upsert) defs.push(writeInput(model, model.upsertInput, upsert, 'upsert'));
  }
  return defs;
}

/** Query fields of one model, as SDL lines keyed by field name. */
export function modelQueryFields(model: ModelNames): TypeDef[] {
  const type = model.type;
  const fields: TypeDef[] = [
    {
      name: model.list,
      sdl: field(
        `${model.list}${listArguments(model)}`,
        `[${type}!]!`,
        `${type} rows matching \`where\`, sorted by \`order\`.`,
      ),
    },
    {
      name: model.count,
      sdl: field(`${model.count}(where: ${model.where})`, 'Int!', `How many ${type} rows match \`where\`.`),
    },
  ];
  if (hasIds(model)) {
    const order = model.orderValues.size > 0 ? `, order: [${model.order}!]` : '';
    fields.push(
      {
        name: model.single,
        sdl: field(`${model.single}(${idArguments(model)})`, type, `The ${type} with this id, or null.`),
      },
      {
        name: model.connectionField,
        sdl: field(
          `${model.connectionField}(first: Int, after: String, last: Int, before: String, where: ${model.where}${order})`,
          `${model.connectionType}!`,
          `${type} rows page by page (Relay cursor connection).`,
        ),
      },
    );
  }
  return fields;
}

/** Mutation fields of one model (none for views). */
export function modelMutationFields(model: ModelNames): TypeDef[] {
  if (!isWritable(model)) return [];
  const type = model.type;
  const fields: TypeDef[] = [
    {
      name: model.create,
      sdl: field(
        `${model.create}(data: ${model.createInput}!)`,
        `${type}!`,
        `Creates a ${type} (validated first).`,
      ),
    },
  ];
  if (!hasIds(model)) return fields;
  if (updateInputProperties(model).length > 0) {
    fields.push({
      name: model.update,
      sdl: field(
        `${model.update}(${idArguments(model)}, data: ${model.updateInput}!)`,
        `${type}!`,
        `Updates the ${type} with this id (validated first).`,
      ),
    });
  }
  const upsertInput = upsertInputProperties(model) ? model.upsertInput : model.createInput;
  fields.push(
    {
      name: model.upsert,
      sdl: field(
        `${model.upsert}(data: ${upsertInput}!)`,
        `${type}!`,
        `Creates the ${type}, or updates the one with the same id.`,
      ),
    },
    {
      name: model.delete,
      sdl: field(
        `${model.delete}(${idArguments(model)})`,
        type,
        `Deletes the ${type} with this id; returns it, or null when there was none.`,
      ),
    },
  );
  return fields;
}
