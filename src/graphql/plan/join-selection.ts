/**
 * Which relations a read takes with its rows: the belongsTo relations and hasMany (and
 * hasManyThrough) lists its field's selection asks for under the rows it fetches (recursively),
 * read in the same statement (`find(filter, {raw: true, join})`) instead of one loader statement
 * per level. Lists are joined only where the target's connector nests lists in one statement
 * (PostgreSQL; a hasManyThrough where it also reads through a join table) or joins nothing
 * (MongoDB: the juggler reads each joined relation apart, a level's relations together, so a
 * list no longer waits for its parents' belongsTo reads), and only
 * when every selection of the list field has the same arguments without variables (the list is
 * then the same whichever alias asks); the others keep their loader statement, with their own
 * belongsTo chains joined in. Decided once, when the operation is planned.
 *
 * `@skip`/`@include` are ignored: joining a relation too many is harmless. Aliases of one relation
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
  type GraphQLSchema,
  getArgumentValues,
  isObjectType,
  Kind,
  print,
  type ValueNode,
} from 'graphql';
import type { Filter } from '../../juggler/filter/filter-types.js';
import type { JoinSpec, ResolvedRelation } from '../../juggler/model-types.js';
import type { ListArguments } from '../filter-arguments.js';
import type { PageSizes } from '../limits/query-limits.js';
import { relationFilter } from '../relation-filter.js';
import type { ModelNames } from '../schema-names.js';
import { collectFields, rowSelections, type SelectionShape, selectedProperties } from './selection.js';

/** How many tables one statement joins at most (beyond, a belongsTo goes through its loader). */
export const MAX_JOINS = 12;

/** The relations one read takes with its rows. */
export interface JoinSelection {
  /** What the juggler receives (`options.join`); empty when nothing is joined. */
  readonly specs: readonly JoinSpec[];
  /** Identifies the selection among a plan's reads (`''` when nothing is joined). */
  readonly key: string;
}

/** The selection that joins nothing. */
export const NO_JOINS: JoinSelection = { specs: [], key: '' };

/** The model names of a model name in the schema, if it has any. */
export type NamesLookup = (modelName: string) => ModelNames | undefined;

/** What the lookahead asks about the schema's models. */
export interface JoinLookup {
  namesOf: NamesLookup;
  /**
   * Whether lists of the model are taken with their parents' read: nested in the statement
   * (PostgreSQL), or read apart beside the parents' belongsTo reads (connectors that join nothing).
   */
  nestsLists(modelName: string): boolean;
  /** Whether the model's connector reads through a join model (hasManyThrough) in one statement. */
  readsThrough?(modelName: string): boolean;
}

/**
 * Whether a relation of `model` may be read with its parents (belongsTo, hasMany or
 * hasManyThrough, unscoped, named unlike any property, so that a value under its name in a row can
 * only be a joined one).
 */
export function isJoinable(relation: ResolvedRelation, model: ModelNames): boolean {
  return (
    relation.type !== 'hasOne' &&
    relation.scope === undefined &&
    !model.source.properties.some((property) => property.name === relation.name)
  );
}

interface BuildContext {
  fragments: Record<string, FragmentDefinitionNode>;
  lookup: JoinLookup;
  schema: GraphQLSchema | undefined;
  pageSizes: PageSizes | undefined;
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
  pageSizes: PageSizes | undefined,
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
    return relationFilter(
      relation,
      target,
      getArgumentValues(field, first) as ListArguments,
      undefined,
      pageSizes,
    );
  } catch {
    // Invalid arguments: the field's own resolver reports them.
    return undefined;
  }
}

function build(
  sets: ReturnType<typeof rowSelections>,
  model: ModelNames,
  context: BuildContext,
): JoinSelection {
  const fields = new Map<string, FieldNode[]>();
  for (const set of sets) collectFields(set, context.fragments, fields);
  const specs: JoinSpec[] = [];
  const keys: string[] = [];
  for (const relation of model.source.relations) {
    const nodes = fields.get(model.relationFields.get(relation.name) as string);
    if (!nodes || !isJoinable(relation, model) || context.budget.tables >= MAX_JOINS) continue;
    const target = context.lookup.namesOf(relation.modelTo);
    if (!target) continue;
    let list: Filter | undefined;
    if (relation.multiple) {
      if (!context.lookup.nestsLists(relation.modelTo)) continue;
      if (relation.type === 'hasManyThrough' && context.lookup.readsThrough?.(relation.modelTo) !== true)
        continue;
      list = listFilter(relation, model, target, nodes, context.schema, context.pageSizes);
      if (!list) continue;
    }
    context.budget.tables++;
    const subSets = nodes.map((node) => node.selectionSet).filter((set) => set !== undefined);
    const selected = selectedProperties(nodes, context.fragments, target);
    const nested = build(subSets, target, context);
    specs.push({
      relation: relation.name,
      fields: selected,
      ...(nested.specs.length > 0 ? { join: nested.specs } : {}),
      ...(list ? { filter: list } : {}),
    });
    keys.push(`${relation.name}(${selected.join(',')})${list ? JSON.stringify(list) : ''}[${nested.key}]`);
  }
  return specs.length === 0 ? NO_JOINS : { specs, key: keys.join(';') };
}

/**
 * The relations the rows `nodes` fetch from `model` take with them. hasMany lists are joined only
 * when `schema` is given (their arguments are coerced through it), each reading at most a page per
 * parent (`pageSizes`).
 */
export function joinSelection(
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  model: ModelNames,
  lookup: JoinLookup,
  shape: SelectionShape = 'rows',
  schema?: GraphQLSchema,
  pageSizes?: PageSizes,
): JoinSelection {
  const context: BuildContext = { fragments, lookup, schema, pageSizes, budget: { tables: 0 } };
  return build(rowSelections(nodes, shape, fragments), model, context);
}
