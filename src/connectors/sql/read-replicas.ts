/**
 * Read replicas of a SQL connector (`readUrls`): a connector of the same kind per replica, used
 * for the generated reads only. Reads go to the replicas in turn (round robin); a replica that
 * cannot be reached (CONNECTION_FAILED) is skipped for `RETRY_AFTER_MS` and the read tries the
 * next one, then the primary. Writes, transactions, a request's database session, raw `execute`,
 * and every statement of a request after its first write go to the primary, so a request reads
 * what it wrote.
 *
 * @example
 * new DataSource('postgresql', { url: primaryUrl, readUrls: [replicaUrl] });
 * // SELECT … → the replica; INSERT … and any later statement of that request → the primary
 */
import { DatabaseError } from '../../juggler/errors.js';

/** How long a replica that could not be reached is left out. */
const RETRY_AFTER_MS = 5_000;

/** What decides where a statement may go. */
export interface ReplicaRouting {
  transaction?: unknown;
  session?: unknown;
  generated: boolean;
  write?: boolean;
  request?: object;
}

/** The replicas of a connector and the state of the round robin. */
export class ReadReplicas<Replica> {
  private next = 0;
  private readonly downUntil: number[];
  /** Requests that wrote: the rest of their statements stay on the primary. */
  private readonly writers = new WeakSet<object>();

  /** `replicas`: a connector per replica, built with the primary's settings and the replica's URL. */
  constructor(readonly replicas: readonly Replica[]) {
    this.downUntil = replicas.map(() => 0);
  }

  /** Notes that `request` wrote. */
  wrote(request: object): void {
    this.writers.add(request);
  }

  /** Whether a statement may go to a replica: a generated read outside transactions, sessions and writing requests. */
  mayRead(options: ReplicaRouting): boolean {
    return (
      options.generated &&
      !options.write &&
      options.transaction === undefined &&
      options.session === undefined &&
      (options.request === undefined || !this.writers.has(options.request))
    );
  }

  /** Runs `read` on the next reachable replica, or `primary` when none answers. */
  async run<T>(read: (replica: Replica) => Promise<T>, primary: () => Promise<T>): Promise<T> {
    const count = this.replicas.length;
    for (let tried = 0; tried < count; tried++) {
      const index = this.next;
      this.next = (this.next + 1) % count;
      if (this.downUntil[index]! > Date.now()) continue;
      try {
        return await read(this.replicas[index]!);
      } catch (error) {
        if (!(error instanceof DatabaseError && error.code === 'CONNECTION_FAILED')) throw error;
        this.downUntil[index] = Date.now() + RETRY_AFTER_MS;
      }
    }
    return primary();
  }
}
