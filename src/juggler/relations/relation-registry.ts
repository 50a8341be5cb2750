/**
 * Where relations live on a model class: declarations in `Model.definition.relations` (LoopBack
 * JSON, kept for the schema cache) and resolved metadata on `Model.relations[name]`, computed on
 * first access so both sides of a relation can be attached in any order.
 */
import type { ModelClass } from '../dao/model-class.js';
import { UnknownNameError } from '../errors.js';
import { didYouMean } from '../filter/suggest.js';
import type { RelationDefinition } from '../model-definition.js';
import type { ResolvedRelation } from '../model-types.js';
import { nameTable } from '../name-table.js';
import { type ModelLookup, resolveRelation } from './resolve-relation.js';

const directModels = new WeakMap<ModelClass, Map<string, ModelClass>>();

/** Remembers a class passed directly to `belongsTo(Target)` so it resolves without a DataSource lookup. */
export function rememberModel(Model: ModelClass, Other: ModelClass): void {
  let known = directModels.get(Model);
  if (!known) {
    known = new Map();
    directModels.set(Model, known);
  }
  known.set(Other.modelName, Other);
}

/** The model lookup of a class: its DataSource's models, then classes it was given directly. */
export function lookupFor(Model: ModelClass): ModelLookup {
  return (name) => Model.dataSource?.models[name] ?? directModels.get(Model)?.get(name);
}

/** The class's own `relations` object (created on first use, never shared with a base class). */
export function ownRelations(Model: ModelClass): Record<string, ResolvedRelation> {
  if (!Object.hasOwn(Model, 'relations')) {
    Object.defineProperty(Model, 'relations', {
      value: nameTable<ResolvedRelation>(),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return Model.relations;
}

/**
 * Records a relation declaration and exposes its resolved metadata lazily as
 * `Model.relations[name]` (resolved once, when first read, after `prepare` ran: the relation
 * statics define their missing foreign keys there).
 */
export function registerRelation(
  Model: ModelClass,
  name: string,
  declaration: RelationDefinition,
  prepare?: () => void,
): void {
  Model.definition.relations[name] = declaration;
  const relations = ownRelations(Model);
  let resolved: ResolvedRelation | undefined;
  Object.defineProperty(relations, name, {
    enumerable: true,
    configurable: true,
    get() {
      if (!resolved) {
        prepare?.();
        resolved = resolveRelation(Model, name, declaration, lookupFor(Model));
      }
      return resolved;
    },
  });
}

/** The resolved relation `name` of a model, or an UNKNOWN_RELATION error with a suggestion. */
export function getRelation(Model: ModelClass, name: string): ResolvedRelation {
  const relations = Model.relations ?? {};
  if (!Object.hasOwn(relations, name) && !(name in relations)) {
    throw new UnknownNameError(
      'UNKNOWN_RELATION',
      `Unknown relation \`${name}\` of model \`${Model.modelName}\`${didYouMean(name, Object.keys(relations))}`,
      { model: Model.modelName, relation: name, known: Object.keys(relations) },
    );
  }
  return relations[name] as ResolvedRelation;
}

/** The class of a model name as a relation of `Model` sees it. */
export function relatedModel(Model: ModelClass, name: string): ModelClass {
  const Other = lookupFor(Model)(name);
  if (!Other) {
    throw new UnknownNameError(
      'UNKNOWN_MODEL',
      `Model \`${name}\` is not attached to the data source of \`${Model.modelName}\``,
      {
        model: name,
      },
    );
  }
  return Other;
}
