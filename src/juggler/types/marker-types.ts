/**
 * Marker types of LoopBack's `Types`: `Text` (a long String), `JSON` and `Any`. Property values of
 * these types are plain values (a string, any JSON value); the classes name the type in
 * definitions (`{body: Types.Text}`) and wrap a value when an object is wanted.
 */

/** A long string (`text`, `longtext`, `clob` columns): a String flavour. */
export class Text {
  /** The wrapped string. */
  readonly value: string;

  constructor(value: unknown) {
    this.value = String(value);
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

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
