/**
 * The one place that turns the juggler's Promise APIs into the spec's callback forms: when the
 * last argument of a call is a function, it is a node-style callback `(err, result)` and the call
 * returns undefined; otherwise the call returns the Promise. Callbacks run on a fresh tick, so an
 * exception thrown inside one never turns into a rejection or a second callback. An operation with
 * no result (`automigrate`, `autoupdate`, `disconnect`, `destroy`...) calls back with the error
 * argument only, `cb(null)` (LoopBack: `cb()`/`cb(err)`), so `async.waterfall`-style callers,
 * which pass every argument after the error to the next step, see no extra `undefined`.
 */

/** A node-style callback: `(err)` on failure, `(null, result)` on success, `(null)` when there is no result. */
export type NodeCallback<T> = (err: unknown, result?: T) => void;

/** The two call forms of a callbackified function. */
export interface CallbackifiedFunction<This, A extends unknown[], R> {
  (this: This, ...args: A): Promise<R>;
  (this: This, ...args: [...Partial<A>, NodeCallback<R>]): undefined;
  (this: This, ...args: unknown[]): Promise<R> | undefined;
}

/** Whether a value can be a callback. */
export function isCallback(value: unknown): value is NodeCallback<unknown> {
  return typeof value === 'function';
}

/**
 * Settles `callback` from `promise` when a callback is given (and returns undefined); returns the
 * promise otherwise.
 *
 * @example
 * find(filter, cb) { return withCallback(this.findAsync(filter), cb); }
 */
export function withCallback<T>(promise: Promise<T>, callback: NodeCallback<T>): undefined;
export function withCallback<T>(promise: Promise<T>, callback?: undefined): Promise<T>;
export function withCallback<T>(promise: Promise<T>, callback?: NodeCallback<T>): Promise<T> | undefined;
export function withCallback<T>(promise: Promise<T>, callback?: NodeCallback<T>): Promise<T> | undefined {
  if (!callback) return promise;
  promise.then(
    (result) => {
      if (result === undefined) process.nextTick(callback, null);
      else process.nextTick(callback, null, result);
    },
    (error: unknown) => process.nextTick(callback, error),
  );
  return undefined;
}

/**
 * Splits a trailing callback from call arguments.
 *
 * @example
 * splitCallback([{where: {}}, cb]) // {args: [{where: {}}], callback: cb}
 */
export function splitCallback<T = unknown>(
  args: readonly unknown[],
): { args: unknown[]; callback?: NodeCallback<T> } {
  const last = args[args.length - 1];
  if (args.length > 0 && isCallback(last)) {
    return { args: args.slice(0, -1), callback: last as NodeCallback<T> };
  }
  return { args: [...args] };
}

/**
 * Wraps a Promise-returning function so that it also accepts a trailing node-style callback, in
 * any position after its own (optional) arguments: `find(cb)`, `find(filter, cb)`,
 * `find(filter, options, cb)` all work. `this` is passed through.
 *
 * @example
 * Model.find = callbackify(async function (this: ModelClass, filter?: Filter) { ... });
 * Model.find({where: {name: 'x'}}, (err, rows) => {}); // or: await Model.find({where: {name: 'x'}})
 */
export function callbackify<This, A extends unknown[], R>(
  fn: (this: This, ...args: A) => Promise<R>,
): CallbackifiedFunction<This, A, R> {
  const wrapped = function (this: This, ...all: unknown[]): Promise<R> | undefined {
    const { args, callback } = splitCallback<R>(all);
    let promise: Promise<R>;
    try {
      promise = fn.apply(this, args as A);
    } catch (error) {
      promise = Promise.reject(error);
    }
    return withCallback(promise, callback);
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped as CallbackifiedFunction<This, A, R>;
}
