/**
 * What every SQL connector shares: the `sql` template, the dialect interface, the filter
 * compiler, CRUD statement builders, per-model plans and the base connector class.
 */
export { compileOrderBy, compileOrderList, compileWhere, compileWhereClause } from './filter-compiler.js';
export { ModelPlanCache, type SqlModelPlan } from './model-plan.js';
export { SqlConnector, type SqlQueryOptions, type SqlQueryResult } from './sql-connector.js';
export type { LikeOptions, SqlDialect } from './sql-dialect.js';
export {
  type CompiledSql,
  renderSql,
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
  buildSelect,
  buildUpdate,
  buildUpsert,
  collectAssignments,
} from './statement-builders.js';
export { StatementObservers } from './statement-observers.js';
