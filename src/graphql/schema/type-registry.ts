/**
 * The named types of one schema under construction, and the wrapped types that fields refer to
 * by their SDL notation (`[Track!]!`). A reference is resolved once and shared by every field
 * that uses it, so 10,000 `Int!` fields hold one `GraphQLNonNull(GraphQLInt)`.
 */
import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  type GraphQLNamedType,
  GraphQLNonNull,
  type GraphQLOutputType,
  GraphQLString,
  type GraphQLType,
  getNamedType,
  isInputType,
  isOutputType,
} from 'graphql';
import { InvalidArgumentError } from '../../juggler/errors.js';

const STANDARD_SCALARS = [GraphQLInt, GraphQLFloat, GraphQLString, GraphQLBoolean, GraphQLID];

/**
 * The `extensions` of every generated type, field, argument and enum value: one shared empty
 * null-prototype object. graphql-js keeps such an object as it is, where it would otherwise
 * create a dictionary-mode `Object.create(null)` per element (150,000 of them, ~30 MB, on a
 * 1,000-table schema). Frozen, so that nobody can add an extension to everything at once.
 */
export const NO_EXTENSIONS: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null));

/** An argument or input field of `type`, with an optional description. */
export function inputValue(
  type: GraphQLInputType,
  description?: string,
): { type: GraphQLInputType; description?: string; extensions: Readonly<Record<string, unknown>> } {
  return description ? { type, description, extensions: NO_EXTENSIONS } : { type, extensions: NO_EXTENSIONS };
}

/** Named types by name plus memoised type references, for building one schema. */
export class TypeRegistry {
  private readonly named = new Map<string, GraphQLNamedType>();
  private readonly references = new Map<string, GraphQLType>();
  private readonly variants = new Map<string, GraphQLType[]>();
  private readonly outputs = new Map<string, GraphQLOutputType>();
  private readonly inputs = new Map<string, GraphQLInputType>();
  /** The types the schema defines (standard scalars excluded), in the order they were added. */
  readonly defined: GraphQLNamedType[] = [];

  constructor() {
    for (const scalar of STANDARD_SCALARS) this.named.set(scalar.name, scalar);
  }

  /** Adds a type the schema defines; a second type with the same name is an error. */
  add<T extends GraphQLNamedType>(type: T): T {
    if (this.named.has(type.name)) {
      throw new InvalidArgumentError(`The GraphQL schema would define type ${type.name} twice`, {
        type: type.name,
      });
    }
    this.named.set(type.name, type);
    this.defined.push(type);
    return type;
  }

  /** The named type `name`, if defined. */
  get(name: string): GraphQLNamedType | undefined {
    return this.named.get(name);
  }

  /** The type written `reference` in SDL (`Int`, `[String]`, `[TrackOrder!]`, `Track!`). */
  reference(reference: string): GraphQLType {
    let type = this.references.get(reference);
    if (type === undefined) {
      type = this.resolve(reference);
      this.references.set(reference, type);
    }
    return type;
  }

  /**
   * The named type `name`, optionally as a list of it and/or non-null: `Int`, `Int!`, `[String]`,
   * `[String]!` — without building the reference text (this runs for every field).
   */
  wrapped(name: string, list: boolean, nonNull: boolean, kind: 'input'): GraphQLInputType;
  wrapped(name: string, list: boolean, nonNull: boolean, kind: 'output'): GraphQLOutputType;
  wrapped(name: string, list: boolean, nonNull: boolean, kind: 'input' | 'output'): GraphQLType {
    let variants = this.variants.get(name);
    if (variants === undefined) {
      variants = [];
      this.variants.set(name, variants);
    }
    const index = (kind === 'input' ? 4 : 0) + (list ? 2 : 0) + (nonNull ? 1 : 0);
    let type = variants[index];
    if (type === undefined) {
      const reference = list ? `[${name}]${nonNull ? '!' : ''}` : nonNull ? `${name}!` : name;
      type = kind === 'input' ? this.input(reference) : this.output(reference);
      variants[index] = type;
    }
    return type;
  }

  /** `reference` as an output type (object fields); checked once per reference. */
  output(reference: string): GraphQLOutputType {
    let type = this.outputs.get(reference);
    if (type === undefined) {
      type = this.asOutput(this.reference(reference));
      this.outputs.set(reference, type);
    }
    return type;
  }

  /** `reference` as an input type (arguments, input fields); checked once per reference. */
  input(reference: string): GraphQLInputType {
    let type = this.inputs.get(reference);
    if (type === undefined) {
      type = this.asInput(this.reference(reference));
      this.inputs.set(reference, type);
    }
    return type;
  }

  /**
   * `type`, checked to be an output type. A list or non-null type can be used where the named
   * type it wraps can, so only that is checked (graphql-js's predicate would walk every wrapper).
   */
  private asOutput(type: GraphQLType): GraphQLOutputType {
    if (!isOutputType(getNamedType(type))) throw this.misused(String(type), 'output');
    return type as GraphQLOutputType;
  }

  /** `type`, checked to be an input type (its named type, as `asOutput`). */
  private asInput(type: GraphQLType): GraphQLInputType {
    if (!isInputType(getNamedType(type))) throw this.misused(String(type), 'input');
    return type as GraphQLInputType;
  }

  private resolve(reference: string): GraphQLType {
    if (reference.endsWith('!')) {
      const inner = this.reference(reference.slice(0, -1));
      if (inner instanceof GraphQLNonNull) throw this.unknown(reference);
      return new GraphQLNonNull(inner);
    }
    if (reference.startsWith('[') && reference.endsWith(']')) {
      return new GraphQLList(this.reference(reference.slice(1, -1)));
    }
    const named = this.named.get(reference);
    if (named === undefined) throw this.unknown(reference);
    return named;
  }

  private unknown(reference: string): InvalidArgumentError {
    return new InvalidArgumentError(
      `The GraphQL schema refers to type ${reference}, which it does not define`,
      {
        type: reference,
      },
    );
  }

  private misused(reference: string, kind: 'input' | 'output'): InvalidArgumentError {
    return new InvalidArgumentError(`Type ${reference} cannot be used as an ${kind} type`, {
      type: reference,
      kind,
    });
  }
}
