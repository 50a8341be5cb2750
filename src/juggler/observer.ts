/**
 * LoopBack's ObserverMixin: operation hooks registered with `Model.observe(operation, listener)`
 * and run in series by `notifyObserversOf`. Each model class keeps its own listeners; a model
 * built from a base (`Model.extend`, `settings.base`) runs its base's listeners first, then its
 * own, at notification time, so a listener added to the base later applies to the subclass too,
 * and one added to the subclass never reaches the base.
 *
 * The DAO asks `hasObservers` before it builds a context: with no listener registered anywhere,
 * that is one comparison, and a read allocates nothing for hooks.
 *
 * @example
 * Track.observe('access', async (ctx) => {
 *   ctx.query.where.ownerId = ctx.options.callerId;
 * });
 * await Track.find({where: {name: 'x'}}, {callerId: 7}); // reads name = 'x' AND owner_id = 7
 */
import type { ObserverNext, OperationObserver } from './model-types.js';

/** A model class as the observer registry sees it: any class (listeners are keyed by identity). */
type ObservedClass = object;

const listenersOf = new WeakMap<ObservedClass, Map<string, OperationObserver<never>[]>>();

/** How many listeners are registered on all classes: 0 lets `hasObservers` answer at once. */
let registered = 0;

/** Registers `listener` for `operation` on `Model` (after the ones registered before it). */
export function observe(Model: ObservedClass, operation: string, listener: OperationObserver<never>): void {
  let byOperation = listenersOf.get(Model);
  if (!byOperation) {
    byOperation = new Map();
    listenersOf.set(Model, byOperation);
  }
  const list = byOperation.get(operation);
  if (list) list.push(listener);
  else byOperation.set(operation, [listener]);
  registered++;
}

/** Unregisters one registration of `listener` for `operation` on `Model` itself (not on its bases). */
export function removeObserver(
  Model: ObservedClass,
  operation: string,
  listener: OperationObserver<never>,
): OperationObserver<never>[] | undefined {
  const list = listenersOf.get(Model)?.get(operation);
  const index = list ? list.indexOf(listener) : -1;
  if (!list || index === -1) return undefined;
  registered--;
  return list.splice(index, 1);
}

/** Unregisters every listener for `operation` on `Model` itself (not on its bases). */
export function clearObservers(Model: ObservedClass, operation: string): void {
  const list = listenersOf.get(Model)?.get(operation);
  if (!list) return;
  registered -= list.length;
  list.length = 0;
}

/** The class a model class extends, or undefined past the root. */
function baseOf(Model: ObservedClass): ObservedClass | undefined {
  const base = Object.getPrototypeOf(Model) as ObservedClass | null;
  return base === null || base === Function.prototype ? undefined : base;
}

/** Whether any model class has a listener (false: no operation of any model runs a hook). */
export function anyObservers(): boolean {
  return registered > 0;
}

/** Whether `Model` or one of its bases has a listener for `operation`. */
export function hasObservers(Model: ObservedClass, operation: string): boolean {
  if (registered === 0) return false;
  for (let current: ObservedClass | undefined = Model; current; current = baseOf(current)) {
    const list = listenersOf.get(current)?.get(operation);
    if (list !== undefined && list.length > 0) return true;
  }
  return false;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Runs one listener; resolves when it is done (see `OperationObserver`), rejects with its error. */
function runListener(listener: OperationObserver<unknown>, context: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const next: ObserverNext = (err) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    let returned: unknown;
    try {
      returned = listener(context, next);
    } catch (error) {
      next(error ?? new Error('An operation hook listener threw'));
      return;
    }
    if (isThenable(returned)) {
      returned.then(
        () => next(),
        (error: unknown) => next(error ?? new Error('An operation hook listener rejected')),
      );
    } else if (listener.length < 2) {
      next();
    }
  });
}

/** `Model` and its bases, the root first: the order their listeners run in. */
function lineage(Model: ObservedClass): ObservedClass[] {
  const chain: ObservedClass[] = [];
  for (let current: ObservedClass | undefined = Model; current; current = baseOf(current)) {
    if (listenersOf.has(current)) chain.push(current);
  }
  return chain.reverse();
}

/**
 * Runs the listeners of `operation` (or of each operation of a list, in turn) in series: the
 * bases' first, then `Model`'s, each in registration order. Resolves to `context` (as listeners
 * left it); rejects with the first error, and the listeners after it do not run.
 */
export async function notifyObserversOf<C>(
  Model: ObservedClass,
  operation: string | readonly string[],
  context: C,
): Promise<C> {
  if (typeof operation !== 'string') {
    for (const name of operation) await notifyObserversOf(Model, name, context);
    return context;
  }
  if (!hasObservers(Model, operation)) return context;
  for (const owner of lineage(Model)) {
    const list = listenersOf.get(owner)?.get(operation);
    if (!list || list.length === 0) continue;
    // A listener may remove itself (or others) while the operation runs: iterate a copy.
    for (const listener of [...list]) await runListener(listener as OperationObserver<unknown>, context);
  }
  return context;
}

/** Listeners registered as sending no write (`readOnlyListener`). */
const readOnlyListeners = new WeakSet<object>();

/**
 * Marks `listener` as one that sends no write (it may read, or change the context): a write whose
 * only listeners before it are such stays the one statement that writes (see `runAtomically`).
 */
export function readOnlyListener<L extends OperationObserver<never>>(listener: L): L {
  readOnlyListeners.add(listener);
  return listener;
}

/** Whether `Model` or one of its bases has a listener for `operation` not marked `readOnlyListener`. */
export function hasWritingObservers(Model: ObservedClass, operation: string): boolean {
  if (registered === 0) return false;
  for (let current: ObservedClass | undefined = Model; current; current = baseOf(current)) {
    const list = listenersOf.get(current)?.get(operation);
    if (list?.some((listener) => !readOnlyListeners.has(listener))) return true;
  }
  return false;
}
