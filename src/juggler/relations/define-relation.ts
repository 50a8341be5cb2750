/**
 * LoopBack's relation statics: `Post.belongsTo(User, {as: 'author', foreignKey: 'userId'})`,
 * `User.hasMany(Post, {as: 'posts', foreignKey: 'authorId'})`, `User.hasOne(Profile)`,
 * `Playlist.hasMany(Track, {through: PlaylistTrack, foreignKey: 'playlistId', keyThrough: 'trackId'})`,
 * and the wiring of relations declared in `settings.relations` when a model is attached.
 * The statics define the foreign-key properties they need (`define-foreign-keys.ts`); relations
 * declared in a definition must name properties it has (a discovered or cached definition always
 * does, and a typo there is reported rather than turned into a new column).
 */
import type { ModelClass } from '../dao/model-class.js';
import { InvalidArgumentError } from '../errors.js';
import type { Filter } from '../filter/filter-types.js';
import { lowerFirst } from '../model/relation-keys.js';
import type { RelationDefinition, RelationType } from '../model-definition.js';
import type { ModelInstance } from '../model-types.js';
import { relationAccessor } from './accessors.js';
import { defineRelationForeignKeys } from './define-foreign-keys.js';
import { relationCache } from './relation-cache.js';
import { lookupFor, registerRelation, rememberModel } from './relation-registry.js';
import { defaultRelationName } from './resolve-relation.js';

/** The params of `belongsTo` / `hasMany` / `hasOne`. */
export interface RelationParams {
  /** Relation (and accessor) name. */
  as?: string;
  foreignKey?: string | string[];
  primaryKey?: string | string[];
  /** hasMany through a join model. */
  through?: ModelClass | string;
  /** hasMany through: the join model's key pointing at the target. */
  keyThrough?: string | string[];
  /** A default filter of the relation. */
  scope?: Filter;
  description?: string;
}

function nameOf(model: ModelClass | string): string {
  return typeof model === 'string' ? model : model.modelName;
}

/** Defines the instance accessor of a relation on the model's prototype. */
export function installAccessor(Model: ModelClass, name: string): void {
  if (name in Model.definition.properties) {
    throw new InvalidArgumentError(
      `Relation \`${name}\` of model \`${Model.modelName}\` has the name of one of its properties; choose another name with \`as\``,
      { model: Model.modelName, relation: name },
    );
  }
  Object.defineProperty(Model.prototype, name, accessorOf(name));
}

const accessors = new Map<string, PropertyDescriptor>();

/** The prototype accessor of relation `name`; it only uses `this`, so models share it by name. */
function accessorOf(name: string): PropertyDescriptor {
  let accessor = accessors.get(name);
  if (!accessor) {
    accessor = {
      configurable: true,
      enumerable: false,
      get(this: ModelInstance) {
        return relationAccessor(this, name);
      },
      set(this: object, value: unknown) {
        relationCache(this)[name] = value;
      },
    };
    accessors.set(name, accessor);
  }
  return accessor;
}

/** Declares a relation of `Model` to `Target` (a class or a model name resolved lazily). */
export function defineRelation(
  Model: ModelClass,
  type: Exclude<RelationType, 'hasManyThrough'>,
  Target: ModelClass | string,
  params: RelationParams = {},
): string {
  if (typeof Target !== 'string') rememberModel(Model, Target);
  if (params.through && typeof params.through !== 'string') rememberModel(Model, params.through);
  const targetName = nameOf(Target);
  const through = params.through === undefined ? undefined : nameOf(params.through);
  const name = params.as ?? defaultRelationName(through ? 'hasManyThrough' : type, targetName);
  const declaration: RelationDefinition = {
    type: through ? 'hasManyThrough' : type,
    model: targetName,
    foreignKey:
      params.foreignKey ?? (type === 'belongsTo' ? `${name}Id` : `${lowerFirst(Model.modelName)}Id`),
  };
  if (params.primaryKey !== undefined) declaration.primaryKey = params.primaryKey;
  if (through) {
    declaration.through = through;
    declaration.keyThrough = params.keyThrough ?? `${lowerFirst(targetName)}Id`;
  }
  if (params.scope) declaration.scope = params.scope as Record<string, unknown>;
  if (params.description) declaration.description = params.description;
  const defineMissingKeys = defineRelationForeignKeys(Model, name, declaration, lookupFor(Model));
  registerRelation(Model, name, declaration, defineMissingKeys);
  installAccessor(Model, name);
  return name;
}

/** Wires every relation declared in the model definition (`settings.relations`). */
export function wireDeclaredRelations(Model: ModelClass): void {
  for (const [name, declaration] of Object.entries(Model.definition.relations ?? {})) {
    const normalized: RelationDefinition =
      declaration.type === 'hasMany' && declaration.through
        ? { ...declaration, type: 'hasManyThrough' }
        : declaration;
    registerRelation(Model, name, normalized);
    installAccessor(Model, name);
  }
}
