/**
 * Whether a MongoDB server runs multi-document transactions: only replica set members and
 * `mongos` routers do (their `hello` names a `setName`, or answers `msg: 'isdbgrid'`); a
 * standalone server refuses them ("Transaction numbers are only allowed on a replica set member
 * or mongos"). CongoDB, the tests' in-process server, answers `hello` as a standalone server, and
 * although it acknowledges `commitTransaction`/`abortTransaction`, it applies every write at once
 * and keeps it after an abort: it has no transactions, and the connector does not pretend it has.
 */
import type { Document, MongoClient } from 'mongodb';

/** Whether the connector runs a mutation in a transaction on this server, and why not. */
export interface TransactionSupport {
  supported: boolean;
  /** Why not, in words (absent when supported). */
  reason?: string;
}

/** Asks the server what it is (`hello`: one command, at connect). */
export async function transactionSupport(client: MongoClient): Promise<TransactionSupport> {
  let hello: Document;
  try {
    hello = await client.db('admin').command({ hello: 1 });
  } catch {
    return { supported: false, reason: 'the server did not answer `hello`' };
  }
  if (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') return { supported: true };
  return {
    supported: false,
    reason:
      'the server is a standalone server (no replica set, no mongos): MongoDB runs transactions only on replica sets and sharded clusters',
  };
}
