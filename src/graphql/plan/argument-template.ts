/**
 * A field's arguments as a template, read once from the document: literals coerced as graphql-js
 * coerces them (`valueFromAST`), and each variable standing where only its value matters (an
 * operator's operand, `limit`, `skip`) replaced by a slot of the same name, filled when the read
 * runs. A variable that decides the shape of the read — a whole `where` or `order`, an element of
 * a list, `isNull`, `between` — makes the field's read dynamic: built per request from its
 * arguments, as a plan cannot know its shape.
 *
 * @example
 * // tracks(where: { unitPrice: { gt: $price } }, limit: 20)
 * // → { args: { where: { unitPrice: { gt: slot('price') } }, limit: 20 }, variables: ['price'] }
 */
import {
  type ArgumentNode,
  type GraphQLArgument,
  type GraphQLInputType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  type ValueNode,
  valueFromAST,
} from 'graphql';
import { slot } from '../../juggler/filter/filter-slot.js';

/** The arguments of one field node as a template. */
export interface ArgumentTemplate {
  /** Argument values by name; variables appear as slots. Undefined when the read is dynamic. */
  args: Record<string, unknown> | undefined;
  /** Why the read must be built per request (the variable that decides its shape), if it must. */
  dynamic?: string;
  /** The variables the template's slots read. */
  variables: string[];
}

/** Operators whose operand decides the shape of a condition (so a variable there is dynamic). */
const SHAPE_OPERATORS = new Set(['isNull', 'between']);

class DynamicArgument extends Error {}

interface TemplateState {
  variables: Set<string>;
}

function templateOf(node: ValueNode, type: GraphQLInputType, state: TemplateState, where: string): unknown {
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    const nullable = getNullableType(type);
    if (isListType(nullable) || isInputObjectType(nullable) || SHAPE_OPERATORS.has(where)) {
      throw new DynamicArgument(`$${name} decides the shape of \`${where}\``);
    }
    state.variables.add(name);
    return slot(name);
  }
  const nullable = getNullableType(type);
  if (node.kind === Kind.LIST && isListType(nullable)) {
    if (node.values.some((value) => value.kind === Kind.VARIABLE)) {
      throw new DynamicArgument(`a variable is an element of the list \`${where}\``);
    }
    return node.values.map((value) => templateOf(value, nullable.ofType, state, where));
  }
  if (node.kind === Kind.OBJECT && isInputObjectType(nullable)) {
    // Keys in the input type's field order, as graphql-js coerces an input object.
    const value: Record<string, unknown> = {};
    for (const definition of Object.values(nullable.getFields())) {
      const field = node.fields.find((given) => given.name.value === definition.name);
      if (field) value[definition.name] = templateOf(field.value, definition.type, state, definition.name);
    }
    return value;
  }
  // A literal without variables: exactly what graphql-js gives a resolver.
  return valueFromAST(node, type);
}

/**
 * The template of a field node's arguments against the field's argument definitions (arguments
 * not given are absent, as graphql-js leaves them absent when they have no default).
 */
export function argumentTemplate(
  definitions: readonly GraphQLArgument[],
  nodes: readonly ArgumentNode[] | undefined,
): ArgumentTemplate {
  const state: TemplateState = { variables: new Set() };
  const args: Record<string, unknown> = {};
  try {
    for (const definition of definitions) {
      const node = nodes?.find((argument) => argument.name.value === definition.name);
      if (node) args[definition.name] = templateOf(node.value, definition.type, state, definition.name);
      else if (definition.defaultValue !== undefined) args[definition.name] = definition.defaultValue;
    }
  } catch (error) {
    if (!(error instanceof DynamicArgument)) throw error;
    return { args: undefined, dynamic: error.message, variables: [...state.variables] };
  }
  return { args, variables: [...state.variables] };
}
