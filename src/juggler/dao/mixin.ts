/**
 * Adds LoopBack's DataAccessObject to a model class — statics (create, find, ...), instance
 * methods (save, updateAttributes, ...), Inclusion.include, relation statics and scopes — every
 * method in both the Promise form and the spec's callback form.
 */
import { callbackify, splitCallback } from '../compat/callback.js';
import type { Filter } from '../filter/filter-types.js';
import { ModelBaseClass } from '../model.js';
import type { ModelInstance } from '../model-types.js';
import { defineRelation, wireDeclaredRelations } from '../relations/define-relation.js';
import { ownRelations } from '../relations/relation-registry.js';
import * as instanceMethods from './dao-instance.js';
import * as read from './dao-read.js';
import * as unit from './dao-unit.js';
import * as write from './dao-write.js';
import type { ModelClass } from './model-class.js';
import * as prepared from './prepared-reads.js';
import { defineScope } from './scope.js';

const MIXED = Symbol.for('discograph.dao');

/** A non-enumerable, writable, configurable property (how LoopBack's DAO methods appear). */
function hidden(value: unknown): PropertyDescriptor {
  return { value, writable: true, configurable: true, enumerable: false };
}

/** Property descriptors for `Object.defineProperties`, every value shared by all model classes. */
function descriptors(methods: Record<string, unknown>): PropertyDescriptorMap {
  const map: PropertyDescriptorMap = {};
  for (const [name, fn] of Object.entries(methods)) map[name] = hidden(fn);
  return map;
}

type StaticFn = (this: ModelClass, ...args: never[]) => Promise<unknown>;

// The DAO's functions read the model from `this`, so one set serves every model class: attaching
// 1,000 models defines shared functions, it creates none.
const create = async function (this: ModelClass, data?: never, options?: never) {
  return write.create(this, data, options);
};
const upsert = async function (this: ModelClass, data: never, options?: never) {
  return write.upsert(this, data, options);
};
const destroyAll = async function (this: ModelClass, where?: never, options?: never) {
  return write.destroyAll(this, where, options);
};
const destroyById = async function (this: ModelClass, id: unknown, options?: never) {
  return write.destroyById(this, id, options);
};
const updateAll = async function (this: ModelClass, where: never, data: never, options?: never) {
  return write.updateAll(this, where, data, options);
};

const STATIC_METHODS: Record<string, StaticFn> = {
  create,
  upsert,
  updateOrCreate: upsert,
  exists: function (this: ModelClass, id: unknown, options?: never) {
    return read.exists(this, id, options);
  },
  findById: function (this: ModelClass, id: unknown, filter?: never, options?: never) {
    return read.findById(this, id, filter, options);
  },
  find: function (this: ModelClass, filter?: never, options?: never) {
    return read.find(this, filter, options);
  },
  findOne: function (this: ModelClass, filter?: never, options?: never) {
    return read.findOne(this, filter, options);
  },
  count: function (this: ModelClass, where?: never, options?: never) {
    return read.count(this, where, options);
  },
  findGrouped: function (this: ModelClass, args: never, options?: never) {
    return read.findGrouped(this, args, options);
  },
  remove: destroyAll,
  destroyAll,
  deleteAll: destroyAll,
  removeById: destroyById,
  destroyById,
  deleteById: destroyById,
  updateAll,
  update: updateAll,
  include: async function (this: ModelClass, objects: never, spec: never, options?: never) {
    return read.include(this, objects, spec, options);
  },
};

type InstanceFn = (this: ModelInstance, ...args: never[]) => Promise<unknown>;

const destroy = async function (this: ModelInstance, options?: never) {
  return instanceMethods.destroy(this, options);
};

const PROTOTYPE_METHODS: Record<string, InstanceFn> = {
  save: async function (this: ModelInstance, options?: never) {
    return instanceMethods.save(this, options);
  },
  updateAttributes: async function (this: ModelInstance, data: never, options?: never) {
    return instanceMethods.updateAttributes(this, data, options);
  },
  updateAttribute: async function (this: ModelInstance, name: string, value: unknown, options?: never) {
    return instanceMethods.updateAttribute(this, name, value, options);
  },
  reload: async function (this: ModelInstance) {
    return instanceMethods.reload(this);
  },
  remove: destroy,
  destroy,
  delete: destroy,
};

