/**
 * Prints generated types as Discograph's SDL text (`buildTypeDefs`): definitions sorted by name,
 * fields in declaration order, descriptions as JSON string literals on their own line. This is
 * the text of the Chinook snapshot; `printSortedSchema` is the graphql-js rendering of the same
 * schema (block-string descriptions, every list sorted).
 */
import {
  type GraphQLArgument,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { InvalidArgumentError } from '../../juggler/errors.js';

/** A GraphQL string literal holding `text` (JSON escapes are valid GraphQL string escapes). */
export function sdlString(text: string): string {
  return JSON.stringify(text);
}

/** `"description"\n` before a definition or field, or nothing when there is no description. */
export function describe(description: string | null | undefined, indent = ''): string {
  return description ? `${indent}${sdlString(description)}\n` : '';
}

function printArguments(args: readonly GraphQLArgument[]): string {
  if (args.length === 0) return '';
  return `(${args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ')})`;
}

function block(keyword: string, type: GraphQLNamedType, lines: string[]): string {
  return `${describe(type.description)}${keyword} ${type.name} {\n${lines.join('\n')}\n}`;
}

/** The SDL of one generated named type. */
export function printTypeDef(type: GraphQLNamedType): string {
  if (isScalarType(type)) return `${describe(type.description)}scalar ${type.name}`;
  if (isObjectType(type)) {
    const lines = Object.values(type.getFields()).map(
      (field) =>
        `${describe(field.description, '  ')}  ${field.name}${printArguments(field.args)}: ${String(field.type)}`,
    );
    return block('type', type, lines);
  }
  if (isInputObjectType(type)) {
    const lines = Object.values(type.getFields()).map(
      (field) => `${describe(field.description, '  ')}  ${field.name}: ${String(field.type)}`,
    );
    return block('input', type, lines);
  }
  if (isEnumType(type)) {
    return block(
      'enum',
      type,
      type.getValues().map((value) => `${describe(value.description, '  ')}  ${value.name}`),
    );
  }
  throw new InvalidArgumentError(`Type ${type.name} is not a kind the generated SDL contains`, {
    type: type.name,
  });
}

/** The SDL text of generated types: sorted by name (code-unit order), separated by blank lines. */
export function printTypeDefs(types: readonly GraphQLNamedType[]): string {
  const sorted = [...types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `${sorted.map(printTypeDef).join('\n\n')}\n`;
}
