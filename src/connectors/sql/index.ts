/**
 * What every SQL connector shares: the `sql` template, the dialect interface, the filter
 * compiler, CRUD statement builders, per-model plans and the base connector class.
 */

export {
  BoundSource,
  BoundValue,
  bindValues,
  boundList,
  constantList,
  type SqlList,
} from './bound-values.js';
export { prepareSqlCount, prepareSqlRead, READY, type SqlReadHost } from './compiled-read.js';
export { compileOrderBy, compileOrderList, compileWhere, compileWhereClause } from './filter-compiler.js';
export {
  type CompiledJoins,
  compileJoins,
  hasLists,
  type JoinCompiler,
  joinCompiler,
} from './join-compiler.js';
export { ModelPlanCache, type SqlModelPlan } from './model-plan.js';
export {
  compileRowShaper,
  type NestedShape,
  type RowShape,
  type RowShaper,
  type ShapeColumn,
  type ValueReader,
} from './row-shaper.js';
export { SqlConnector, type SqlQueryOptions, type SqlQueryResult } from './sql-connector.js';
export type { LikeOptions, SqlDialect } from './sql-dialect.js';
export {
  type CompiledSql,
  type RenderedStatement,
  renderSql,
  renderStatement,
  renderStatic,
  SqlFragment,
  type SqlPart,
  type StaticSql,
  sql,
} from './sql-template.js';
export {
  type Assignments,
  buildCount,
  buildDelete,
  buildGroupedSelect,
  buildInsert,
  buildJoinedGroupedSelect,
  buildJoinedSelect,
  buildSelect,
  buildUpdate,
  buildUpsert,
  collectAssignments,
  type GroupedRead,
  JOIN_PARENT_ALIAS,
  type JoinedStatement,
} from './statement-builders.js';
export { StatementObservers } from './statement-observers.js';