/** Callbackified once: aliases (`remove`/`destroyAll`/...) share one wrapper, as they share one function. */
function callbackifyAll<This>(
  methods: Record<string, (this: This, ...args: never[]) => Promise<unknown>>,
): Record<string, unknown> {
  const wrappers = new Map<(this: This, ...args: never[]) => Promise<unknown>, unknown>();
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(methods)) {
    let wrapped = wrappers.get(fn);
    if (!wrapped) {
      wrapped = callbackify(fn);
      wrappers.set(fn, wrapped);
    }
    out[name] = wrapped;
  }
  return out;
}

/**
 * `findOrCreate` resolves to `[instance, created]`; its callback form is LoopBack's
 * `cb(err, instance, created)`.
 */
function findOrCreate(this: ModelClass, ...all: unknown[]): Promise<[ModelInstance, boolean]> | undefined {
  const { args, callback } = splitCallback(all);
  const [query, data, options] = args as [
    Filter | undefined,
    Record<string, unknown> | undefined,
    write.WriteOptions?,
  ];
  const promise = Promise.resolve().then(() => write.findOrCreate(this, query, data, options));
  if (!callback) return promise;
  const cb = callback as (err: unknown, instance?: ModelInstance, created?: boolean) => void;
  promise.then(
    ([instance, created]) => process.nextTick(cb, null, instance, created),
    (error: unknown) => process.nextTick(cb, error),
  );
  return undefined;
}

function scope(this: ModelClass, name: string, filter?: never): void {
  defineScope(this, name, filter);
}

function relationMethod(type: 'belongsTo' | 'hasMany' | 'hasOne') {
  return function (this: ModelClass, Target: never, params?: never) {
    return defineRelation(this, type, Target, params);
  };
}

const STATIC_DESCRIPTORS: PropertyDescriptorMap = {
  [MIXED]: hidden(true),
  ...descriptors(callbackifyAll(STATIC_METHODS)),
  findOrCreate: hidden(findOrCreate),
  scope: hidden(scope),
  belongsTo: hidden(relationMethod('belongsTo')),
  hasMany: hidden(relationMethod('hasMany')),
  hasOne: hidden(relationMethod('hasOne')),
  // Prepared reads are made synchronously (they compile on first run): no callback form.
  prepareFind: hidden(function (this: ModelClass, filter?: never, options?: never) {
    return prepared.prepareFind(this, filter, options);
  }),
  prepareCount: hidden(function (this: ModelClass, where?: never) {
    return prepared.prepareCount(this, where);
  }),
  prepareBatchRead: hidden(function (this: ModelClass, spec?: never) {
    return prepared.prepareBatchRead(this, spec);
  }),
  // Discograph's own (no callback form): DAO calls as one transaction (dao-unit.ts).
  runAtomically: hidden(function (this: ModelClass, work: never, options?: never) {
    return unit.runAtomically(this, work, options);
  }),
};

const PROTOTYPE_DESCRIPTORS: PropertyDescriptorMap = {
  ...descriptors(callbackifyAll(PROTOTYPE_METHODS)),
  isNewRecord: hidden(function (this: ModelInstance) {
    return instanceMethods.isNewRecord(this);
  }),
};

/**
 * ModelBaseClass with the DAO, Inclusion, relation and scope methods defined once: the root of
 * the models a DataSource defines, which inherit the methods instead of receiving copies (copying
 * some 40 properties onto each of 1,000 classes costs ~25 MB of short-lived hidden-class data).
 */
export const DataAccessModel: typeof ModelBaseClass = class DataAccessModel extends ModelBaseClass {};
Object.defineProperties(DataAccessModel, STATIC_DESCRIPTORS);
Object.defineProperties(DataAccessModel.prototype, PROTOTYPE_DESCRIPTORS);

/** Adds the DAO, Inclusion, relation and scope methods to a model class (once). */
export function mixinDao(Model: ModelClass): ModelClass {
  if (Object.hasOwn(Model, MIXED)) return Model;
  if (Model.prototype instanceof DataAccessModel) {
    Object.defineProperty(Model, MIXED, hidden(true));
  } else {
    Object.defineProperties(Model, STATIC_DESCRIPTORS);
    Object.defineProperties(Model.prototype, PROTOTYPE_DESCRIPTORS);
  }
  ownRelations(Model);
  wireDeclaredRelations(Model);
  return Model;
}
