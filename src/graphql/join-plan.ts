/**
 * Lookahead for belongsTo joins: which belongsTo relations a field's selection asks for under
 * the rows it fetches (recursively through belongsTo chains), so that the fetch reads them in the
 * same statement (`find(filter, {raw: true, join})`) instead of one loader statement per level.
 * hasMany levels keep their own statement (with their own belongsTo chains joined in).
 *
 * Derived once per field node, like field-selection.ts, and deliberately variable-independent
 * (`@skip`/`@include` ignored): joining a relation too many is harmless. Aliases of one relation
 * with different sub-selections are merged (belongsTo fields take no arguments), so the joined
 * object carries every property any of them selects. Relations with a scope are left to the
 * loaders (a join cannot apply the scope's filter), and so is whatever lies past `MAX_JOINS`
 * tables in one statement: the loader of that field then joins its own chain.
 *
 * @example
 * // { invoiceLines { quantity track { name album { title artist { name } } } } } on Invoice, at invoiceLines:
 * // specs: [{relation: 'track', fields: ['trackId', 'name', 'albumId'],
 * //          join: [{relation: 'album', fields: ['albumId', 'title', 'artistId'],
 * //                  join: [{relation: 'artist', fields: ['artistId', 'name']}]}]}]
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo } from 'graphql';
import type { JoinSpec, ResolvedRelation } from '../juggler/model-types.js';
import { collectFields, rowSelections, type SelectionShape, selectedProperties } from './field-selection.js';
import type { ModelNames } from './schema-names.js';

/** How many tables one statement joins at most (beyond, a belongsTo goes through its loader). */
export const MAX_JOINS = 12;

/** A belongsTo relation joined under a fetch, with what it reads and what it joins in turn. */
export interface JoinedRelation {
  relation: ResolvedRelation;
  /** The target's properties, exactly as the relation's loader would select them. */
  fields: readonly string[];
  nested: JoinPlan;
}

/** The belongsTo joins of one fetch. */
export interface JoinPlan {
  /** What the DAO receives (`options.join`); empty when nothing is joined. */
  readonly specs: readonly JoinSpec[];
  readonly relations: readonly JoinedRelation[];
  /** Identifies the plan in loader ids (`''` when nothing is joined). */
  readonly key: string;
}

/** The plan that joins nothing. */
export const NO_JOINS: JoinPlan = { specs: [], relations: [], key: '' };

/** The model names of a model name in the schema, if it has any. */
export type NamesLookup = (modelName: string) => ModelNames | undefined;

const cache = new WeakMap<FieldNode, Map<string, JoinPlan>>();

/** Whether the lookahead joins a relation of `model` (belongsTo, unscoped, named unlike any property). */
export function isJoinable(relation: ResolvedRelation, model: ModelNames): boolean {
  return (
    relation.type === 'belongsTo' &&
    relation.scope === undefined &&
    !model.source.properties.some((property) => property.name === relation.name)
  );
}

function build(
  sets: ReturnType<typeof rowSelections>,
  fragments: Record<string, FragmentDefinitionNode>,
  model: ModelNames,
  namesOf: NamesLookup,
  budget: { tables: number },
): JoinPlan {
  const fields = new Map<string, FieldNode[]>();
  for (const set of sets) collectFields(set, fragments, fields);
  const relations: JoinedRelation[] = [];
  for (const relation of model.source.relations) {
    const nodes = fields.get(model.relationFields.get(relation.name) as string);
    if (!nodes || !isJoinable(relation, model) || budget.tables >= MAX_JOINS) continue;
    const target = namesOf(relation.modelTo);
    if (!target) continue;
    budget.tables++;
    const subSets = nodes.map((node) => node.selectionSet).filter((set) => set !== undefined);
    relations.push({
      relation,
      fields: selectedProperties(nodes, fragments, target),
      nested: build(subSets, fragments, target, namesOf, budget),
    });
  }
  if (relations.length === 0) return NO_JOINS;
  const specs = relations.map(({ relation, fields: selected, nested }) => ({
    relation: relation.name,
    fields: selected,
    ...(nested.specs.length > 0 ? { join: nested.specs } : {}),
  }));
  const key = relations
    .map(({ relation, fields: selected, nested }) => `${relation.name}(${selected.join(',')})[${nested.key}]`)
    .join(';');
  return { specs, relations, key };
}

/** The join plan of the rows `nodes` fetch from `model` (cached per field node). */
export function joinPlan(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  model: ModelNames,
  namesOf: NamesLookup,
  shape: SelectionShape = 'rows',
): JoinPlan {
  const first = nodes[0];
  const cacheKey = `${model.source.name}:${shape}:${nodes.length}`;
  const cached = first ? cache.get(first)?.get(cacheKey) : undefined;
  if (cached) return cached;
  const plan = build(rowSelections(nodes, shape, fragments), fragments, model, namesOf, { tables: 0 });
  if (first) {
    const perNode = cache.get(first) ?? new Map<string, JoinPlan>();
    perNode.set(cacheKey, plan);
    cache.set(first, perNode);
  }
  return plan;
}

/** `joinPlan` for the field a resolver is resolving. */
export function joinPlanOf(
  info: GraphQLResolveInfo,
  model: ModelNames,
  namesOf: NamesLookup,
  shape: SelectionShape = 'rows',
): JoinPlan {
  return joinPlan(info.fieldNodes, info.fragments, model, namesOf, shape);
}
