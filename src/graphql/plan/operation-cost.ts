/**
 * The estimated cost of an operation, computed once from its plan: for every field that reads the
 * database, the rows it is expected to read (times the rows of the field above it), plus one per
 * statement it sends. Rows come from the database's own statistics where it keeps them (PostgreSQL
 * `pg_class.reltuples`, MariaDB/MySQL `information_schema.TABLES.TABLE_ROWS`), bounded by page
 * sizes: a root list reads min(its page, the table's rows); a hasMany list reads, per parent row,
 * min(its page, the target's rows per owner row) — the page itself where no statistics are known.
 * A page a variable decides counts as the maximum page size.
 *
 * @example
 * // albums(limit: 20) { tracks { name } } on Chinook (347 albums, 3,503 tracks):
 * // albums: 20 rows, 1 statement; albums.tracks: 20 × min(100, ⌈3503 / 347⌉ = 11) = 220 rows (read
 * // with its parents on PostgreSQL: no statement) → cost 20 + 220 + 1 = 241
 */
import { isSlot } from '../../juggler/filter/filter-slot.js';
import type { PageSizes } from '../limits/query-limits.js';
import type { FieldPlan } from './field-plan.js';
import type { OperationPlan } from './operation-plan.js';

/** Estimated rows per model name (what the database's statistics say; unknown models are absent). */
export type RowEstimates = ReadonlyMap<string, number>;

/** The estimate of one field of a plan. */
export interface FieldCost {
  path: string;
  /** Rows it is expected to read in all (for every parent row). */
  rows: number;
  /** Statements it sends. */
  statements: number;
}

/** The estimated cost of an operation. */
export interface OperationCost {
  /** Rows read plus statements sent: what `maxCost` limits. */
  cost: number;
  rows: number;
  statements: number;
  fields: FieldCost[];
}

/** The page a field reads: its literal page size, the maximum for a variable, the default without one. */
function pageOf(value: unknown, pageSizes: PageSizes, dynamic: boolean): number {
  if (typeof value === 'number') return value;
  if (isSlot(value) || dynamic) return pageSizes.max;
  return pageSizes.default;
}

function connectionPage(field: FieldPlan, pageSizes: PageSizes): number {
  const args = field.template.args;
  if (!args) return pageSizes.max;
  const first = args.first;
  const last = args.last;
  if (first === undefined && last === undefined) return pageSizes.default;
  return Math.max(
    first === undefined ? 0 : pageOf(first, pageSizes, false),
    last === undefined ? 0 : pageOf(last, pageSizes, false),
  );
}

function rowsPerParent(field: FieldPlan, estimates: RowEstimates, pageSizes: PageSizes): number {
  const table = estimates.get(field.names.source.name);
  const bounded = (page: number) => (table === undefined ? page : Math.min(page, table));
  switch (field.kind) {
    case 'count':
    case 'single':
      return 1;
    case 'list':
      return bounded(pageOf(field.template.args?.limit, pageSizes, field.template.args === undefined));
    case 'connection':
      return bounded(connectionPage(field, pageSizes));
    case 'relation': {
      const { relation } = field;
      if (!relation.multiple) return 1;
      const page = pageOf(
        field.template.args?.limit ?? relation.scope?.limit,
        pageSizes,
        field.template.args === undefined,
      );
      const owners = estimates.get(relation.modelFrom);
      if (table === undefined || owners === undefined) return page;
      return Math.min(page, table, Math.ceil(table / Math.max(1, owners)));
    }
  }
}

function statementsOf(field: FieldPlan): number {
  switch (field.kind) {
    case 'connection':
      return field.wantsTotal ? 2 : 1;
    case 'relation':
      if (field.joinedWithParent) return 0;
      // Through a join table: one statement where the connector joins it to the targets, else two.
      if (field.relation.type !== 'hasManyThrough') return 1;
      return field.owner.dataSource?.connector?.capabilities.throughReads === true ? 1 : 2;
    default:
      return 1;
  }
}

/** The rows of the nearest field above `path` that reads the database (1 at the root). */
function parentRows(path: string, rowsByPath: ReadonlyMap<string, number>): number {
  for (let end = path.lastIndexOf('.'); end > 0; end = path.lastIndexOf('.', end - 1)) {
    const rows = rowsByPath.get(path.slice(0, end));
    if (rows !== undefined) return rows;
  }
  return 1;
}

/** The estimated cost of `plan` with the database's row `estimates` and the page sizes lists are held to. */
export function operationCost(
  plan: OperationPlan,
  estimates: RowEstimates,
  pageSizes: PageSizes,
): OperationCost {
  const rowsByPath = new Map<string, number>();
  const fields: FieldCost[] = [];
  let rows = 0;
  let statements = 0;
  for (const field of plan.fields) {
    const fieldRows = parentRows(field.path, rowsByPath) * rowsPerParent(field, estimates, pageSizes);
    const fieldStatements = statementsOf(field);
    rowsByPath.set(field.path, fieldRows);
    fields.push({ path: field.path, rows: fieldRows, statements: fieldStatements });
    rows += fieldRows;
    statements += fieldStatements;
  }
  return { cost: Math.min(Number.MAX_SAFE_INTEGER, Math.ceil(rows) + statements), rows, statements, fields };
}
