/**
 * An operation plan as text a developer reads: each field that reads a model, what it selects,
 * its filter template (variables shown as `$name`), the relations read with its rows, and the
 * statements its prepared reads send (compiled now if they were not yet). `discograph plan` prints
 * it.
 */
import { print } from 'graphql';
import type { JoinSpec } from '../../juggler/model-types.js';
import type { FieldPlan } from './field-plan.js';
import type { OperationCost } from './operation-cost.js';
import type { OperationPlan } from './operation-plan.js';

function joinText(specs: readonly JoinSpec[]): string {
  return specs
    .map((spec) => {
      const nested = spec.join?.length ? ` { ${joinText(spec.join)} }` : '';
      const list = spec.filter ? ` (list ${JSON.stringify(spec.filter)})` : '';
      return `${spec.relation}${list}${nested}`;
    })
    .join(', ');
}

function describeKind(field: FieldPlan): string {
  const model = field.names.source.name;
  switch (field.kind) {
    case 'list':
      return `list of ${model}`;
    case 'count':
      return `count of ${model}`;
    case 'connection':
      return `connection of ${model}${field.wantsTotal ? ' (with totalCount)' : ''}`;
    case 'single':
      return `${model} by (${field.names.source.idProperties.join(', ')}), batched per request`;
    case 'relation': {
      const { relation } = field;
      const how = field.joinedWithParent ? 'read with its parent rows' : 'batched per level';
      return `${relation.type} ${relation.modelFrom}.${relation.name} → ${model}, ${how}`;
    }
  }
}

async function statementsOf(field: FieldPlan): Promise<string[][]> {
  switch (field.kind) {
    case 'list':
    case 'count':
      return field.read ? [await field.read.explain()] : [];
    case 'connection':
      return field.page && field.count ? [await field.page.explain(), await field.count.explain()] : [];
    case 'single':
      return [await field.read.explain()];
    case 'relation':
      return field.read ? [await field.read.explain()] : [];
  }
}

/** Options of `printOperationPlan`. */
export interface PrintPlanOptions {
  /** The plan's estimated cost: printed per field and in total. */
  cost?: OperationCost;
}

/** The plan of an operation as text (compiles the reads' statements that were not compiled yet). */
export async function printOperationPlan(
  plan: OperationPlan,
  options: PrintPlanOptions = {},
): Promise<string> {
  const lines: string[] = [];
  const costs = new Map(options.cost?.fields.map((field) => [field.path, field]));
  const variables = plan.variables;
  lines.push(
    `operation ${plan.name ?? '(anonymous)'} (${plan.operation.operation})${variables.length ? `, binds ${variables.map((name) => `$${name}`).join(', ')}` : ''}`,
  );
  for (const field of plan.fields) {
    lines.push('');
    lines.push(`${field.path}: ${describeKind(field)}`);
    const cost = costs.get(field.path);
    if (cost) lines.push(`  estimated: ${Math.ceil(cost.rows)} rows, ${cost.statements} statement(s)`);
    if (field.fields.length > 0) lines.push(`  fields: ${field.fields.join(', ')}`);
    const written = field.nodes[0]?.arguments ?? [];
    if (written.length > 0)
      lines.push(`  arguments: (${written.map((argument) => print(argument)).join(', ')})`);
    if (field.template.dynamic) {
      lines.push(`  built per request: ${field.template.dynamic}`);
      continue;
    }
    if (field.template.variables.length > 0) {
      lines.push(
        `  binds: ${field.template.variables.map((name) => `$${name}`).join(', ')} (parameters of its statements)`,
      );
    }
    if (field.kind === 'relation' && field.joinedWithParent) continue;
    if (field.join.specs.length > 0) lines.push(`  read with: ${joinText(field.join.specs)}`);
    for (const statements of await statementsOf(field)) {
      for (const statement of statements) lines.push(`  statement: ${statement}`);
    }
  }
  if (options.cost) {
    const { cost, rows, statements } = options.cost;
    lines.push('', `cost: ${cost} (${Math.ceil(rows)} rows estimated, ${statements} statement(s))`);
  }
  return `${lines.join('\n')}\n`;
}
