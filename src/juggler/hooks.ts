/**
 * LoopBack's Hookable: lifecycle hooks assigned as statics of a model class
 * (`User.beforeSave = function (next, data) { ...; next(); }`). A hook may take `next` and call
 * `next()` or `next(err)`, or return a Promise; a hook that declares no parameter and returns
 * nothing is done when it returns. An error from a before hook aborts the action before its work.
 */
import type { HookAction, HookName, ModelInstance } from './model-types.js';

/** The `next` callback a hook receives: call it once, with an error to abort. */
export type HookNext = (err?: unknown) => void;

/** A lifecycle hook: `this` is the instance; `data` is what the action writes (the instance on create, the changes on updateAttributes). */
export type HookFunction = (this: ModelInstance, next: HookNext, data?: unknown) => unknown;

/** Every hook name, in lifecycle order. */
export const HOOK_NAMES: readonly HookName[] = [
  'afterInitialize',
  'beforeValidate',
  'afterValidate',
  'beforeCreate',
  'afterCreate',
  'beforeSave',
  'afterSave',
  'beforeUpdate',
  'afterUpdate',
  'beforeDestroy',
  'afterDestroy',
];

/** The hook name for one side of an action: `hookNameFor('before', 'save')` is `'beforeSave'`. */
export function hookNameFor(when: 'before' | 'after', action: HookAction): HookName {
  return `${when}${action.charAt(0).toUpperCase()}${action.slice(1)}` as HookName;
}

/** The hook function a model class declares for a name, if any (inherited statics included). */
export function getHook(instance: ModelInstance, hookName: HookName): HookFunction | undefined {
  const hook = (instance.constructor as unknown as Record<string, unknown>)[hookName];
  return typeof hook === 'function' ? (hook as HookFunction) : undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs one hook in callback style: `done` is called once, synchronously when the hook finishes
 * synchronously (so that `isValid()` can still answer synchronously), with the hook's error if any.
 */
export function invokeHook(
  instance: ModelInstance,
  hookName: HookName,
  data: unknown,
  done: (err?: unknown) => void,
): void {
  const hook = getHook(instance, hookName);
  if (!hook) {
    done();
    return;
  }
  let settled = false;
  let doneFailed = false;
  const next: HookNext = (err) => {
    if (settled) return;
    settled = true;
    try {
      done(err || undefined);
    } catch (error) {
      doneFailed = true;
      throw error;
    }
  };
  let returned: unknown;
  try {
    returned = hook.call(instance, next, data);
  } catch (error) {
    // An exception from `done` (the caller's continuation) is the caller's: let it propagate.
    if (doneFailed) throw error;
    next(error);
    return;
  }
  if (isThenable(returned)) {
    returned.then(
      () => next(),
      (error: unknown) => next(error ?? new Error(`${hookName} hook rejected`)),
    );
  } else if (hook.length === 0) {
    next();
  }
}

/** Runs one hook of the instance's class; resolves when it calls `next()` or its Promise settles. */
export function runHook(instance: ModelInstance, hookName: HookName, data?: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    invokeHook(instance, hookName, data, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Runs `before<Action>`, then `work`, then `after<Action>`, and resolves to the work's result. An
 * error from the before hook rejects before the work runs; an error from the after hook rejects
 * after it ran.
 *
 * @example
 * await runHookedAction(user, 'save', () => connector.create(model, user.toObject(true)), data);
 */
export async function runHookedAction<T>(
  instance: ModelInstance,
  action: HookAction,
  work: () => Promise<T>,
  data?: unknown,
): Promise<T> {
  await runHook(instance, hookNameFor('before', action), data);
  const result = await work();
  await runHook(instance, hookNameFor('after', action), data);
  return result;
}

/** Calls the class's `afterInitialize` hook synchronously at the end of construction. */
export function runAfterInitialize(instance: ModelInstance): void {
  const hook = getHook(instance, 'afterInitialize');
  if (hook) hook.call(instance, () => {});
}
