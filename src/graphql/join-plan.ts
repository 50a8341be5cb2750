/**
 * Lookahead for joins: which belongsTo relations and hasMany lists a field's selection asks for
 * under the rows it fetches (recursively), so that the fetch reads them in the same statement
 * (`find(filter, {raw: true, join})`) instead of one loader statement per level. hasMany lists are
 * joined only where the target's connector nests lists in one statement (PostgreSQL), and only
 * when every selection of the list field has the same arguments without variables (the list is
 * then the same whichever alias asks, and the plan stays variable-independent); the others keep
 * their loader statement, with their own belongsTo chains joined in.
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
import {
  type ArgumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getArgumentValues,
  isObjectType,
  Kind,
  print,
  type ValueNode,
} from 'graphql';
import { deepFreeze } from '../juggler/deep-freeze.js';
import type { Filter } from '../juggler/filter/filter-types.js';
import type { JoinSpec, ResolvedRelation } from '../juggler/model-types.js';
import { collectFields, rowSelections, type SelectionShape, selectedProperties } from './field-selection.js';
import type { ListArguments } from './filter-arguments.js';
import { relationFilter } from './relation-filter.js';
import type { ModelNames } from './schema-names.js';

/** How many tables one statement joins at most (beyond, a belongsTo goes through its loader). */
export const MAX_JOINS = 12;

/** A relation joined under a fetch, with what it reads and what it joins in turn. */
export interface JoinedRelation {
  relation: ResolvedRelation;
  /** The target's properties, exactly as the relation's loader would select them. */
  fields: readonly string[];
  nested: JoinPlan;
  /** A hasMany list: its filter (the field's arguments); undefined for a belongsTo object. */
  list?: Filter;
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

/** What the lookahead asks about the schema's models. */
export interface JoinLookup {
  namesOf: NamesLookup;
  /** Whether the model's connector reads hasMany lists inside their parents' statement. */
  nestsLists(modelName: string): boolean;
}

const cache = new WeakMap<FieldNode, Map<string, JoinPlan>>();

/**
 * Whether a relation of `model` may be read with its parents (belongsTo or hasMany, unscoped,
 * named unlike any property, so that a value under its name in a row can only be a joined one).
 */
export function isJoinable(relation: ResolvedRelation, model: ModelNames): boolean {
  return (
    (relation.type === 'belongsTo' || relation.type === 'hasMany') &&
    relation.scope === undefined &&
    !model.source.properties.some((property) => property.name === relation.name)
  );
}

interface BuildContext {
  fragments: Record<string, FragmentDefinitionNode>;
  lookup: JoinLookup;
  schema: GraphQLSchema | undefined;
  budget: { tables: number };
}

function hasVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(hasVariable);
    case Kind.OBJECT:
      return value.fields.some((field) => hasVariable(field.value));
    default:
      return false;
  }
}

function argumentsKey(args: readonly ArgumentNode[] | undefined): string {
  return (args ?? []).map(print).sort().join(',');
}

/**
 * The list filter of a hasMany field whose selections all have the same variable-free arguments,
 * or undefined when they differ, use variables or the field is not in the schema.
 */
function listFilter(
  relation: ResolvedRelation,
  model: ModelNames,
  target: ModelNames,
  nodes: readonly FieldNode[],
  schema: GraphQLSchema | undefined,
): Filter | undefined {
  const [first] = nodes;
  if (!first || !schema) return undefined;
  const key = argumentsKey(first.arguments);
  for (const node of nodes) {
    if (node.arguments?.some((argument) => hasVariable(argument.value))) return undefined;
    if (argumentsKey(node.arguments) !== key) return undefined;
  }
  const type = schema.getType(model.type);
  const field: GraphQLField<unknown, unknown> | undefined = isObjectType(type)
    ? type.getFields()[first.name.value]
    : undefined;
  if (!field) return undefined;
  try {
    return relationFilter(relation, target, getArgumentValues(field, first) as ListArguments);
  } catch {
    // Invalid arguments: the field's own resolver reports them.
    return undefined;
  }
}

function build(sets: ReturnType<typeof rowSelections>, model: ModelNames, context: BuildContext): JoinPlan {
  const fields = new Map<string, FieldNode[]>();
  for (const set of sets) collectFields(set, context.fragments, fields);
  const relations: JoinedRelation[] = [];
  for (const relation of model.source.relations) {
    const nodes = fields.get(model.relationFields.get(relation.name) as string);
    if (!nodes || !isJoinable(relation, model) || context.budget.tables >= MAX_JOINS) continue;
    const target = context.lookup.namesOf(relation.modelTo);
    if (!target) continue;
    let list: Filter | undefined;
    if (relation.type === 'hasMany') {
      if (!context.lookup.nestsLists(relation.modelTo)) continue;
      list = listFilter(relation, model, target, nodes, context.schema);
      if (!list) continue;
    }
    context.budget.tables++;
    const subSets = nodes.map((node) => node.selectionSet).filter((set) => set !== undefined);
    const joined: JoinedRelation = {
      relation,
      fields: selectedProperties(nodes, context.fragments, target),
      nested: build(subSets, target, context),
    };
    if (list) joined.list = list;
    relations.push(joined);
  }
  if (relations.length === 0) return NO_JOINS;
  const specs = relations.map(({ relation, fields: selected, nested, list }) => ({
    relation: relation.name,
    fields: selected,
    ...(nested.specs.length > 0 ? { join: nested.specs } : {}),
    ...(list ? { filter: list } : {}),
  }));
  const key = relations
    .map(
      ({ relation, fields: selected, nested, list }) =>
        `${relation.name}(${selected.join(',')})${list ? JSON.stringify(list) : ''}[${nested.key}]`,
    )
    .join(';');
  // Frozen: the plan is cached per field node, and the juggler validates frozen specs only once.
  return { specs: deepFreeze(specs), relations, key };
}

/**
 * The join plan of the rows `nodes` fetch from `model` (cached per field node). hasMany lists are
 * joined only when `schema` is given (their arguments are coerced through it).
 */
export function joinPlan(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  model: ModelNames,
  lookup: JoinLookup,
  shape: SelectionShape = 'rows',
  schema?: GraphQLSchema,
): JoinPlan {
  const first = nodes[0];
  const cacheKey = `${model.source.name}:${shape}:${nodes.length}`;
  const cached = first ? cache.get(first)?.get(cacheKey) : undefined;
  if (cached) return cached;
  const context: BuildContext = { fragments, lookup, schema, budget: { tables: 0 } };
  const plan = build(rowSelections(nodes, shape, fragments), model, context);
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
  lookup: JoinLookup,
  shape: SelectionShape = 'rows',
): JoinPlan {
  return joinPlan(info.fieldNodes, info.fragments, model, lookup, shape, info.schema);
}
