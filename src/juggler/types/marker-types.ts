/**
 * Marker types of LoopBack's `Types`: `Text` (a long String), `JSON` and `Any`. Property values of
 * these types are plain values (a string, any JSON value); the classes name the type in
 * definitions (`{body: Types.Text}`) and wrap a value when an object is wanted.
 */

/** A `Text` value: a wrapped long string. */
export interface Text {
  /** The wrapped string. */
  readonly value: string;
  toString(): string;
  toJSON(): string;
}

/** `Text` called with `new` wraps a string; called as a function it returns the value (LoopBack's `Types.Text`). */
export interface TextConstructor {
  new (value: unknown): Text;
  <T>(value: T): T;
  readonly prototype: Text;
}

/**
 * A long string (`text`, `longtext`, `clob` columns): a String flavour. As LoopBack's, it is a
 * function constructor, not a class: `Types.Text('x')` (no `new`) is `'x'`, `new Types.Text('x')`
 * a wrapper.
 */
export const Text = function Text(this: { value: string } | undefined, value: unknown) {
  if (!new.target) return value;
  (this as { value: string }).value = String(value);
  return undefined;
} as unknown as TextConstructor;

Object.defineProperties(Text.prototype, {
  toString: {
    value(this: Text): string {
      return this.value;
    },
    writable: true,
    configurable: true,
  },
  toJSON: {
    value(this: Text): string {
      return this.value;
    },
    writable: true,
    configurable: true,
  },
});

/** A JSON document (`json`/`jsonb` columns): values pass through unchanged. Exposed as `Types.JSON`. */
export class JsonType {
  /** The wrapped value. */
  readonly value: unknown;

  constructor(value: unknown) {
    this.value = value;
  }

  toJSON(): unknown {
    return this.value;
  }
}

/** A value of any type: passes through unchanged. Exposed as `Types.Any`. */
export class AnyType {
  /** The wrapped value. */
  readonly value: unknown;

  constructor(value: unknown) {
    this.value = value;
  }

  toJSON(): unknown {
    return this.value;
  }
}
