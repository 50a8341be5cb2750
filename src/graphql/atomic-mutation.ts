/**
 * All-or-nothing mutations: `mutation M @atomic { … }` runs every mutation field of the operation
 * in one database transaction, committed when all of them succeeded and rolled back on the first
 * error (the fields after it are not run). Without `@atomic`, each mutation field is its own unit:
 * one that fails answers null with its error, and the others keep their results.
 *
 * The directive is declared in the schema (so it is introspectable, validated — it is refused on a
 * query — and part of the document a trusted-document hash covers); the server's request pipeline
 * gives the operation one transaction, and the mutation resolvers stop after the first failure
 * (`atomicMutationResolver`).
 *
 * @example
 * mutation Transfer @atomic {
 *   debit: updateAccount(id: 1, data: { balance: 90 }) { id balance }
 *   credit: updateAccount(id: 2, data: { balance: 110 }) { id balance }
 * }
 * # credit fails → debit: null with ROLLED_BACK, credit: null with its own error; nothing written.
 */
import { DirectiveLocation, GraphQLDirective, type OperationDefinitionNode } from 'graphql';
import { requestSessionOf } from '../juggler/connector/request-session.js';
import { toGraphQLError } from './errors.js';
import { optionsOf, type Resolver } from './resolvers/resolver-env.js';

/** The name of the directive (`@atomic`). */
export const ATOMIC_DIRECTIVE_NAME = 'atomic';

/** `directive @atomic on MUTATION`. */
export const GraphQLAtomicDirective = new GraphQLDirective({
  name: ATOMIC_DIRECTIVE_NAME,
  description:
    'Runs the mutation all or nothing: its fields share one transaction, committed only if all of them succeed. On the first error the transaction is rolled back, the fields after it do not run, and every other field answers null with a ROLLED_BACK error.',
  locations: [DirectiveLocation.MUTATION],
});

/** Whether `operation` is a mutation marked `@atomic`. */
export function isAtomicOperation(operation: OperationDefinitionNode): boolean {
  return (
    operation.operation === 'mutation' &&
    operation.directives?.some((directive) => directive.name.value === ATOMIC_DIRECTIVE_NAME) === true
  );
}

/**
 * Wraps a root mutation resolver for atomic requests (their database session is atomic): it does
 * not run once an earlier field failed (ROLLED_BACK, not run), and records its own failure so the
 * fields after it do not run either. Any other request runs the resolver as it is.
 */
export function atomicMutationResolver(resolver: Resolver): Resolver {
  return (parent, args, context, info) => {
    const session = requestSessionOf({ options: optionsOf(context) });
    if (session === undefined || !session.atomic) return resolver(parent, args, context, info);
    try {
      session.assertNotFailed();
    } catch (error) {
      return Promise.reject(toGraphQLError(error));
    }
    const field = String(info.path.key);
    return Promise.resolve(resolver(parent, args, context, info)).catch((error: unknown) => {
      session.markFailed(field);
      throw error;
    });
  };
}
