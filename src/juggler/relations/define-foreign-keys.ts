/**
 * LoopBack's `dataSource.defineForeignKey`, as its relation statics call it: `User.hasMany(Post,
 * {foreignKey: 'authorId'})` defines `Post.authorId` and `Post.belongsTo(User)` defines
 * `Post.userId` when the model does not declare them, typed like the key they reference, so the
 * spec's examples work without declaring the key first. A declared property is left as it is.
 */
import type { ModelClass } from '../dao/model-class.js';
import { resolveRelationKeys } from '../model/relation-keys.js';
import type { RelationDefinition } from '../model-definition.js';
import type { ModelLookup } from './resolve-relation.js';

/**
 * Defines property `key` on `Owner` unless it exists, typed like `Foreign`'s `primaryKey` (its
 * first id by default; `Number` when `Foreign` is unknown or has no id).
 *
 * @example
 * defineForeignKeyProperty(Post, 'authorId', User) // Post.definition.properties.authorId: {type: 'Number'}
 */
export function defineForeignKeyProperty(
  Owner: ModelClass,
  key: string,
  Foreign: ModelClass | undefined,
  primaryKey?: string,
): void {
  if (key in Owner.definition.properties) return;
  const referencedName = primaryKey ?? Foreign?.definition.idNames()[0];
  const referenced =
    referencedName === undefined ? undefined : Foreign?.definition.properties[referencedName];
  Owner.defineProperty(key, { type: referenced?.typeName ?? 'Number' });
}

/** One key to define: the model that holds it, its name, and the model and property it references. */
interface PendingKey {
  owner: string;
  key: string;
  foreign: string;
  primaryKey: string | undefined;
}

/** The single-column keys a relation declaration needs on each side (composite keys are never defined). */
function keysOf(
  modelFrom: string,
  name: string,
  declaration: RelationDefinition,
  lookup: ModelLookup,
): PendingKey[] {
  const idsOf = (model: string) => lookup(model)?.definition.idNames() ?? [];
  const relation = resolveRelationKeys(modelFrom, name, declaration, idsOf);
  const single = (list: readonly string[] | undefined) => (list?.length === 1 ? list[0] : undefined);
  const keyFrom = single(relation.keyFrom);
  const keyTo = single(relation.keyTo);
  const pending: PendingKey[] = [];
  const add = (owner: string, key: string | undefined, foreign: string, primaryKey: string | undefined) => {
    if (key !== undefined) pending.push({ owner, key, foreign, primaryKey });
  };
  if (relation.type === 'belongsTo') {
    add(modelFrom, keyFrom, relation.modelTo, keyTo);
  } else if (relation.type === 'referencesMany') {
    // The array of keys is the model's own property: there is no foreign key to define.
  } else if (relation.type === 'hasManyThrough' && relation.through) {
    add(relation.through, single(relation.throughFrom), modelFrom, keyFrom);
    add(relation.through, single(relation.throughTo), relation.modelTo, keyTo);
  } else {
    add(relation.modelTo, keyTo, modelFrom, keyFrom);
  }
  return pending;
}

const waiting = new Set<() => boolean>();

/**
 * Defines the foreign-key properties of a relation declared through `belongsTo`/`hasMany`/
 * `hasOne` (LoopBack: when the relation is set up). A key whose model, or the model it references,
 * is named by a string and not attached yet is defined when that model is attached
 * (`defineWaitingForeignKeys`) or when the relation is first resolved, whichever comes first.
 * Returns the function that defines what is still missing (it does nothing once all is defined).
 */
export function defineRelationForeignKeys(
  Model: ModelClass,
  name: string,
  declaration: RelationDefinition,
  lookup: ModelLookup,
): () => void {
  const models = (model: string) => (model === Model.modelName ? Model : lookup(model));
  let done = false;
  const defineAvailable = (): boolean => {
    if (done) return true;
    const pending = keysOf(Model.modelName, name, declaration, models);
    const ready = pending.every(({ owner, foreign }) => models(owner) && models(foreign));
    if (!ready) return false;
    for (const { owner, key, foreign, primaryKey } of pending) {
      defineForeignKeyProperty(models(owner) as ModelClass, key, models(foreign), primaryKey);
    }
    done = true;
    waiting.delete(defineAvailable);
    return true;
  };
  if (!defineAvailable()) waiting.add(defineAvailable);
  return () => {
    defineAvailable();
  };
}

/** Defines the keys of relations that waited for a model by name; called when a model is attached. */
export function defineWaitingForeignKeys(): void {
  for (const define of [...waiting]) define();
}
