/**
 * `find(filter, {raw: true, join})`: belongsTo targets and hasMany (and hasManyThrough) lists read
 * with their parent rows and nested under the relation name. Specs are validated against the
 * models first (belongsTo or unscoped hasMany/hasManyThrough, known properties, a valid list filter, no name clash with a
 * property). When the connector joins (SQL) and every target lives on the same data source, the
 * whole tree becomes `JoinRequest`s for one statement (lists included where the connector nests
 * them); otherwise each relation is one batch read per level, nested the same way (model-read.ts).
 * A target model with `access` or `loaded` listeners is always read apart, through its own reads,
 * so that its hooks apply to the rows nested under its parents.
 */
import type { Connector } from '../connector/connector.js';
import type { JoinRequest, ListJoin } from '../connector/join-request.js';
import { resolveConnectorModel } from '../connector/resolve-connector-model.js';
import { InvalidArgumentError } from '../errors.js';
import type { FilterModel } from '../filter/filter-schema.js';
import type { Filter, NormalizedFilter } from '../filter/filter-types.js';
import { normalizeFields, normalizeFilter } from '../filter/normalize-filter.js';
import type { JoinSpec, ResolvedRelation } from '../model-types.js';
import { hasObservers } from '../observer.js';
import { headProperty } from '../relations/key-utils.js';
import { getRelation, relatedModel } from '../relations/relation-registry.js';
import type { ModelClass } from './model-class.js';

/** One validated join: the relation, its target class and the target properties to read. */
export interface ResolvedJoin {
  relation: ResolvedRelation;
  /** The model the relation belongs to (the parent rows' model). */
  Parent: ModelClass;
  Target: ModelClass;
  /** Target properties to read (ids, the relation's key and the keys of nested joins included), or undefined for all. */
  fields: string[] | undefined;
  join: ResolvedJoin[];
  /** hasMany, hasManyThrough: each parent's list filter (validated); undefined for a belongsTo. */
  list?: ListJoin;
  /** hasMany, hasManyThrough: the list filter as given (for connectors that do not join). */
  listFilter?: Filter;
  /** hasManyThrough: the join model. */
  Through?: ModelClass;
}

function invalid(Model: ModelClass, spec: JoinSpec, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`Cannot join \`${spec.relation}\` of ${Model.modelName}: ${why}`, {
    model: Model.modelName,
    relation: spec.relation,
  });
}

function withKeys(fields: string[] | undefined, keys: readonly string[]): string[] | undefined {
  return fields === undefined ? undefined : [...new Set([...fields, ...keys])];
}

/** The properties of `Model` its joins read keys from (they must be among the parent's fields). */
export function joinKeys(Model: ModelClass, specs: readonly JoinSpec[]): string[] {
  return specs.flatMap((spec) => getRelation(Model, spec.relation).keyFrom);
}

