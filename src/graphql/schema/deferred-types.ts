/**
 * Object and input types whose fields graphql-js defines when someone first asks for them (a
 * query touching the type, introspection, printing), not when the schema is assembled.
 *
 * `new GraphQLSchema` walks every field of every type to collect the named types they refer to,
 * which makes graphql-js define all of them up front: on a 1,000-table schema 28,000 fields and
 * 65,000 arguments, about a third of a second before the first answer, for types most requests
 * never touch. `assembleSchema` hands graphql-js the complete list of named types instead and
 * hides the fields of deferred types while it walks; afterwards `getFields()` behaves as
 * graphql-js's own (defined once, on first call, then kept).
 */
import {
  type GraphQLFieldMap,
  type GraphQLInputFieldMap,
  GraphQLInputObjectType,
  GraphQLObjectType,
  GraphQLSchema,
  type GraphQLSchemaConfig,
} from 'graphql';

/** How many schema assemblies are running (synchronous: 0 or 1, but nesting stays correct). */
let assembling = 0;

const NO_FIELDS = Object.freeze(Object.create(null));

/** An object type whose fields are not defined while a schema is assembled. */
export class DeferredObjectType<TSource = unknown, TContext = unknown> extends GraphQLObjectType<
  TSource,
  TContext
> {
  override getFields(): GraphQLFieldMap<TSource, TContext> {
    return assembling > 0 ? NO_FIELDS : super.getFields();
  }
}

/** An input object type whose fields are not defined while a schema is assembled. */
export class DeferredInputObjectType extends GraphQLInputObjectType {
  override getFields(): GraphQLInputFieldMap {
    return assembling > 0 ? NO_FIELDS : super.getFields();
  }
}

/**
 * `new GraphQLSchema(config)` without defining the fields of deferred types. `config.types` must
 * hold every named type the deferred types refer to (graphql-js cannot find them through fields
 * it does not see); types that are not deferred are walked as usual.
 */
export function assembleSchema(config: GraphQLSchemaConfig): GraphQLSchema {
  assembling += 1;
  try {
    return new GraphQLSchema(config);
  } finally {
    assembling -= 1;
  }
}
