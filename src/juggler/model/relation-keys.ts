/**
 * A relation declaration (LoopBack JSON form) resolved to the properties that carry its key on
 * each side, with LoopBack's defaults: the one function behind the juggler's relations
 * (`relations/resolve-relation.ts`, which then checks the keys against the model classes) and the
 * GraphQL layer's model sources.
 *
 * Defaults, where the declaration names no key:
 * - belongsTo `track.album`: `foreignKey` `<relation>Id` on this model → the target's id.
 * - referencesMany `playlist.tracks`: `foreignKey` `<singular relation>Ids` (an array) on this model
 *   → the target's id.
 * - hasMany / hasOne `album.tracks`: this model's id → `foreignKey` `<model>Id` on the target.
 * - hasManyThrough (or hasMany with `through`) `playlist.tracks`: this model's id → `foreignKey`
 *   `<model>Id` on the through model; `keyThrough` `<target>Id` on it → the target's id.
 * `primaryKey` replaces this model's id (hasMany, hasOne, hasManyThrough) or the target's
 * (belongsTo). An empty `foreignKey` (`''`) counts as none.
 */
import pluralize from 'pluralize';
import { InvalidArgumentError } from '../errors.js';
import type { Filter } from '../filter/filter-types.js';
import type { RelationDefinition } from '../model-definition.js';
import type { ResolvedRelation } from '../model-types.js';

/** The id property names of a model by name, in id order (may throw for an unknown model or one without ids). */
export type IdNamesByModel = (modelName: string) => string[];

/** `Track` → `track`. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...value] : [value];
}

/**
 * Resolves relation `relationName` of model `modelFrom` to its keys on both sides (see the file
 * comment). `idsOf` is asked only for the ids a default needs. The keys are not checked against
 * the models: the juggler does that when it resolves relations of model classes.
 *
 * @example
 * resolveRelationKeys('Track', 'album', {type: 'belongsTo', model: 'Album', foreignKey: 'albumId'}, idsOf)
 * // {name: 'album', modelFrom: 'Track', modelTo: 'Album', type: 'belongsTo', keyFrom: ['albumId'], keyTo: ['albumId'], multiple: false}
 */
export function resolveRelationKeys(
  modelFrom: string,
  relationName: string,
  declaration: RelationDefinition,
  idsOf: IdNamesByModel,
): ResolvedRelation {
  const modelTo = declaration.model;
  const foreignKey = asList(declaration.foreignKey || undefined);
  const primaryKey = asList(declaration.primaryKey);
  const through = declaration.through;
  // Each kind is one whole literal, not a spread of a shared base plus members: on a 1,000-table
  // schema those spreads were more than half of what reading its 4,188 relations cost.
  let relation: ResolvedRelation;
  if (declaration.type === 'hasManyThrough' || (declaration.type === 'hasMany' && through)) {
    if (!through) {
      throw new InvalidArgumentError(
        `Relation \`${relationName}\` of \`${modelFrom}\` is hasManyThrough without \`through\` (the join model)`,
        { model: modelFrom, relation: relationName },
      );
    }
    relation = {
      name: relationName,
      modelFrom,
      modelTo,
      type: 'hasManyThrough',
      keyFrom: primaryKey ?? idsOf(modelFrom),
      keyTo: idsOf(modelTo),
      through,
      throughFrom: foreignKey ?? [`${lowerFirst(modelFrom)}Id`],
      throughTo: asList(declaration.keyThrough) ?? [`${lowerFirst(modelTo)}Id`],
      multiple: true,
    };
  } else if (declaration.type === 'referencesMany') {
    relation = {
      name: relationName,
      modelFrom,
      modelTo,
      type: 'referencesMany',
      keyFrom: foreignKey ?? [`${pluralize.singular(relationName)}Ids`],
      keyTo: primaryKey ?? idsOf(modelTo),
      multiple: true,
    };
  } else if (declaration.type === 'belongsTo') {
    relation = {
      name: relationName,
      modelFrom,
      modelTo,
      type: 'belongsTo',
      keyFrom: foreignKey ?? [`${relationName}Id`],
      keyTo: primaryKey ?? idsOf(modelTo),
      multiple: false,
    };
  } else {
    relation = {
      name: relationName,
      modelFrom,
      modelTo,
      type: declaration.type,
      keyFrom: primaryKey ?? idsOf(modelFrom),
      keyTo: foreignKey ?? [`${lowerFirst(modelFrom)}Id`],
      multiple: declaration.type === 'hasMany',
    };
  }
  if (relation.type === 'belongsTo' && typeof declaration.discograph?.constraint === 'string') {
    relation.enforced = true;
  }
  if (declaration.scope) relation.scope = declaration.scope as Filter;
  if (declaration.description) relation.description = declaration.description;
  return relation;
}
