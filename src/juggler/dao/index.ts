/**
 * LoopBack's DataAccessObject: what attaching a model to a DataSource adds to it.
 */
export { destroy, isNewRecord, reload, save, updateAttribute, updateAttributes } from './dao-instance.js';
export {
  count,
  exists,
  type FindResult,
  find,
  findById,
  findGrouped,
  findOne,
  include,
  readGrouped,
  readMany,
} from './dao-read.js';
export {
  coerceUpdateData,
  create,
  destroyAll,
  destroyById,
  findOrCreate,
  insertInstance,
  updateAll,
  upsert,
  type WriteOptions,
} from './dao-write.js';
export { mixinDao } from './mixin.js';
export {
  type AttachedModel,
  attached,
  type DataSourceLike,
  fromRow,
  idWhere,
  instanceId,
  type ModelClass,
  writableValues,
} from './model-class.js';
export { type KeyTuples, ModelRead, type ModelReadSpec } from './model-read.js';
export type {
  BatchReadResult,
  BatchReadSpec,
  PreparedBatchRead,
  PreparedCount,
  PreparedFind,
  SlotValues,
} from './prepared-read-types.js';
export { prepareBatchRead, prepareCount, prepareFind } from './prepared-reads.js';
export { defineScope } from './scope.js';
export { validateOrThrow } from './validate-instance.js';
