/**
 * What the driver's monitoring tells the connector: every command it sends (`commandStarted`,
 * then `commandSucceeded`/`commandFailed`) as a statement event (`find Track {...}`, so tests and
 * the benchmark count commands as they count SQL statements) and, for round-trip counting, as
 * started/answered events in emission order; and the connection pool's counters from its
 * connection monitoring events (for `/metrics`).
 */
import { BSON, type Document, type MongoClient } from 'mongodb';
import type { PoolStatistics, StatementEvent } from '../../juggler/connector/connector.js';
import { StatementObservers } from '../sql/statement-observers.js';

/** The driver's default `maxPoolSize`. */
export const DRIVER_MAX_POOL_SIZE = 100;

/** Commands of the driver itself (handshake, authentication, sessions), not of the connector. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'endSessions', 'saslStart', 'saslContinue']);

/**
 * One event of the driver's command monitoring, as the driver emits them: a command sent
 * (`started`) or answered (`succeeded`/`failed`), paired by `requestId`. In emission order, they
 * tell which commands were on the wire together and which waited for an answer.
 */
export interface MongoCommandEvent {
  phase: 'started' | 'succeeded' | 'failed';
  requestId: number;
  /** `find`, `aggregate`, `insert`…; the handshake and session housekeeping are left out. */
  commandName: string;
  /** The collection it addresses, when it names one. */
  collection?: string;
  /** A started command that belongs to a transaction (`autocommit: false`). */
  transaction?: boolean;
}

/** A started command, until its reply arrives. */
interface PendingCommand {
  text: string;
  params: unknown[];
  /** `performance.now()` when the driver sent it. */
  started: number;
}

/** The monitoring of one connector's clients (a new client after a reconnect is attached too). */
export class MongoMonitoring {
  private readonly observers = new StatementObservers();
  private readonly commandListeners = new Set<(event: MongoCommandEvent) => void>();
  private readonly pending = new Map<number, PendingCommand>();
  private readonly names = new Map<number, string>();
  private pool = { total: 0, busy: 0, waiting: 0 };

  constructor(
    private readonly connector: string,
    private readonly maxPoolSize: number,
  ) {}

  /** Subscribes to every command sent, as statement events. */
  observeStatements(listener: (event: StatementEvent) => void): () => void {
    return this.observers.add(listener);
  }

  /** Subscribes to started/answered command events (see MongoCommandEvent). */
  observeCommands(listener: (event: MongoCommandEvent) => void): () => void {
    this.commandListeners.add(listener);
    return () => {
      this.commandListeners.delete(listener);
    };
  }

  /** The pool's counters of the client attached last. */
  poolStatistics(): PoolStatistics {
    const { total, busy, waiting } = this.pool;
    return { total, idle: Math.max(0, total - busy), waiting, max: this.maxPoolSize };
  }

  /** Listens to a client created with `monitorCommands: true`. */
  attach(client: MongoClient): void {
    this.pool = { total: 0, busy: 0, waiting: 0 };
    const pool = this.pool;
    // Counted once ready (handshake done): a connection still opening cannot take a command.
    client.on('connectionReady', () => pool.total++);
    client.on('connectionClosed', () => {
      pool.total = Math.max(0, pool.total - 1);
    });
    client.on('connectionCheckOutStarted', () => pool.waiting++);
    client.on('connectionCheckOutFailed', () => {
      pool.waiting = Math.max(0, pool.waiting - 1);
    });
    client.on('connectionCheckedOut', () => {
      pool.waiting = Math.max(0, pool.waiting - 1);
      pool.busy++;
    });
    client.on('connectionCheckedIn', () => {
      pool.busy = Math.max(0, pool.busy - 1);
    });
    client.on('commandStarted', (event) => {
      if (HOUSEKEEPING.has(event.commandName)) return;
      const command = event.command as Document;
      const target = command[event.commandName];
      if (this.commandListeners.size > 0) {
        this.names.set(event.requestId, event.commandName);
        this.emitCommand({
          phase: 'started',
          requestId: event.requestId,
          commandName: event.commandName,
          ...(typeof target === 'string' ? { collection: target } : {}),
          ...(command.autocommit === false ? { transaction: true } : {}),
        });
      }
      if (!this.observers.active) return;
      const { [event.commandName]: _name, lsid: _lsid, $db: _db, $clusterTime: _time, ...rest } = command;
      this.pending.set(event.requestId, {
        text: `${event.commandName} ${typeof target === 'string' ? target : ''}`.trim(),
        params: [BSON.EJSON.serialize(rest, { relaxed: true })],
        started: performance.now(),
      });
    });
    client.on('commandSucceeded', (event) => {
      this.answered('succeeded', event.requestId);
      this.finish(event.requestId, event.reply as Document);
    });
    client.on('commandFailed', (event) => {
      this.answered('failed', event.requestId);
      this.finish(event.requestId, undefined);
    });
  }

  private answered(phase: 'succeeded' | 'failed', requestId: number): void {
    const commandName = this.names.get(requestId);
    if (commandName === undefined) return;
    this.names.delete(requestId);
    this.emitCommand({ phase, requestId, commandName });
  }

  private finish(requestId: number, reply: Document | undefined): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    // Timed here: the driver's own duration is in whole milliseconds.
    const durationMs = performance.now() - pending.started;
    this.pending.delete(requestId);
    const batch = reply?.cursor?.firstBatch ?? reply?.cursor?.nextBatch;
    const rowCount = Array.isArray(batch) ? batch.length : typeof reply?.n === 'number' ? reply.n : null;
    this.observers.emit({
      connector: this.connector,
      sql: pending.text,
      params: pending.params,
      durationMs,
      rowCount,
    });
  }

  private emitCommand(event: MongoCommandEvent): void {
    for (const listener of this.commandListeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not break the command that triggered it.
      }
    }
  }
}
