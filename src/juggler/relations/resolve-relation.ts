/**
 * Turns a relation declaration (LoopBack JSON form, or the params of `belongsTo`/`hasMany`) into
 * `ResolvedRelation` metadata: which properties on each side carry the key, with LoopBack's
 * defaults (belongsTo `<relation>Id` → target id; hasMany `<model>Id` on the target → own id).
 */
import pluralize from 'pluralize';
import type { ModelClass } from '../dao/model-class.js';
import { InvalidArgumentError, UnknownNameError } from '../errors.js';
import type { Filter } from '../filter/filter-types.js';
import { didYouMean } from '../filter/suggest.js';
import type { RelationDefinition } from '../model-definition.js';
import type { ResolvedRelation } from '../model-types.js';

/** Finds a model class by name (the DataSource's model map, or classes passed directly). */
export type ModelLookup = (name: string) => ModelClass | undefined;

/** `Track` → `track`. */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** LoopBack's default relation name: `author` for belongsTo User as author, `posts` for hasMany Post. */
export function defaultRelationName(type: RelationDefinition['type'], targetName: string): string {
  return type === 'hasMany' || type === 'hasManyThrough'
    ? lowerFirst(pluralize(targetName))
    : lowerFirst(targetName);
}

function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...value] : [value];
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

function checkProperties(Model: ModelClass, names: readonly string[], relation: string): void {
  for (const name of names) {
    if (!(name in Model.definition.properties)) {
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

/** Resolves one declared relation of `Model` against the models `lookup` knows. */
export function resolveRelation(
  Model: ModelClass,
  name: string,
  declaration: RelationDefinition,
  lookup: ModelLookup,
): ResolvedRelation {
  const Target = requireModel(lookup, declaration.model, Model.modelName, name);
  const foreignKey = asList(declaration.foreignKey || undefined);
  const primaryKey = asList(declaration.primaryKey);
  // Each kind is one whole literal, not a spread of a shared base plus members: on a 1,000-table
  // schema those spreads were more than half of what reading its 4,188 relations cost.
  const modelFrom = Model.modelName;
  const modelTo = Target.modelName;
  let relation: ResolvedRelation;
  const through = declaration.through;
  if (declaration.type === 'hasManyThrough' || (declaration.type === 'hasMany' && through)) {
    if (!through) {
      throw new InvalidArgumentError(
        `Relation \`${name}\` of \`${Model.modelName}\` is hasManyThrough without \`through\``,
        {
          model: Model.modelName,
          relation: name,
        },
      );
    }
    const Through = requireModel(lookup, through, Model.modelName, name);
    relation = {
      name,
      modelFrom,
      modelTo,
      type: 'hasManyThrough',
      keyFrom: primaryKey ?? idsOf(Model, name),
      keyTo: idsOf(Target, name),
      through: Through.modelName,
      throughFrom: foreignKey ?? [`${lowerFirst(Model.modelName)}Id`],
      throughTo: asList(declaration.keyThrough) ?? [`${lowerFirst(Target.modelName)}Id`],
      multiple: true,
    };
    checkProperties(Through, [...(relation.throughFrom ?? []), ...(relation.throughTo ?? [])], name);
  } else if (declaration.type === 'belongsTo') {
    relation = {
      name,
      modelFrom,
      modelTo,
      type: 'belongsTo',
      keyFrom: foreignKey ?? [`${name}Id`],
      keyTo: primaryKey ?? idsOf(Target, name),
      multiple: false,
    };
  } else {
    relation = {
      name,
      modelFrom,
      modelTo,
      type: declaration.type,
      keyFrom: primaryKey ?? idsOf(Model, name),
      keyTo: foreignKey ?? [`${lowerFirst(Model.modelName)}Id`],
      multiple: declaration.type === 'hasMany',
    };
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
  if (declaration.scope) relation.scope = declaration.scope as Filter;
  if (declaration.description) relation.description = declaration.description;
  return relation;
}
