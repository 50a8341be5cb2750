/**
 * The named database enum type of a property: a fact discovery records in Discograph's block of
 * the property (`discograph: {enumType: {owner, name}}`, which LoopBack ignores) for PostgreSQL
 * columns of an enum type, so that every column of one type can share one GraphQL enum. MySQL and
 * MariaDB declare enums per column and record none.
 */
import type { DiscographPropertyFacts, PropertyDefinition } from '../model-definition.js';

/** A named database enum type: its schema and name. */
export interface EnumTypeFact {
  owner: string;
  name: string;
}

/**
 * The enum type discovery recorded on a property, or undefined (none recorded, no enum values, or
 * a block not of the documented shape).
 *
 * @example
 * enumTypeOf({type: 'String', enum: ['G', 'PG'], discograph: {enumType: {owner: 'public', name: 'mpaa_rating'}}})
 * // {owner: 'public', name: 'mpaa_rating'}
 */
export function enumTypeOf(definition: PropertyDefinition): EnumTypeFact | undefined {
  if (!definition.enum || definition.enum.length === 0) return undefined;
  const block: unknown = definition.discograph;
  if (block === null || typeof block !== 'object') return undefined;
  const fact: unknown = (block as DiscographPropertyFacts).enumType;
  if (fact === null || typeof fact !== 'object') return undefined;
  const { owner, name } = fact as Partial<EnumTypeFact>;
  return typeof owner === 'string' && typeof name === 'string' && name.length > 0
    ? { owner, name }
    : undefined;
}
