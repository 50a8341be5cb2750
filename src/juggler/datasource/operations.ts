/**
 * LoopBack's DataSource operation registry: named operations with metadata, remotable or not
 * (`defineOperation`, `enableRemote`, `disableRemote`, `getOperation`, `operations`).
 */
import { UnknownNameError } from '../errors.js';
import { didYouMean } from '../filter/suggest.js';

/** An operation's metadata (LoopBack keeps whatever options were given, plus name and function). */
export interface OperationMetadata {
  name: string;
  fn?: Function;
  remoteEnabled?: boolean;
  accepts?: unknown;
  returns?: unknown;
  http?: unknown;
  [option: string]: unknown;
}

/** The operations of one DataSource. */
export class OperationRegistry {
  private readonly entries: Record<string, OperationMetadata> = {};

  /** Defines (or redefines) an operation. */
  define(name: string, options: Record<string, unknown> = {}, fn?: Function): OperationMetadata {
    const metadata: OperationMetadata = { ...options, name };
    if (fn) metadata.fn = fn;
    this.entries[name] = metadata;
    return metadata;
  }

  /** An operation's metadata, or undefined. */
  get(name: string): OperationMetadata | undefined {
    return this.entries[name];
  }

  /** Sets whether an operation is remotable; unknown names are an error with a suggestion. */
  setRemote(name: string, enabled: boolean): void {
    const operation = this.entries[name];
    if (!operation) {
      throw new UnknownNameError(
        'UNKNOWN_PROPERTY',
        `Operation \`${name}\` is not defined on this data source${didYouMean(name, Object.keys(this.entries))}`,
        { operation: name },
      );
    }
    operation.remoteEnabled = enabled;
  }

  /** All operations keyed by name. */
  all(): Record<string, OperationMetadata> {
    return this.entries;
  }
}

/** The DataAccessObject methods LoopBack registers as data source operations, and whether they are remotable. */
export const DAO_OPERATIONS: readonly [string, boolean][] = [
  ['create', true],
  ['upsert', true],
  ['updateOrCreate', true],
  ['findOrCreate', false],
  ['exists', true],
  ['findById', true],
  ['find', true],
  ['findOne', true],
  ['destroyAll', false],
  ['deleteAll', false],
  ['remove', false],
  ['removeById', true],
  ['destroyById', true],
  ['deleteById', true],
  ['count', true],
  ['updateAll', true],
  ['update', true],
];
