/**
 * The types of embedded model types (document stores: the documents a property holds): an object
 * type each, whose fields are the embedded properties (scalars, or embedded types of their own),
 * and a where input filtering them, which `filter-arguments.ts` turns into dotted paths.
 *
 * @example
 * // Invoice.lines holding [{invoiceLineId, trackId, unitPrice, quantity}]:
 * // type InvoiceLine { invoiceLineId: Int!  quantity: Int!  trackId: String!  unitPrice: Decimal! }
 * // input InvoiceLineWhere { invoiceLineId: IntFilter  quantity: IntFilter  trackId: StringFilter  unitPrice: DecimalFilter }
 * // type Invoice { lines: [InvoiceLine!]! ... }   input InvoiceWhere { lines: InvoiceLineWhere ... }
 *
 * A writable model's embedded types also get a write input each (`InvoiceLineInput`), which its
 * create, update and upsert inputs take: a sub-document is always written whole (an update replaces
 * it, as LoopBack's MongoDB connector `$set`s it), so its required fields are required in each.
 */
import type {
  GraphQLFieldConfigMap,
  GraphQLInputFieldConfigMap,
  GraphQLInputType,
  GraphQLOutputType,
} from 'graphql';
import { embeddedFilterScalarOf, embeddedNamedTypeOf, isListProperty } from '../field-types.js';
import type { Inflection } from '../inflection.js';
import type { GraphQLPropertySource } from '../model-source.js';
import type { EmbeddedNames, SchemaNames } from '../schema-names.js';
import { DeferredInputObjectType, DeferredObjectType } from './deferred-types.js';
import type { SchemaResolvers } from './model-types.js';
import { inputValue, NO_EXTENSIONS, type TypeRegistry } from './type-registry.js';

/** The output type of a property holding embedded documents: `InvoiceLine` or `[InvoiceLine!]`, `!` unless nullable. */
export function embeddedOutputType(
  registry: TypeRegistry,
  property: GraphQLPropertySource,
  names: EmbeddedNames,
): GraphQLOutputType {
  const list = property.typeName === 'Array';
  const named = list ? `[${names.type}!]` : names.type;
  return registry.output(property.nullable ? named : `${named}!`);
}

function outputTypeOf(
  registry: TypeRegistry,
  property: GraphQLPropertySource,
  names: EmbeddedNames,
): GraphQLOutputType {
  const inner = names.embedded.get(property.name);
  if (inner) return embeddedOutputType(registry, property, inner);
  return registry.wrapped(
    embeddedNamedTypeOf(property),
    isListProperty(property),
    !property.nullable,
    'output',
  );
}

/** The scalars and filter scalars the properties of embedded types use (for the shared types). */
export function embeddedTypeUse(
  embedded: ReadonlyMap<string, EmbeddedNames>,
  namedTypes: Set<string>,
  filterScalars: Set<string>,
): void {
  for (const names of embedded.values()) {
    for (const property of names.properties) {
      if (names.embedded.has(property.name)) continue;
      namedTypes.add(embeddedNamedTypeOf(property));
      const scalar = embeddedFilterScalarOf(property);
      if (scalar !== undefined) filterScalars.add(scalar);
    }
    embeddedTypeUse(names.embedded, namedTypes, filterScalars);
  }
}

/**
 * Adds the object type and where input of every embedded type in `embedded` (and of those they
 * hold) to `registry`. A field named unlike its property reads the property; a belongsTo of the
 * embedded documents (`InvoiceLine.track`) is a field of the target's type, with the resolver
 * `resolvers` give for it.
 */
export function addEmbeddedTypes(
  registry: TypeRegistry,
  inflection: Inflection,
  embedded: ReadonlyMap<string, EmbeddedNames>,
  names: SchemaNames,
  resolvers: SchemaResolvers,
): void {
  for (const own of embedded.values()) {
    registry.add(
      new DeferredObjectType({
        name: own.type,
        description: `An embedded document of ${own.owner}.`,
        extensions: NO_EXTENSIONS,
        fields: () => {
          const fields: GraphQLFieldConfigMap<unknown, unknown> = Object.create(null);
          for (const property of own.properties) {
            const field = own.fields.get(property.name) as string;
            const config: GraphQLFieldConfigMap<unknown, unknown>[string] = {
              type: outputTypeOf(registry, property, own),
              extensions: NO_EXTENSIONS,
            };
            if (property.description) config.description = property.description;
            if (field !== property.name) {
              const key = property.name;
              config.resolve = (parent) => (parent as Record<string, unknown>)[key];
            }
            fields[field] = config;
          }
          // Relation fields read through the request's loaders (resolvers made by build-schema.ts).
          const given = resolvers.fields?.[own.type];
          const map = typeof given === 'function' ? given() : (given ?? {});
          for (const relation of own.relations) {
            const target = names.models.get(relation.modelTo);
            const field = own.relationFields.get(relation.name) as string;
            const resolve = map[field];
            if (!target) continue;
            fields[field] = {
              type: registry.output(target.type),
              description: `The ${relation.modelTo} this embedded document references.`,
              extensions: NO_EXTENSIONS,
              ...(resolve ? { resolve } : {}),
            };
          }
          return fields;
        },
      }),
    );
    registry.add(
      new DeferredInputObjectType({
        name: own.where,
        description: `Conditions on the embedded documents of ${own.owner} (for a list: some document matches each condition).`,
        extensions: NO_EXTENSIONS,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = Object.create(null);
          for (const property of own.properties) {
            const field = own.fields.get(property.name) as string;
            const inner = own.embedded.get(property.name);
            if (inner) {
              fields[field] = inputValue(registry.input(inner.where), property.description);
              continue;
            }
            const scalar = embeddedFilterScalarOf(property);
            if (scalar !== undefined)
              fields[field] = inputValue(registry.input(inflection.filterType(scalar)), property.description);
          }
          return fields;
        },
      }),
    );
    addEmbeddedTypes(registry, inflection, own.embedded, names, resolvers);
  }
}

/** The input type of a property holding embedded documents: `InvoiceLineInput` or `[InvoiceLineInput!]`, `!` when `required`. */
export function embeddedInputType(
  registry: TypeRegistry,
  property: GraphQLPropertySource,
  names: EmbeddedNames,
  required: boolean,
): GraphQLInputType {
  const named = property.typeName === 'Array' ? `[${names.input}!]` : names.input;
  return registry.input(required ? `${named}!` : named);
}

/**
 * Adds the write input of every embedded type in `embedded` (and of those they hold) to
 * `registry`: each field as its output field, required when every sampled document had it
 * (a sub-document is written whole: the same input serves creates and updates).
 */
export function addEmbeddedInputs(
  registry: TypeRegistry,
  embedded: ReadonlyMap<string, EmbeddedNames>,
): void {
  for (const own of embedded.values()) {
    registry.add(
      new DeferredInputObjectType({
        name: own.input,
        description: `An embedded document of ${own.owner}, written whole (an update replaces it). Required fields are those every sampled document has.`,
        extensions: NO_EXTENSIONS,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = Object.create(null);
          for (const property of own.properties) {
            const inner = own.embedded.get(property.name);
            const required = property.required === true;
            const type = inner
              ? embeddedInputType(registry, property, inner, required)
              : registry.wrapped(embeddedNamedTypeOf(property), isListProperty(property), required, 'input');
            fields[own.fields.get(property.name) as string] = inputValue(type, property.description);
          }
          return fields;
        },
      }),
    );
    addEmbeddedInputs(registry, own.embedded);
  }
}
