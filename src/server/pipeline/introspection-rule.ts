/**
 * The validation rule of production mode: a document selecting `__schema` or `__type` anywhere
 * is refused before it runs, with the code `INTROSPECTION_DISABLED`. `__typename` stays allowed
 * (clients need it to tell union and interface members apart). As a validation rule it runs once
 * per document (the operation cache keeps the outcome), never per request.
 */
import {
  type ASTVisitor,
  type FieldNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type ValidationContext,
} from 'graphql';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Refuses introspection fields (`__schema`, `__type`) with `INTROSPECTION_DISABLED`. */
export function NoIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node: FieldNode) {
      if (!INTROSPECTION_FIELDS.has(node.name.value)) return;
      context.reportError(
        new GraphQLError(
          `Introspection is disabled on this server: \`${node.name.value}\` cannot be queried (set introspection: true to allow it)`,
          { nodes: node, extensions: { code: 'INTROSPECTION_DISABLED', field: node.name.value } },
        ),
      );
    },
  };
}

/**
 * Whether `operation` selects only meta fields at its root (`__schema`, `__type`, `__typename`),
 * so that answering it reads no database (GraphiQL's schema fetch, say). Fragments at the root
 * count as reading.
 */
export function selectsOnlyMetaFields(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'),
  );
}
