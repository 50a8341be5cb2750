/**
 * One unit of writes of a model run as one transaction: the DAO calls of a GraphQL mutation field
 * (its read of the row, its write, and whatever hooks read or write around it), committed when
 * they succeed and rolled back when any of them fails. The connector decides how
 * (`DataAccessConnector.runMutationField`); the model says whether its writes may send more than
 * the write itself, so that a unit whose write is its only write and its last statement (atomic by
 * itself) gets no BEGIN/COMMIT.
 *
 * @example
 * Note.observe('after save', (ctx) => Audit.create({ noteId: ctx.instance.id }, ctx.options));
 * await Note.runAtomically((options) => Note.create({ id: 1, title: 'x' }, options), { request });
 * // BEGIN; INSERT INTO note ...; INSERT INTO audit ...; COMMIT — or ROLLBACK when the audit fails
 */
import { HOOK_NAMES } from '../hooks.js';
import type { CallOptions } from '../model-types.js';
import { hasObservers, hasWritingObservers } from '../observer.js';
import { attached, type ModelClass } from './model-class.js';
import { callOptions } from './operation-hooks.js';

/** Operation hooks that run before a write: only a listener that may write adds statements that matter. */
const BEFORE_WRITE = ['access', 'before save', 'persist', 'before delete'] as const;

/** Operation hooks that run after a write: any listener may send a statement that fails after it. */
const AFTER_WRITE = ['loaded', 'after save', 'after delete'] as const;

/** Lifecycle hooks (`Model.afterSave = ...`) that run around a write. */
const LIFECYCLE_HOOKS = HOOK_NAMES.filter((name) => name !== 'afterInitialize');

/**
 * Whether a write of `Model` may send statements besides its own that a failure could leave half
 * done: a listener that may write runs before it, or any listener or lifecycle hook runs after it.
 */
export function sendsStatementsAroundWrites(Model: ModelClass): boolean {
  if (BEFORE_WRITE.some((operation) => hasWritingObservers(Model, operation))) return true;
  if (AFTER_WRITE.some((operation) => hasObservers(Model, operation))) return true;
  const statics = Model as unknown as Record<string, unknown>;
  return LIFECYCLE_HOOKS.some((name) => typeof statics[name] === 'function');
}

/**
 * Runs `work` (DAO calls given the options to pass on) as one transaction of the model's
 * connector (see the file comment); as it is on a connector that runs no transactions.
 */
export async function runAtomically<T>(
  Model: ModelClass,
  work: (options: CallOptions) => Promise<T>,
  options?: CallOptions,
): Promise<T> {
  const opts = callOptions(Model, options);
  const { connector } = await attached(Model);
  if (!connector.runMutationField) return work(opts);
  return connector.runMutationField(opts, sendsStatementsAroundWrites(Model), work);
}
