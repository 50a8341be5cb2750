/**
 * Statements of reads without parameters, with their values written in. A GraphQL operation's
 * literals (`tracks(where: { unitPrice: { gt: 0.99 } }, limit: 20)`) reach the connector as a read
 * prepared once and run on every request with the same values (`PrepareReadOptions.reused`). Sent
 * with parameters, PostgreSQL keeps planning such a statement at every execution whenever its
 * generic plan looks dearer than the plans for the values seen (a range filter is costed at a
 * third of the table without its value), which on Chinook Q4 was a tenth of the database's time
 * per request. Without parameters a prepared statement is planned once, for its real values.
 *
 * Each distinct text becomes a prepared statement on every connection, so a connector inlines at
 * most `MAX_CONSTANT_STATEMENTS` distinct texts: a client that writes ever-new literals into its
 * documents gets parameters again once the budget is spent, instead of filling the prepared-
 * statement budget with statements run once.
 */
import type { SqlDialect } from './sql-dialect.js';
import { type RenderedStatement, renderSqlWithConstants, type SqlFragment } from './sql-template.js';

/** Distinct statement texts one connector renders with inlined constants. */
export const MAX_CONSTANT_STATEMENTS = 500;

/** Renders the statements of reads without parameters inline, within a budget of distinct texts. */
export class ConstantStatements {
  private readonly texts = new Set<string>();

  constructor(
    private readonly dialect: SqlDialect,
    private readonly budget: number = MAX_CONSTANT_STATEMENTS,
  ) {}

  /** `fragment` with its values inlined, or undefined when they stay parameters. */
  render(fragment: SqlFragment): RenderedStatement | undefined {
    const compiled = renderSqlWithConstants(fragment, this.dialect);
    if (!compiled) return undefined;
    if (!this.texts.has(compiled.text)) {
      if (this.texts.size >= this.budget) return undefined;
      this.texts.add(compiled.text);
    }
    return { text: compiled.text, values: [], pieces: [compiled.text], bound: [], sources: [] };
  }
}
