/**
 * The operation plan: for one operation of one document, how every field that reads a model is
 * answered (see field-plan.ts), built once when the operation is first prepared and kept with it.
 * Resolvers look their field up by field node and run its prepared read with the request's
 * variables; nothing is cached by object identity anywhere else, and nothing in a plan depends on
 * who is asking beyond the schema it was planned on (a server with role rules keeps one schema, and
 * so one set of plans, per role) — per-caller rules apply when a read runs (the juggler's `access`
 * hooks, with the caller's values as parameters), never to what is cached.
 *
 * A plan says what it depends on: the variables its reads bind (`variables`), and the fields
 * whose read shape a variable decides (`dynamic`: built per request).
 *
 * @example
 * const document = parse('query Q4 { tracks(where: {unitPrice: {gt: 0.99}}, limit: 20) { name } }');
 * const plan = new OperationPlanner(env).plan(document, getOperationAST(document) as OperationDefinitionNode);
 * console.log(await printOperationPlan(plan));
 * // operation Q4 (query)
 * // tracks: list of Track
 * //   fields: trackId, name
 * //   filter: {"where":{"unitPrice":{"gt":"0.99"}},"order":["trackId ASC"],"limit":20}
 * //   statement: SELECT "track_id" AS "trackId", "name" FROM "public"."track" WHERE ...
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { PreparedBatchRead } from '../../juggler/dao/prepared-read-types.js';
import type { JoinSpec, ResolvedRelation } from '../../juggler/model-types.js';
import type { PageSizes } from '../limits/query-limits.js';
import type { GraphQLModelClass } from '../model-class.js';
import type { EmbeddedNames, ModelNames, SchemaNames } from '../schema-names.js';
import { argumentTemplate } from './argument-template.js';
import {
  ConnectionFieldPlan,
  CountFieldPlan,
  type FieldPlan,
  ListFieldPlan,
  RelationFieldPlan,
  SingleFieldPlan,
} from './field-plan.js';
import { type JoinLookup, joinSelection } from './join-selection.js';
import { selectedProperties, selectsField } from './selection.js';

/** What planning needs of a schema: its names, its model classes and its join abilities. */
export interface PlanEnv {
  readonly schema: GraphQLSchema;
  readonly names: SchemaNames;
  readonly models: ReadonlyMap<string, GraphQLModelClass>;
  readonly lookup: JoinLookup;
  /** The page sizes every list is held to (none: lists read what their arguments ask). */
  readonly pageSizes?: PageSizes;
}

/** A plan's field that a variable decides the shape of, and why. */
export interface DynamicField {
  path: string;
  reason: string;
}

/** The plan of one operation. */
export class OperationPlan {
  constructor(
    readonly operation: OperationDefinitionNode,
    /** Every field plan, in document order. */
    readonly fields: readonly FieldPlan[],
    private readonly byNode: ReadonlyMap<FieldNode, FieldPlan | null>,
  ) {}

  /** The operation's name, if it has one. */
  get name(): string | undefined {
    return this.operation.name?.value;
  }

  /** The variables the plan's prepared reads bind. */
  get variables(): string[] {
    return [...new Set(this.fields.flatMap((field) => field.template.variables))];
  }

  /** The fields whose read is built per request, because a variable decides its shape. */
  get dynamic(): DynamicField[] {
    return this.fields
      .filter((field) => field.template.dynamic !== undefined)
      .map((field) => ({ path: field.path, reason: field.template.dynamic as string }));
  }

  /**
   * The plan of the field `nodes` resolve (a field node found in two differently merged groups,
   * through a fragment spread twice, has none: its resolver plans it per request).
   */
  fieldOf(nodes: readonly FieldNode[]): FieldPlan | undefined {
    for (const node of nodes) {
      const plan = this.byNode.get(node);
      if (plan !== undefined) return plan ?? undefined;
    }
    return undefined;
  }
}

/** Where each root field and model type of a schema leads, indexed once per schema. */
interface SchemaIndex {
  /** Query field name → its model and kind. */
  roots: Map<string, { kind: 'list' | 'single' | 'count' | 'connection'; names: ModelNames }>;
  /** Model object type name → its names. */
  types: Map<string, ModelNames>;
  /** Model type name → relation field name → relation. */
  relations: Map<string, Map<string, ResolvedRelation>>;
  /** Embedded type name → relation field name → its belongsTo (`InvoiceLine.track`). */
  embeddedRelations: Map<string, Map<string, ResolvedRelation>>;
}

function indexEmbedded(index: SchemaIndex, embedded: ReadonlyMap<string, EmbeddedNames>): void {
  for (const names of embedded.values()) {
    if (names.relations.length > 0) {
      const byField = new Map<string, ResolvedRelation>();
      for (const relation of names.relations) {
        byField.set(names.relationFields.get(relation.name) as string, relation);
      }
      index.embeddedRelations.set(names.type, byField);
    }
    indexEmbedded(index, names.embedded);
  }
}