/** Validates join specs of `Model` (recursively) and resolves their relations and target fields. */
export function resolveJoins(Model: ModelClass, specs: readonly JoinSpec[]): ResolvedJoin[] {
  if (!Array.isArray(specs)) {
    throw new InvalidArgumentError(
      `\`join\` of ${Model.modelName} must be an array of {relation, fields, join}`,
      {
        model: Model.modelName,
      },
    );
  }
  const seen = new Set<string>();
  return specs.map((spec) => {
    const relation = getRelation(Model, spec.relation);
    if (relation.type === 'hasOne') {
      throw invalid(
        Model,
        spec,
        `it is a ${relation.type} relation; join reads belongsTo, hasMany and hasManyThrough relations (use include)`,
      );
    }
    if (relation.type === 'belongsTo' && relation.scope?.where !== undefined) {
      throw invalid(Model, spec, 'its scope filters the target, which a join cannot apply (use include)');
    }
    if (relation.multiple && relation.scope !== undefined) {
      throw invalid(Model, spec, 'its scope filters the list, which a join does not apply (use include)');
    }
    if (relation.type === 'belongsTo' && spec.filter !== undefined) {
      throw invalid(Model, spec, 'a filter applies to hasMany lists only');
    }
    if (Object.hasOwn(Model.definition.properties, relation.name)) {
      throw invalid(
        Model,
        spec,
        `the model has a property of the same name, under which the target would be nested`,
      );
    }
    if (seen.has(relation.name)) throw invalid(Model, spec, 'it is listed twice');
    seen.add(relation.name);
    const Target = relatedModel(Model, relation.modelTo);
    const nested = resolveJoins(Target, spec.join ?? []);
    // Validates the names (UNKNOWN_PROPERTY with a suggestion) and adds the ids.
    const requested = normalizeFields(filterModelOf(Target), spec.fields);
    // A key inside embedded documents (`lines.trackId`) is read with the property holding them.
    const keys = [...relation.keyTo.map(headProperty), ...nested.flatMap((join) => join.relation.keyFrom)];
    const resolved: ResolvedJoin = {
      relation,
      Parent: Model,
      Target,
      fields: withKeys(requested, keys),
      join: nested,
    };
    if (relation.type === 'hasManyThrough')
      resolved.Through = relatedModel(Model, relation.through as string);
    if (relation.multiple) {
      const listFilter: Filter = { ...(spec.filter ?? {}) };
      resolved.list = listJoin(normalizeFilter(filterModelOf(Target), listFilter));
      resolved.listFilter = listFilter;
    }
    return resolved;
  });
}

function listJoin(filter: NormalizedFilter): ListJoin {
  const { where, order, limit, skip } = filter;
  return {
    ...(where ? { where } : {}),
    ...(order ? { order } : {}),
    ...(limit !== undefined ? { limit } : {}),
    ...(skip ? { skip } : {}),
  };
}

/** What field names are checked against: the cached ConnectorModel when the target is connected. */
function filterModelOf(Target: ModelClass): FilterModel {
  const connector = Target.dataSource?.connector;
  return connector ? resolveConnectorModel(Target.definition, connector) : Target.definition;
}

/**
 * The joins as one statement's `JoinRequest`s, or undefined when the connector cannot join or a
 * target lives on another data source.
 */
export function joinRequests(
  Model: ModelClass,
  connector: Connector,
  joins: readonly ResolvedJoin[],
): JoinRequest[] | undefined {
  if (!connector.capabilities.joins) return undefined;
  const requests: JoinRequest[] = [];
  for (const join of joins) {
    if (join.Target.dataSource !== Model.dataSource) return undefined;
    const nested = joinRequests(join.Target, connector, join.join);
    if (!nested) return undefined;
    const { relation, Through } = join;
    const request: JoinRequest = {
      as: relation.name,
      model: resolveConnectorModel(join.Target.definition, connector),
      from: relation.keyFrom,
      to: relation.keyTo,
    };
    if (Through) {
      if (Through.dataSource !== Model.dataSource || !connector.capabilities.throughReads) return undefined;
      request.through = {
        model: resolveConnectorModel(Through.definition, connector),
        from: relation.throughFrom ?? [],
        to: relation.throughTo ?? [],
      };
    }
    if (join.fields) request.fields = join.fields;
    if (nested.length > 0) request.join = nested;
    if (join.list) request.list = join.list;
    requests.push(request);
  }
  return requests;
}

/** Whether a model of the joins (at any depth) has `access` or `loaded` listeners. */
export function joinsObserved(joins: readonly ResolvedJoin[]): boolean {
  for (const join of joins) {
    if (hasObservers(join.Target, 'access') || hasObservers(join.Target, 'loaded')) return true;
    const { Through } = join;
    if (Through && (hasObservers(Through, 'access') || hasObservers(Through, 'loaded'))) return true;
    if (joinsObserved(join.join)) return true;
  }
  return false;
}
