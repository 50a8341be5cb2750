/**
 * One model's named types, built as graphql-js objects: its object type (properties and
 * relation fields), where input, order enum, property enums with their operator inputs, Relay
 * connection and edge types, and write inputs. Fields (and the lists of properties and enum
 * values they come from) are thunks resolved when graphql-js first asks for them; argument maps
 * are built once per model and shared by every field that takes them.
 */
import {
  defaultFieldResolver,
  GraphQLEnumType,
  type GraphQLEnumValueConfigMap,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { InvalidArgumentError } from '../../juggler/errors.js';
import type { ResolvedRelation } from '../../juggler/model-types.js';
import { filterScalarOf, isListProperty, namedTypeOf } from '../field-types.js';
import { type Inflection, withArticle } from '../inflection.js';
import type { GraphQLPropertySource } from '../model-source.js';
import {
  createInputProperties,
  hasCreate,
  hasIds,
  hasUpdate,
  hasUpsert,
  hasUpsertInput,
  isWritable,
  updateInputProperties,
  upsertInputProperties,
} from '../model-type-defs.js';
import type { Resolver } from '../resolvers/resolver-env.js';
import type { ModelNames, SchemaNames } from '../schema-names.js';
import { DeferredInputObjectType, DeferredObjectType } from './deferred-types.js';
import {
  addEmbeddedInputs,
  addEmbeddedTypes,
  embeddedInputType,
  embeddedOutputType,
} from './embedded-types.js';
import { assertEnumValueResolvers, assertFieldResolvers } from './resolver-check.js';
import { filterInputType } from './shared-types.js';
import { inputValue, NO_EXTENSIONS, type TypeRegistry } from './type-registry.js';

/** Field name → resolver, for one type. */
export type FieldResolverMap = Readonly<Record<string, Resolver>>;

/**
 * The field resolvers of one type: the map, or a function that makes it when graphql-js first
 * defines the type's fields (a 1,000-table schema need not create 30,000 resolver closures before
 * its first answer, for types most requests never touch).
 */
export type FieldResolvers = FieldResolverMap | (() => FieldResolverMap);

/** Resolvers to attach while building: field resolvers and enum internal values, by type name. */
export interface SchemaResolvers {
  /** Type name → field name → resolver (fields without one use graphql-js's default resolver). */
  fields?: Readonly<Record<string, FieldResolvers>>;
  /** Enum type name → value name → internal value (values without one stand for their name). */
  enumValues?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const NO_RESOLVERS: FieldResolverMap = Object.freeze({});

/** The config of an enum value that stands for its own name (shared: graphql-js only reads it). */
const ENUM_VALUE = Object.freeze({ extensions: NO_EXTENSIONS });

/**
 * Whether the installed graphql-js takes an enum's values as a thunk, resolved when first asked
 * for (as it does with fields). Order enums hold two values per sortable column, 20,000 on a
 * 1,000-table schema, which a start does not need; a graphql-js without thunks gets them at once.
 */
const ENUM_VALUE_THUNKS = (() => {
  try {
    const probe = new GraphQLEnumType({ name: 'Probe', values: () => ({ A: ENUM_VALUE }) });
    return probe.getValues().length === 1;
  } catch {
    return false;
  }
})();

/**
 * The error for two fields (or arguments) of one type with the same name, which a GraphQL type
 * cannot have: a column named `and` in a where input, an id column named `data` in an update.
 */
export function duplicateName(
  typeName: string,
  kind: 'field' | 'argument',
  name: string,
): InvalidArgumentError {
  return new InvalidArgumentError(
    `The GraphQL schema would give ${typeName} two ${kind}s named \`${name}\`; rename the column in the configuration or override the inflection`,
    { type: typeName, [kind]: name },
  );
}

/**
 * A generated object type: its fields are built when graphql-js first asks for them (with the
 * resolvers given for it, made then if they are given as a function), and the resolvers are
 * checked against them then.
 */
export function generatedObjectType(
  name: string,
  description: string | undefined,
  resolvers: FieldResolvers,
  buildFields: (resolvers: FieldResolverMap) => GraphQLFieldConfigMap<unknown, unknown>,
): DeferredObjectType {
  return new DeferredObjectType({
    name,
    description,
    extensions: NO_EXTENSIONS,
    fields: () => {
      const map = typeof resolvers === 'function' ? resolvers() : resolvers;
      const fields = buildFields(map);
      assertFieldResolvers(name, fields, map);
      return fields;
    },
  });
}

/** A field config with only the parts that are set. */
export function fieldConfig(
  type: GraphQLOutputType,
  description?: string,
  resolve?: Resolver,
  args?: GraphQLFieldConfigArgumentMap,
): GraphQLFieldConfig<unknown, unknown> {
  const config: GraphQLFieldConfig<unknown, unknown> = { type, extensions: NO_EXTENSIONS };
  if (description) config.description = description;
  if (args) config.args = args;
  if (resolve) config.resolve = resolve;
  return config;
}

function relationDescription(type: string, target: string): string {
  switch (type) {
    case 'belongsTo':
      return `The ${target} this row references.`;
    case 'hasOne':
      return `The ${target} referencing this row.`;
    case 'hasManyThrough':
      return `The ${target} rows linked to this row through a join table.`;
    case 'referencesMany':
      return `The ${target} rows whose keys this row holds in a list, in its order.`;
    default:
      return `The ${target} rows referencing this row.`;
  }
}

/**
 * Whether every row has a related row: a belongsTo that a database foreign key enforces
 * (`enforced`, recorded by discovery), without scope, whose key properties are all NOT NULL. Its
 * field is non-null (`artist: Artist!`); a nullable key, a hand-written relation (no constraint
 * guarantees the row), a hasOne or a scoped relation may find none.
 */
export function alwaysReferences(relation: ResolvedRelation, model: ModelNames): boolean {
  if (relation.type !== 'belongsTo' || !relation.enforced || relation.scope !== undefined) return false;
  if (relation.keyFrom.length === 0) return false;
  const { properties } = model.source;
  return relation.keyFrom.every((key) => {
    const property = properties.find((candidate) => candidate.name === key);
    return property !== undefined && !property.nullable;
  });
}

type WriteMode = 'create' | 'update' | 'upsert';

/** The properties a write input carries (made when its fields are first defined). */
type PropertiesOf = (model: ModelNames) => readonly GraphQLPropertySource[];

/** The properties of a model's upsert input (asked for only when it has one). */
function upsertProperties(model: ModelNames): readonly GraphQLPropertySource[] {
  return upsertInputProperties(model) ?? [];
}

const WRITE_DESCRIPTIONS: Record<WriteMode, (type: string) => string> = {
  create: (type) => `A new ${type}. Required fields are those the database needs (NOT NULL without default).`,
  update: (type) => `Changes to ${withArticle(type)}: only the fields given are written.`,
  upsert: (type) => `${withArticle(type, true)} to create or, when one with the same id exists, to update.`,
};

/** Builds the named types of models into one registry, sharing argument maps between fields. */
export class ModelTypeFactory {
  private readonly listArgs = new Map<ModelNames, GraphQLFieldConfigArgumentMap>();
  private readonly idArgs = new Map<ModelNames, GraphQLFieldConfigArgumentMap>();
  private readonly rowLists = new Map<ModelNames, GraphQLOutputType>();
  private readonly scalarFilters = new Map<string, GraphQLInputType>();

  constructor(
    readonly registry: TypeRegistry,
    readonly names: SchemaNames,
    readonly inflection: Inflection,
    readonly resolvers: SchemaResolvers = {},
  ) {}

  /** The field resolvers given for `typeName`, or the function making them (none: an empty map). */
  resolversOf(typeName: string): FieldResolvers {
    return this.resolvers.fields?.[typeName] ?? NO_RESOLVERS;
  }

  /** The output type of a property: `Int!`, `String`, `[String]`, `TrackMood!`. */
  outputType(property: GraphQLPropertySource, model: ModelNames): GraphQLOutputType {
    const embedded = model.embedded.get(property.name);
    if (embedded) return embeddedOutputType(this.registry, property, embedded);
    return this.registry.wrapped(
      namedTypeOf(property, model),
      isListProperty(property),
      !property.nullable,
      'output',
    );
  }

  /**
   * The input type of a property (GeoPoint becomes GeoPointInput, embedded documents their
   * embedded type's input); `required` makes it non-null.
   */
  inputType(property: GraphQLPropertySource, model: ModelNames, required: boolean): GraphQLInputType {
    const embedded = model.embedded.get(property.name);
    if (embedded) return embeddedInputType(this.registry, property, embedded, required);
    const named = namedTypeOf(property, model);
    return this.registry.wrapped(
      named === 'GeoPoint' ? 'GeoPointInput' : named,
      isListProperty(property),
      required,
      'input',
    );
  }

  /** The where operator input of a property (`StringFilter`, `TrackMoodFilter`), or undefined. */
  filterType(property: GraphQLPropertySource, model: ModelNames): GraphQLInputType | undefined {
    const embedded = model.embedded.get(property.name);
    if (embedded) return this.registry.input(embedded.where);
    if (property.graphqlType || property.typeName === 'Array') return undefined;
    const enumNames = property.enumValues ? model.enums.get(property.name) : undefined;
    if (enumNames) return this.registry.input(enumNames.filter);
    const scalar = filterScalarOf(property, model);
    if (scalar === undefined) return undefined;
    let filter = this.scalarFilters.get(scalar);
    if (!filter) {
      filter = this.registry.input(this.inflection.filterType(scalar));
      this.scalarFilters.set(scalar, filter);
    }
    return filter;
  }

  /** `[Track!]!`: the rows of `model` as a list field returns them. */
  rowList(model: ModelNames): GraphQLOutputType {
    let type = this.rowLists.get(model);
    if (!type) {
      type = this.registry.output(`[${model.type}!]!`);
      this.rowLists.set(model, type);
    }
    return type;
  }

  /** `(where: TrackWhere, order: [TrackOrder!], limit: Int, skip: Int)` of lists of `model`. */
  listArguments(model: ModelNames): GraphQLFieldConfigArgumentMap {
    let args = this.listArgs.get(model);
    if (!args) {
      args = { where: inputValue(this.registry.input(model.where)) };
      if (model.hasOrderValues) args.order = inputValue(this.registry.input(`[${model.order}!]`));
      args.limit = inputValue(this.registry.input('Int'));
      args.skip = inputValue(this.registry.input('Int'));
      this.listArgs.set(model, args);
    }
    return args;
  }

  /** `(trackId: Int!)`: every id property of `model`. */
  idArguments(model: ModelNames): GraphQLFieldConfigArgumentMap {
    let args = this.idArgs.get(model);
    if (!args) {
      args = {};
      for (const name of model.source.idProperties) {
        const property = model.source.properties.find((candidate) => candidate.name === name);
        if (property) {
          args[model.fields.get(name) as string] = inputValue(this.inputType(property, model, true));
        }
      }
      this.idArgs.set(model, args);
    }
    return args;
  }

  /** Creates and registers every named type that belongs to `model`. */
  addModelTypes(model: ModelNames): void {
    const { registry } = this;
    registry.add(this.objectType(model));
    registry.add(this.whereInput(model));
    addEmbeddedTypes(registry, this.inflection, model.embedded, this.names, this.resolvers);
    if (model.hasOrderValues) {
      registry.add(
        this.enumType(
          model.order,
          () => [...model.orderValues.keys()],
          `Sort orders of ${model.type} lists.`,
        ),
      );
    }
    for (const enumNames of new Set(model.enums.values())) {
      // An enum shared by the columns of one database type is added once, with its first model.
      if (enumNames.declaredBy !== model.source.name) continue;
      registry.add(
        this.enumType(enumNames.type, () => [...enumNames.values.values()], enumNames.description),
      );
      registry.add(filterInputType(registry, enumNames.filter, enumNames.type, 'enum'));
    }
    if (hasIds(model)) {
      registry.add(this.connectionType(model));
      registry.add(this.edgeType(model));
    }
    if (isWritable(model)) {
      if (hasCreate(model) || hasUpdate(model) || hasUpsert(model))
        addEmbeddedInputs(registry, model.embedded);
      // The upsert takes the create input unless generated ids make them differ.
      if (hasCreate(model) || (hasUpsert(model) && !hasUpsertInput(model))) {
        registry.add(this.writeInput(model, model.createInput, createInputProperties, 'create'));
      }
      if (hasUpdate(model)) {
        if (this.hasIdField(model, 'data'))
          throw duplicateName(`Mutation.${model.update}`, 'argument', 'data');
        registry.add(this.writeInput(model, model.updateInput, updateInputProperties, 'update'));
      }
      if (hasUpsert(model) && hasUpsertInput(model)) {
        registry.add(this.writeInput(model, model.upsertInput, upsertProperties, 'upsert'));
      }
    }
    this.assertWhereFieldNames(model);
  }

  /** Whether an id argument of `model` (see `idArguments`) would be called `name`. */
  private hasIdField(model: ModelNames, name: string): boolean {
    // Field names are claimed for every property, so a field name means the property exists.
    return model.source.idProperties.some((id) => model.fields.get(id) === name);
  }

  /**
   * Throws when a filterable property would be named like the where input's `and` or `or`; checked
   * when the types are created, since their fields are built only when first asked for.
   */
  private assertWhereFieldNames(model: ModelNames): void {
    const { properties } = model.source;
    // Indexed: a `for...of` allocates a result object per step until the code is optimised.
    for (let index = 0; index < properties.length; index += 1) {
      const property = properties[index] as GraphQLPropertySource;
      const name = model.fields.get(property.name);
      if ((name === 'and' || name === 'or') && this.filterType(property, model)) {
        throw duplicateName(model.where, 'field', name);
      }
    }
  }

  private objectType(model: ModelNames): DeferredObjectType {
    const { registry, names } = this;
    const given = this.resolversOf(model.type);
    return generatedObjectType(model.type, model.source.description || undefined, given, (resolvers) => {
      const fields: GraphQLFieldConfigMap<unknown, unknown> = Object.create(null);
      for (const property of model.source.properties) {
        const name = model.fields.get(property.name) as string;
        fields[name] = fieldConfig(this.outputType(property, model), property.description, resolvers[name]);
      }
      for (const relation of model.source.relations) {
        const target = names.models.get(relation.modelTo);
        if (!target) continue;
        const name = model.relationFields.get(relation.name) as string;
        const description = relation.description ?? relationDescription(relation.type, relation.modelTo);
        fields[name] = relation.multiple
          ? fieldConfig(this.rowList(target), description, resolvers[name], this.listArguments(target))
          : fieldConfig(
              registry.output(alwaysReferences(relation, model) ? `${target.type}!` : target.type),
              description,
              resolvers[name],
            );
      }
      return fields;
    });
  }

  private whereInput(model: ModelNames): DeferredInputObjectType {
    const { registry } = this;
    return new DeferredInputObjectType({
      name: model.where,
      description: `Conditions on ${model.type} rows; all fields given must hold.`,
      extensions: NO_EXTENSIONS,
      fields: () => {
        const list = registry.input(`[${model.where}!]`);
        const fields: GraphQLInputFieldConfigMap = Object.create(null);
        fields.and = inputValue(list, 'All of these conditions hold.');
        fields.or = inputValue(list, 'At least one of these conditions holds.');
        for (const property of model.source.properties) {
          const filter = this.filterType(property, model);
          if (!filter) continue;
          fields[model.fields.get(property.name) as string] = inputValue(filter, property.description);
        }
        return fields;
      },
    });
  }

  /** An enum whose value names are listed when graphql-js first asks for its values. */
  private enumType(name: string, valueNamesOf: () => string[], description: string): GraphQLEnumType {
    const internal = this.resolvers.enumValues?.[name];
    const values = (): GraphQLEnumValueConfigMap => {
      const valueNames = valueNamesOf();
      assertEnumValueResolvers(name, valueNames, internal);
      const map: GraphQLEnumValueConfigMap = Object.create(null);
      for (const value of valueNames) {
        map[value] =
          internal && Object.hasOwn(internal, value)
            ? { value: internal[value], extensions: NO_EXTENSIONS }
            : ENUM_VALUE;
      }
      return map;
    };
    return new GraphQLEnumType({
      name,
      description,
      values: ENUM_VALUE_THUNKS ? values : values(),
      extensions: NO_EXTENSIONS,
    });
  }

  /**
   * The Relay connection type of a model. Its fields and its edges' fields read their values with
   * graphql-js's default resolver, set explicitly: `totalCount` may be a promise, which graphql-jit
   * would not await when reading a field without a resolver.
   */
  private connectionType(model: ModelNames): DeferredObjectType {
    const { registry } = this;
    return generatedObjectType(
      model.connectionType,
      `A page of ${model.type} rows (Relay connection).`,
      this.resolversOf(model.connectionType),
      (resolvers) => ({
        edges: fieldConfig(
          registry.output(`[${model.edgeType}!]!`),
          undefined,
          resolvers.edges ?? defaultFieldResolver,
        ),
        nodes: fieldConfig(
          registry.output(`[${model.type}!]!`),
          'The rows of the page, without cursors.',
          resolvers.nodes ?? defaultFieldResolver,
        ),
        pageInfo: fieldConfig(
          registry.output('PageInfo!'),
          undefined,
          resolvers.pageInfo ?? defaultFieldResolver,
        ),
        totalCount: fieldConfig(
          registry.output('Int!'),
          'How many rows match the where filter, over all pages.',
          resolvers.totalCount ?? defaultFieldResolver,
        ),
      }),
    );
  }

  private edgeType(model: ModelNames): DeferredObjectType {
    const { registry } = this;
    return generatedObjectType(
      model.edgeType,
      `${withArticle(model.type, true)} in a page, with its cursor.`,
      this.resolversOf(model.edgeType),
      (resolvers) => ({
        cursor: fieldConfig(registry.output('String!'), undefined, resolvers.cursor ?? defaultFieldResolver),
        node: fieldConfig(
          registry.output(`${model.type}!`),
          undefined,
          resolvers.node ?? defaultFieldResolver,
        ),
      }),
    );
  }

  private writeInput(
    model: ModelNames,
    name: string,
    propertiesOf: PropertiesOf,
    mode: WriteMode,
  ): DeferredInputObjectType {
    return new DeferredInputObjectType({
      name,
      description: WRITE_DESCRIPTIONS[mode](model.type),
      extensions: NO_EXTENSIONS,
      fields: () => {
        const fields: GraphQLInputFieldConfigMap = Object.create(null);
        for (const property of propertiesOf(model)) {
          const required = mode === 'create' && property.required;
          fields[model.fields.get(property.name) as string] = inputValue(
            this.inputType(property, model, required),
            property.description,
          );
        }
        return fields;
      },
    });
  }
}
