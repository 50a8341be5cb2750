/**
 * `discograph plan`: prints the operation plan of a GraphQL operation — for each field that reads
 * the database, what it selects, its filter template (variables as slots), the relations read with
 * its rows, and the SQL statements it sends — without running it.
 */
import { readFileSync } from 'node:fs';
import { getOperationAST, parse, validate } from 'graphql';
import { OperationLimits } from '../graphql/limits/operation-limits.js';
import { printOperationPlan } from '../graphql/plan/print-plan.js';
import { queryLimitsOf } from '../server/config/limits-config.js';
import { readRowEstimates } from '../server/gateway-statistics.js';
import { COMMON_HELP, parseCommandArgs, UsageError } from './cli-args.js';
import type { CommandIo } from './command-io.js';
import { withServedSchema } from './served-schema.js';

/** Usage of `discograph plan`. */
export const PLAN_HELP = `Usage: discograph plan (FILE | --query TEXT) [options]

Prints how the gateway answers a GraphQL operation: for each field that reads the database, the
properties it selects, its filter (variables shown as $name), the relations read with its rows,
and the statements it sends, with the rows each is estimated to read (from the database's
statistics) and the operation's cost, as the cost limit counts it. Nothing is executed.

Options:
  --query TEXT         the operation's document, instead of FILE
  --operation NAME     the operation to plan, when the document has several
  --from-cache         build from the schema cache instead of discovering the database

${COMMON_HELP}`;

/** Runs `discograph plan`. */
export async function planCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { query: { type: 'string' }, operation: { type: 'string' }, 'from-cache': { type: 'boolean' } },
    { positionals: 1 },
  );
  if (values.help) {
    io.out(PLAN_HELP);
    return 0;
  }
  const [file] = positionals;
  if ((file === undefined) === (typeof values.query !== 'string')) {
    throw new UsageError('give the operation either as a FILE or with --query, not both');
  }
  const text = typeof values.query === 'string' ? values.query : readFileSync(file as string, 'utf8');
  let document: ReturnType<typeof parse>;
  try {
    document = parse(text);
  } catch (error) {
    throw new UsageError(`the document does not parse: ${(error as Error).message}`);
  }
  const operationName = typeof values.operation === 'string' ? values.operation : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    throw new UsageError(
      operationName
        ? `the document has no operation named ${operationName}`
        : 'name the operation to plan with --operation',
    );
  }
  return withServedSchema(values, io, async ({ config, source, built, fromCache }) => {
    const errors = validate(built.schema, document);
    if (errors.length > 0) {
      io.err(
        `discograph plan: the operation is not valid for this schema:\n${errors.map((error) => `  ${error.message}`).join('\n')}`,
      );
      return 1;
    }
    // Statistics need the database: from the cache, the cost counts full pages.
    const estimates = fromCache
      ? new Map<string, number>()
      : await readRowEstimates(source, built.definitions, io.err);
    const plan = built.planner.plan(document, operation);
    const cost = new OperationLimits(queryLimitsOf(config.limits), () => estimates).costOf(plan);
    io.out((await printOperationPlan(plan, { cost })).replace(/\n$/, ''));
    return 0;
  });
}
