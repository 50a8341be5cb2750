/**
 * The DataLoaders of one request: one per prepared batch read of the operation's plan (aliases
 * that read alike share one), so that a level of a query costs one read however many parents it
 * has, with results aligned to their keys (see the juggler's `prepareBatchRead`: `inq` or
 * composite keys, pages per parent in one statement, through a join model too on SQL). A dynamic field's read
 * is built once per request. Never shared across requests: rows cached here are one caller's.
 */
import DataLoader from 'dataloader';
import type { FieldNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { BatchReadResult, PreparedBatchRead, SlotValues } from '../juggler/dao/prepared-read-types.js';
import { tupleKey } from '../juggler/filter/value-key.js';
import type { FindOptions } from '../juggler/model-types.js';
import type { ModelRow } from './model-class.js';
import type { FieldPlan, RelationFieldPlan } from './plan/field-plan.js';
import type { OperationPlan } from './plan/operation-plan.js';

/** A key tuple: the values of the key properties of one parent, in key order. */
export type KeyTuple = readonly unknown[];

/** The key tuple of `row` over `properties`, or undefined when a part is null (nothing to join). */
export function keyOf(row: ModelRow, properties: readonly string[]): KeyTuple | undefined {
  if (properties.length === 1) {
    const value = row[properties[0] as string];
    return value === null || value === undefined ? undefined : [value];
  }
  const tuple = properties.map((property) => row[property]);
  return tuple.some((value) => value === null || value === undefined) ? undefined : tuple;
}

/** Creates and remembers the DataLoaders of one request. Never share one across requests. */
export class LoaderRegistry {
  // Made on first use: most requests need one kind at most, many (a flat list) none.
  private loaders: Map<PreparedBatchRead, DataLoader<KeyTuple, BatchReadResult, string>> | undefined;
  private dynamicReads: Map<RelationFieldPlan, PreparedBatchRead> | undefined;
  private fieldPlans: Map<readonly FieldNode[], FieldPlan> | undefined;
  private operationPlans: Map<SelectionSetNode, OperationPlan> | undefined;

  /** The loader of `read` for this request (its slots bound to `values`, its reads made with `options`). */
  loader(
    read: PreparedBatchRead,
    values: SlotValues,
    options: FindOptions,
  ): DataLoader<KeyTuple, BatchReadResult, string> {
    this.loaders ??= new Map();
    let loader = this.loaders.get(read);
    if (!loader) {
      loader = new DataLoader<KeyTuple, BatchReadResult, string>((keys) => read.run(keys, values, options), {
        cacheKeyFn: tupleKey,
      });
      this.loaders.set(read, loader);
    }
    return loader;
  }

  /** The loader of `read` if this request made it already (so callers bind its slots only once). */
  existingLoader(read: PreparedBatchRead): DataLoader<KeyTuple, BatchReadResult, string> | undefined {
    return this.loaders?.get(read);
  }

  /** The read of a dynamic relation field for this request's arguments, built once per request. */
  dynamicRead(plan: RelationFieldPlan, args: Record<string, unknown>): PreparedBatchRead {
    this.dynamicReads ??= new Map();
    let read = this.dynamicReads.get(plan);
    if (!read) {
      read = plan.readFor(args);
      this.dynamicReads.set(plan, read);
    }
    return read;
  }

  /** The plan of an operation this request plans itself (no plan was given with it), made once. */
  operationPlan(operation: OperationDefinitionNode, make: () => OperationPlan): OperationPlan {
    this.operationPlans ??= new Map();
    let plan = this.operationPlans.get(operation.selectionSet);
    if (!plan) {
      plan = make();
      this.operationPlans.set(operation.selectionSet, plan);
    }
    return plan;
  }

  /**
   * The plan of a field this request plans itself (no operation plan was given, or the field's
   * node is ambiguous in it), made once per request and field.
   */
  fieldPlan(nodes: readonly FieldNode[], make: () => FieldPlan | undefined): FieldPlan | undefined {
    this.fieldPlans ??= new Map();
    let plan = this.fieldPlans.get(nodes);
    if (!plan) {
      plan = make();
      if (plan) this.fieldPlans.set(nodes, plan);
    }
    return plan;
  }

  /** Forgets every cached row (after a mutation). */
  clearAll(): void {
    for (const loader of this.loaders?.values() ?? []) loader.clearAll();
  }
}