function indexOf(names: SchemaNames): SchemaIndex {
  const index: SchemaIndex = {
    roots: new Map(),
    types: new Map(),
    relations: new Map(),
    embeddedRelations: new Map(),
  };
  for (const model of names.models.values()) {
    index.roots.set(model.list, { kind: 'list', names: model });
    index.roots.set(model.count, { kind: 'count', names: model });
    if (model.source.idProperties.length > 0) {
      index.roots.set(model.single, { kind: 'single', names: model });
      index.roots.set(model.connectionField, { kind: 'connection', names: model });
    }
    index.types.set(model.type, model);
    const byField = new Map<string, ResolvedRelation>();
    for (const relation of model.source.relations) {
      byField.set(model.relationFields.get(relation.name) as string, relation);
    }
    index.relations.set(model.type, byField);
    indexEmbedded(index, model.embedded);
  }
  return index;
}

/** The fields selected under `sets`, fragments expanded, grouped by response key (alias or name). */
function responseGroups(
  sets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  into = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const group = into.get(key);
        if (group) group.push(selection);
        else into.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        responseGroups([selection.selectionSet], fragments, into, visited);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) responseGroups([fragment.selectionSet], fragments, into, visited);
      }
    }
  }
  return into;
}

interface PlanState {
  env: PlanEnv;
  index: SchemaIndex;
  fragments: Record<string, FragmentDefinitionNode>;
  fields: FieldPlan[];
  byNode: Map<FieldNode, FieldPlan | null>;
  reads: Map<string, PreparedBatchRead>;
}

function modelClass(state: PlanState, names: ModelNames): GraphQLModelClass {
  return state.env.models.get(names.source.name) as GraphQLModelClass;
}

function share(state: PlanState): (key: string, make: () => PreparedBatchRead) => PreparedBatchRead {
  return (key, make) => {
    let read = state.reads.get(key);
    if (!read) {
      read = make();
      state.reads.set(key, read);
    }
    return read;
  };
}

function rootPlan(
  state: PlanState,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  path: string,
): FieldPlan | undefined {
  const root = state.index.roots.get(field.name);
  if (!root) return undefined;
  const { names } = root;
  const { fragments, env } = state;
  const model = modelClass(state, names);
  const template = argumentTemplate(field.args, nodes[0]?.arguments);
  switch (root.kind) {
    case 'count':
      return new CountFieldPlan(path, nodes, names, model, template);
    case 'list': {
      const fields = selectedProperties(nodes, fragments, names);
      const join = joinSelection(nodes, fragments, names, env.lookup, 'rows', env.schema, env.pageSizes);
      return new ListFieldPlan(path, nodes, names, model, fields, join, template, env.pageSizes);
    }
    case 'connection': {
      const fields = selectedProperties(nodes, fragments, names, 'connection');
      const join = joinSelection(
        nodes,
        fragments,
        names,
        env.lookup,
        'connection',
        env.schema,
        env.pageSizes,
      );
      const wantsTotal = selectsField(nodes, fragments, 'totalCount');
      return new ConnectionFieldPlan(
        path,
        nodes,
        names,
        model,
        fields,
        join,
        template,
        wantsTotal,
        env.pageSizes,
      );
    }
    case 'single': {
      const fields = selectedProperties(nodes, fragments, names);
      const join = joinSelection(nodes, fragments, names, env.lookup, 'rows', env.schema, env.pageSizes);
      const key = `${names.source.name}#id|${fields.join(',')}|${join.key}`;
      const read = share(state)(key, () =>
        model.prepareBatchRead({ filter: { fields: [...fields] }, join: join.specs }),
      );
      return new SingleFieldPlan(path, nodes, names, fields, join, read);
    }
  }
}

function relationPlan(
  state: PlanState,
  parent: ModelNames,
  relation: ResolvedRelation,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  path: string,
  joinedWithParent = false,
): RelationFieldPlan | undefined {
  const target = state.env.names.models.get(relation.modelTo);
  if (!target) return undefined;
  const { fragments, env } = state;
  const fields = selectedProperties(nodes, fragments, target);
  const join = joinSelection(nodes, fragments, target, env.lookup, 'rows', env.schema, env.pageSizes);
  const template = argumentTemplate(field.args, nodes[0]?.arguments);
  const owner = modelClass(state, parent);
  return new RelationFieldPlan(
    path,
    nodes,
    target,
    owner,
    relation,
    fields,
    join,
    template,
    share(state),
    joinedWithParent,
    env.pageSizes,
  );
}

/**
 * The plan of a belongsTo of embedded documents (`lines { track { name } }`): the target's rows by
 * id, as a by-id field reads them (its loader batches every embedded document of the level).
 */
function embeddedRelationPlan(
  state: PlanState,
  relation: ResolvedRelation,
  nodes: readonly FieldNode[],
  path: string,
): SingleFieldPlan | undefined {
  const names = state.env.names.models.get(relation.modelTo);
  if (!names) return undefined;
  const { fragments, env } = state;
  const model = modelClass(state, names);
  const fields = selectedProperties(nodes, fragments, names);
  const join = joinSelection(nodes, fragments, names, env.lookup, 'rows', env.schema, env.pageSizes);
  const key = `${names.source.name}#id|${fields.join(',')}|${join.key}`;
  const read = share(state)(key, () =>
    model.prepareBatchRead({ filter: { fields: [...fields] }, join: join.specs }),
  );
  return new SingleFieldPlan(path, nodes, names, fields, join, read);
}

