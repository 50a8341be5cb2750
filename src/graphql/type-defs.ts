/**
 * The generated SDL of a whole schema: shared types, every model's types, Query and Mutation.
 * Definitions are sorted by name and root fields by field name, so the same models always give
 * the same text (it is diffed and snapshotted).
 */
import { InvalidArgumentError } from '../juggler/errors.js';
import { defaultInflection, type Inflection } from './inflection.js';
import type { GraphQLModelSource } from './model-source.js';
import { modelMutationFields, modelQueryFields, modelTypeDefs } from './model-type-defs.js';
import { planSchemaNames, type SchemaNames } from './schema-names.js';
import { sharedTypeDefs, type TypeDef } from './shared-type-defs.js';

/** Options of type generation. */
export interface TypeDefsOptions {
  /** Naming; defaults to `defaultInflection`. */
  inflection?: Inflection;
}

/** The SDL text and the names it used (resolvers need the names to map fields back to properties). */
export interface TypeDefsResult {
  typeDefs: string;
  names: SchemaNames;
  inflection: Inflection;
}

function byName(a: TypeDef, b: TypeDef): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Checks that every relation's target (and join model) is among the sources. */
function assertRelationTargets(sources: readonly GraphQLModelSource[]): void {
  const known = new Set(sources.map((source) => source.name));
  for (const source of sources) {
    for (const relation of source.relations) {
      for (const model of [relation.modelTo, relation.through]) {
        if (model !== undefined && !known.has(model)) {
          throw new InvalidArgumentError(
            `Relation ${source.name}.${relation.name} needs model ${model}, which is not among the models given; include it or drop the relation`,
            { model: source.name, relation: relation.name, missing: model },
          );
        }
      }
    }
  }
}

/**
 * Generates the SDL of the API over `sources`.
 *
 * @example
 * const { typeDefs } = buildTypeDefs(fromModelDefinitions(definitions));
 * // type Query { track(trackId: Int!): Track  tracks(where: TrackWhere, ...): [Track!]! ... }
 */
export function buildTypeDefs(
  sources: readonly GraphQLModelSource[],
  options: TypeDefsOptions = {},
): TypeDefsResult {
  if (sources.length === 0) {
    throw new InvalidArgumentError('A GraphQL schema needs at least one model; discovery found none', {});
  }
  assertRelationTargets(sources);
  const inflection = options.inflection ?? defaultInflection;
  const names = planSchemaNames(sources, inflection);
  const defs = sharedTypeDefs(inflection);
  const queries: TypeDef[] = [];
  const mutations: TypeDef[] = [];
  for (const model of names.models.values()) {
    defs.push(...modelTypeDefs(model, names, inflection));
    queries.push(...modelQueryFields(model));
    mutations.push(...modelMutationFields(model));
  }
  defs.push({
    name: 'Query',
    sdl: `type Query {\n${queries
      .sort(byName)
      .map((f) => f.sdl)
      .join('\n')}\n}`,
  });
  if (mutations.length > 0) {
    defs.push({
      name: 'Mutation',
      sdl: `type Mutation {\n${mutations
        .sort(byName)
        .map((f) => f.sdl)
        .join('\n')}\n}`,
    });
  }
  return {
    typeDefs: `${defs
      .sort(byName)
      .map((def) => def.sdl)
      .join('\n\n')}\n`,
    names,
    inflection,
  };
}
