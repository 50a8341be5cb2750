/**
 * Resolvers of the generated object types: relation fields through the request's DataLoaders,
 * fields whose GraphQL name differs from the property name, and the value maps of the enums
 * generated from database enums. A belongsTo field whose target the parent's read joined (see
 * plan/join-selection.ts) answers synchronously from the parent row: no promise, no loader call; so
 * does a hasMany list the parent's statement read with it (same arguments, by construction of the plan).
 */

import { GraphQLError } from 'graphql';
import type { ResolvedRelation } from '../../juggler/model-types.js';
import { guardResolver } from '../errors.js';
import { keyOf } from '../loaders.js';
import type { ModelRow } from '../model-class.js';
import type { GraphQLPropertySource } from '../model-source.js';
import type { RelationFieldPlan, SingleFieldPlan } from '../plan/field-plan.js';
import { isJoinable } from '../plan/join-selection.js';
import type { EmbeddedNames, ModelNames } from '../schema-names.js';
import {
  fieldOptionsOf,
  fieldPlanOf,
  type Resolver,
  type ResolverEnv,
  requestLoaders,
} from './resolver-env.js';

const NO_VALUES = Object.freeze({});

function relationResolver(env: ResolverEnv, relation: ResolvedRelation, names: ModelNames): Resolver {
  const load = guardResolver<Parameters<Resolver>, unknown>((parent, args, context, info) => {
    const key = keyOf(parent as ModelRow, relation.keyFrom);
    if (!key) return relation.multiple ? [] : null;
    const plan = fieldPlanOf(env, context, info) as RelationFieldPlan;
    if (plan.error) throw plan.error;
    const loaders = requestLoaders(context);
    const read = plan.read ?? loaders.dynamicRead(plan, args);
    const loader =
      loaders.existingLoader(read) ??
      loaders.loader(
        read,
        plan.read ? plan.bind(info.variableValues) : NO_VALUES,
        fieldOptionsOf(context, plan.path),
      );
    return loader.load(key);
  }, env.logger);
  // Only relations a read may join are looked up in the row (never a property's value).
  if (!isJoinable(relation, names)) return load;
  return (parent, args, context, info) => {
    const joined = (parent as ModelRow)[relation.name];
    return joined === undefined ? load(parent, args, context, info) : joined;
  };
}

/** Whether the property's field is `Float` or `[Float]` (a number that is not a recorded integer). */
function isFloatField(property: GraphQLPropertySource): boolean {
  if (property.graphqlType || property.integer) return false;
  return (
    property.typeName === 'Number' || (property.typeName === 'Array' && property.itemTypeName === 'Number')
  );
}

/** The text of a non-finite number as PostgreSQL writes it. */
function nonFiniteText(value: number): string {
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * The resolver of a Float field: GraphQL's Float has no NaN or ±Infinity (PostgreSQL's real and
 * double precision have), so such a value answers null with a NON_FINITE_FLOAT error whose
 * `value` is its exact text (`"NaN"`, `"Infinity"`, `"-Infinity"`), instead of graphql-js's
 * uncoded serialization error; every other value is the row's, untouched.
 */
function finiteFloat(property: string, field: string): Resolver {
  return (parent) => {
    const value = (parent as ModelRow)[property];
    const bad =
      typeof value === 'number'
        ? !Number.isFinite(value) && value
        : Array.isArray(value) && value.find((item) => typeof item === 'number' && !Number.isFinite(item));
    if (typeof bad !== 'number') return value;
    const text = nonFiniteText(bad);
    throw new GraphQLError(
      `\`${field}\` holds ${text}, which GraphQL's Float cannot carry; the field answers null (filter such rows out with \`lte\`/\`gte\` bounds, or read the column as text in a view)`,
      { extensions: { code: 'NON_FINITE_FLOAT', field, value: text } },
    );
  };
}

/**
 * Field resolvers of `names`' object type. A property field named as its property has none: rows
 * are plain data (driver values, nested joined rows), never functions or promises, so every
 * executor reads it as a bare property (graphql-jit inline, graphql-js through its default
 * resolver) — no resolver call, info object or closures per field and row. The schema builder
 * asks for them when graphql-js first defines the type's fields.
 */
export function typeResolvers(env: ResolverEnv, names: ModelNames): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  for (const [property, field] of names.fields) {
    if (property !== field) resolvers[field] = (parent) => (parent as ModelRow)[property];
  }
  for (const property of names.source.properties) {
    const field = names.fields.get(property.name);
    if (field !== undefined && isFloatField(property)) resolvers[field] = finiteFloat(property.name, field);
  }
  for (const relation of names.source.relations) {
    const field = names.relationFields.get(relation.name) as string;
    resolvers[field] = relationResolver(env, relation, names);
  }
  return resolvers;
}

/**
 * Field resolvers of an embedded type (`InvoiceLine`): each belongsTo to a model reads the target
 * by id through the request's loader of the field's plan (one read for every embedded document of
 * the level, as a by-id field's).
 */
export function embeddedTypeResolvers(env: ResolverEnv, names: EmbeddedNames): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  for (const relation of names.relations) {
    resolvers[names.relationFields.get(relation.name) as string] = guardResolver<
      Parameters<Resolver>,
      unknown
    >((parent, _args, context, info) => {
      const key = keyOf(parent as ModelRow, relation.keyFrom);
      if (!key) return null;
      const plan = fieldPlanOf(env, context, info) as SingleFieldPlan;
      const loader = requestLoaders(context).loader(plan.read, NO_VALUES, fieldOptionsOf(context, plan.path));
      return loader.load(key);
    }, env.logger);
  }
  return resolvers;
}

/** Internal values of the enums generated from `names`' enum properties: GraphQL value name → database value. */
export function enumResolvers(names: ModelNames): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const enumNames of names.enums.values()) {
    const values: Record<string, string> = {};
    for (const [value, name] of enumNames.values) values[name] = value;
    result[enumNames.type] = values;
  }
  return result;
}
