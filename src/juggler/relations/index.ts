/**
 * Relations: declarations, resolved metadata (`Model.relations`), instance accessors and the
 * per-instance cache shared with Inclusion.
 */

export { lowerFirst } from '../model/relation-keys.js';
export { relationAccessor } from './accessors.js';
export {
  defineRelation,
  installAccessor,
  type RelationParams,
  wireDeclaredRelations,
} from './define-relation.js';
export { distinctTuples, keyTuple, readValue, tupleId, tuplesWhere } from './key-utils.js';
export { hasCached, relationCache, setRelated } from './relation-cache.js';
export {
  getRelation,
  lookupFor,
  ownRelations,
  registerRelation,
  relatedModel,
  rememberModel,
} from './relation-registry.js';
export { defaultRelationName, type ModelLookup, resolveRelation } from './resolve-relation.js';
