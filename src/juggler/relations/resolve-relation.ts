/**
 * Turns a relation declaration (LoopBack JSON form, or the params of `belongsTo`/`hasMany`) into
 * `ResolvedRelation` metadata against the model classes: the keys on each side come from
 * `resolveRelationKeys` (model/relation-keys.ts, LoopBack's defaults), then are checked to be
 * properties of their models, of matching lengths.
 */
import pluralize from 'pluralize';
import type { ModelClass } from '../dao/model-class.js';
import { InvalidArgumentError, UnknownNameError } from '../errors.js';
import { didYouMean } from '../filter/suggest.js';
import { lowerFirst, resolveRelationKeys } from '../model/relation-keys.js';
import type { EmbeddedModelDefinition, PropertyDefinition, RelationDefinition } from '../model-definition.js';
import type { ResolvedRelation } from '../model-types.js';

/** Finds a model class by name (the DataSource's model map, or classes passed directly). */
export type ModelLookup = (name: string) => ModelClass | undefined;

/** LoopBack's default relation name: `author` for belongsTo User as author, `posts` for hasMany Post. */
export function defaultRelationName(type: RelationDefinition['type'], targetName: string): string {
  return type === 'hasMany' || type === 'hasManyThrough'
    ? lowerFirst(pluralize(targetName))
    : lowerFirst(targetName);
}

function requireModel(lookup: ModelLookup, name: string, from: string, relation: string): ModelClass {
  const Model = lookup(name);
  if (!Model) {
    throw new UnknownNameError(
      'UNKNOWN_MODEL',
      `Relation \`${relation}\` of model \`${from}\` refers to model \`${name}\`, which is not attached to the data source`,
      { model: from, relation, target: name },
    );
  }
  return Model;
}

/**
 * Whether a dotted path names a property of the embedded documents a property of `Model` holds
 * (`lines.trackId`: the key of the inverse of a relation from inside embedded documents). The
 * model's properties are resolved ones (`definition`) or, on a model not built yet, definitions.
 */
function isEmbeddedPath(Model: ModelClass, path: string): boolean {
  const [head = '', ...rest] = path.split('.');
  const property = Model.definition.properties[head] as
    | { definition?: PropertyDefinition; embedded?: EmbeddedModelDefinition }
    | undefined;
  let embedded = property?.definition?.embedded ?? property?.embedded;
  let leaf: PropertyDefinition | undefined;
  for (const segment of rest) {
    leaf = embedded?.properties[segment];
    embedded = leaf?.embedded;
  }
  return rest.length > 0 && leaf !== undefined;
}

/**
 * Checks that every key names a property of `Model`, or by its dotted path a property of the
 * embedded documents one holds.
 */
function checkProperties(Model: ModelClass, names: readonly string[], relation: string): void {
  for (const name of names) {
    if (!(name in Model.definition.properties) && !isEmbeddedPath(Model, name)) {
      const candidates = Object.keys(Model.definition.properties);
      throw new UnknownNameError(
        'UNKNOWN_PROPERTY',
        `Relation \`${relation}\` uses key \`${name}\`, which is not a property of model \`${Model.modelName}\`${didYouMean(name, candidates)}`,
        { model: Model.modelName, property: name, relation },
      );
    }
  }
}

function idsOf(Model: ModelClass, relation: string): string[] {
  const ids = Model.definition.idNames();
  if (ids.length === 0) {
    throw new InvalidArgumentError(
      `Relation \`${relation}\` needs an explicit key: model \`${Model.modelName}\` has no id property`,
      { model: Model.modelName, relation },
    );
  }
  return ids;
}

/** Resolves one declared relation of `Model` against the models `lookup` knows, and checks its keys. */
export function resolveRelation(
  Model: ModelClass,
  name: string,
  declaration: RelationDefinition,
  lookup: ModelLookup,
): ResolvedRelation {
  const Target = requireModel(lookup, declaration.model, Model.modelName, name);
  const through = declaration.through;
  const isThrough = declaration.type === 'hasManyThrough' || (declaration.type === 'hasMany' && through);
  const Through = isThrough && through ? requireModel(lookup, through, Model.modelName, name) : undefined;
  const relation = resolveRelationKeys(Model.modelName, name, declaration, (model) =>
    idsOf(model === Model.modelName ? Model : Target, name),
  );
  if (Through) {
    checkProperties(Through, [...(relation.throughFrom ?? []), ...(relation.throughTo ?? [])], name);
  }
  checkProperties(Model, relation.keyFrom, name);
  checkProperties(Target, relation.keyTo, name);
  const pairs = relation.type === 'hasManyThrough' ? relation.throughFrom : relation.keyTo;
  if (relation.keyFrom.length !== relation.keyTo.length && relation.type !== 'hasManyThrough') {
    throw new InvalidArgumentError(
      `Relation \`${name}\` of \`${Model.modelName}\` has keys of different lengths`,
      {
        model: Model.modelName,
        relation: name,
        keyFrom: relation.keyFrom,
        keyTo: relation.keyTo,
      },
    );
  }
  if (pairs && pairs.length !== relation.keyFrom.length) {
    throw new InvalidArgumentError(
      `Relation \`${name}\` of \`${Model.modelName}\` has keys of different lengths`,
      {
        model: Model.modelName,
        relation: name,
      },
    );
  }
  return relation;
}
