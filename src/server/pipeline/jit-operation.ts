/**
 * One operation compiled with graphql-jit, answering exactly as the reference executor would.
 *
 * Variables are coerced by the reference executor's own `getVariableValues`, not by graphql-jit:
 * its generated coercion code words errors differently, types them as its own class and —
 * measured here — unrolls recursive input types (every `where` has `and: [TrackWhere!]`) until
 * the stack overflows, which took 11 s for one `$where: TrackWhere`. So the operation is compiled
 * with every variable declared as a pass-through scalar, and runs on values already coerced
 * (defaults applied); a request whose variables do not coerce is answered by the reference
 * executor itself (same messages, same 400, coded BAD_USER_INPUT by operation-cache.ts), before
 * anything ran.
 *
 * A document with a field answered under the name `__proto__` is left to the reference executor:
 * graphql-jit writes answers as object literals, where `"__proto__": value` sets the prototype
 * instead of a property, and the field would silently vanish from the answer.
 *
 * graphql-jit reads a field without a resolver as a bare property (no promise awaited, no
 * function called, where every executor uses `defaultFieldResolver`). The generated schema is built
 * for that (src/graphql/schema/model-types.ts): a model row's plain property has no resolver (row
 * values are plain data, so the bare read answers as the default resolver would, and costs no
 * resolver call, info object or closures per row), and every other field whose value may be a
 * promise has one. Nothing here changes the schema.
 */
import { getVariableValues } from '@graphql-tools/executor';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLScalarType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { standardJitResult } from './jit-result.js';
import type { OperationRunner } from './operation-cache.js';

/** The type every variable is declared with in the compiled copy: values arrive already coerced. */
const COERCED = new GraphQLScalarType({
  name: 'DiscographCoercedVariable',
  description: 'A variable value already coerced by the reference executor (internal to graphql-jit).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

const jitSchemas = new WeakMap<GraphQLSchema, GraphQLSchema | null>();

/**
 * The schema graphql-jit compiles against: the same schema object seen through a prototype link,
 * with `COERCED` added to its type lookup — no copy of the type map, and no field thunk forced.
 */
function jitSchemaOf(schema: GraphQLSchema): GraphQLSchema | null {
  let jitSchema = jitSchemas.get(schema);
  if (jitSchema !== undefined) return jitSchema;
  if (schema.getType(COERCED.name)) {
    jitSchema = null;
  } else {
    const view = Object.create(schema) as GraphQLSchema;
    view.getType = (name: string) => (name === COERCED.name ? COERCED : schema.getType(name));
    jitSchema = view;
  }
  jitSchemas.set(schema, jitSchema);
  return jitSchema;
}

function passThrough(definition: VariableDefinitionNode): VariableDefinitionNode {
  return {
    ...definition,
    type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: COERCED.name } },
    defaultValue: undefined,
  };
}

/** Whether the operation's root selects `__schema` or `__type` (fragments followed). */
function selectsIntrospection(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
  seen = new Set<string>(),
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__schema' || selection.name.value === '__type') return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (selectsIntrospection(document, selection.selectionSet, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
      );
      if (fragment && selectsIntrospection(document, fragment.selectionSet, seen)) return true;
    }
  }
  return false;
}

/** Whether any field of the document is answered under the name `__proto__` (alias or name). */
function answersProto(document: DocumentNode): boolean {
  const body = document.loc?.source.body;
  // Only a document whose text names `__proto__` at all is walked.
  if (body !== undefined && !body.includes('__proto__')) return false;
  let found = false;
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (found) return;
      if (selection.kind === Kind.FIELD) {
        if ((selection.alias ?? selection.name).value === '__proto__') found = true;
        else if (selection.selectionSet) visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      visit(definition.selectionSet);
    }
  }
  return found;
}

function isPromiseLike(value: unknown): value is PromiseLike<ExecutionResult> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Compiles `operation` of `document` with graphql-jit; undefined when graphql-jit cannot compile
 * it, or when it introspects (the compiled copy's schema has one type more), and the caller runs
 * it with the reference executor.
 */
export function compileJitOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  reference: OperationRunner,
): OperationRunner | undefined {
  const jitSchema = jitSchemaOf(schema);
  if (!jitSchema || selectsIntrospection(document, operation.selectionSet) || answersProto(document)) {
    return undefined;
  }
  const definitions = operation.variableDefinitions ?? [];
  const compiledDocument: DocumentNode = {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition === operation
        ? { ...operation, variableDefinitions: definitions.map(passThrough) }
        : definition,
    ),
  };
  const compiled = compileQuery(jitSchema, compiledDocument, operation.name?.value);
  if (!isCompiledQuery(compiled)) return undefined;
  const finish = (result: ExecutionResult | PromiseLike<ExecutionResult>) =>
    isPromiseLike(result)
      ? Promise.resolve(result).then((settled) => standardJitResult(settled, document))
      : standardJitResult(result, document);
  if (definitions.length === 0) {
    return (contextValue) => finish(compiled.query(undefined, contextValue, {}));
  }
  return (contextValue, variables) => {
    const coerced = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 50 });
    if (coerced.errors) return reference(contextValue, variables);
    return finish(compiled.query(undefined, contextValue, coerced.coerced));
  };
}