function remember(state: PlanState, plan: FieldPlan): void {
  state.fields.push(plan);
  for (const node of plan.nodes) {
    const known = state.byNode.get(node);
    // The same node merged differently elsewhere (a fragment spread twice): planned per request.
    state.byNode.set(node, known === undefined || known === plan ? plan : null);
  }
}

/**
 * Plans the fields selected under `sets` on `type`. `joined`: the relations the read that
 * produced these rows takes with them (a relation field among them answers from its parent row).
 */
function planSelections(
  state: PlanState,
  type: GraphQLObjectType,
  sets: readonly SelectionSetNode[],
  path: string,
  joined: readonly JoinSpec[] | undefined,
): void {
  const isQuery = type === state.env.schema.getQueryType();
  const model = state.index.types.get(type.name);
  for (const [key, nodes] of responseGroups(sets, state.fragments)) {
    const first = nodes[0] as FieldNode;
    const field = type.getFields()[first.name.value];
    if (!field) continue;
    const fieldPath = path ? `${path}.${key}` : key;
    let plan: FieldPlan | undefined;
    // Rows below a field: read by its own plan, or by the read that joined it, or (a connection's
    // edges, a mutation's result) by whatever read the rows above.
    let below = joined;
    if (isQuery) {
      plan = rootPlan(state, field, nodes, fieldPath);
      below = plan?.join.specs;
    } else if (model) {
      const relation = state.index.relations.get(type.name)?.get(field.name);
      if (relation) {
        const spec = joined?.find((candidate) => candidate.relation === relation.name);
        const relationField = relationPlan(
          state,
          model,
          relation,
          field,
          nodes,
          fieldPath,
          spec !== undefined,
        );
        plan = relationField;
        below = spec ? (spec.join ?? []) : relationField?.join.specs;
      }
    } else {
      const relation = state.index.embeddedRelations.get(type.name)?.get(field.name);
      if (relation) {
        plan = embeddedRelationPlan(state, relation, nodes, fieldPath);
        below = plan?.join.specs;
      }
    }
    if (plan) remember(state, plan);
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      const subSets = nodes.map((node) => node.selectionSet).filter((set) => set !== undefined);
      if (subSets.length > 0) planSelections(state, named, subSets, fieldPath, below);
    }
  }
}

/** Plans the operations of one schema (its root fields and model types indexed once). */
export class OperationPlanner {
  private readonly index: SchemaIndex;

  constructor(private readonly env: PlanEnv) {
    this.index = indexOf(env.names);
  }

  /** Plans `operation` of `document` (the fragments it spreads are read from `document`). */
  plan(document: DocumentNode, operation: OperationDefinitionNode): OperationPlan {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    const state = this.state(fragments);
    const { schema } = this.env;
    const root =
      operation.operation === 'query'
        ? schema.getQueryType()
        : operation.operation === 'mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (root) planSelections(state, root, [operation.selectionSet], '', undefined);
    return new OperationPlan(operation, state.fields, state.byNode);
  }

  /** Plans the operation a resolver is resolving a field of (its fragments from the resolve info). */
  planResolving(info: GraphQLResolveInfo): OperationPlan {
    const definitions = [info.operation, ...Object.values(info.fragments)];
    return this.plan({ kind: Kind.DOCUMENT, definitions }, info.operation);
  }

  /** Plans the one field a resolver is resolving (a field node the operation's plan leaves ambiguous). */
  planField(info: GraphQLResolveInfo): FieldPlan | undefined {
    const state = this.state(info.fragments);
    const field = info.parentType.getFields()[info.fieldName];
    if (!field) return undefined;
    const path = responsePath(info.path);
    if (info.parentType === this.env.schema.getQueryType())
      return rootPlan(state, field, info.fieldNodes, path);
    const model = this.index.types.get(info.parentType.name);
    const relation = this.index.relations.get(info.parentType.name)?.get(field.name);
    if (model && relation) return relationPlan(state, model, relation, field, info.fieldNodes, path);
    const embedded = this.index.embeddedRelations.get(info.parentType.name)?.get(field.name);
    return embedded ? embeddedRelationPlan(state, embedded, info.fieldNodes, path) : undefined;
  }

  private state(fragments: Record<string, FragmentDefinitionNode>): PlanState {
    return { env: this.env, index: this.index, fragments, fields: [], byNode: new Map(), reads: new Map() };
  }
}

/** `customer.invoices.0.total` as `customer.invoices.total` (list indexes left out). */
function responsePath(path: GraphQLResolveInfo['path'] | undefined): string {
  const keys: string[] = [];
  for (let at = path; at; at = at.prev) if (typeof at.key === 'string') keys.unshift(at.key);
  return keys.join('.');
}
