/**
 * A PostgreSQL server of a test's own: `initdb` into a temporary folder (as the `postgres` user
 * when the tests run as root, as /work/tools/db-slot.sh does), started and stopped with `pg_ctl`
 * on a free port of its own, frozen with SIGSTOP and thawed with SIGCONT. For fault tests that must
 * never touch the shared servers. Optionally a primary for streaming replication
 * (`wal_level=replica`), and a streaming replica of it (`pg_basebackup -R`).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The PostgreSQL binaries (Debian's layout; `DISCOGRAPH_PG_BIN` overrides). */
const PG_BIN = process.env.DISCOGRAPH_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Runs a command, as the `postgres` user when we are root (PostgreSQL refuses to run as root),
 * without blocking the event loop: the gateway under test runs in this process.
 */
async function runAsPostgres(command: string, args: string[]): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const quoted = [command, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout } = asRoot
    ? await execFileAsync('su', ['postgres', '-c', quoted], { encoding: 'utf8' })
    : await execFileAsync(command, args, { encoding: 'utf8' });
  return stdout;
}

/** A folder the `postgres` user may write. */
function ownFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(folder, 0o777);
  return folder;
}

/** Options of `createOwnPostgres`. */
export interface OwnPostgresOptions {
  /** `wal_level=replica` and a replication entry in pg_hba.conf (a primary for `createReplica`). */
  replication?: boolean;
}

/** A PostgreSQL server of the test's own. */
export class OwnPostgres {
  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly root: string,
  ) {}

  /** `initdb` into a temporary folder and start on a free port. */
  static async create(options: OwnPostgresOptions = {}): Promise<OwnPostgres> {
    const root = ownFolder('discograph-own-pg-');
    const dataDir = path.join(root, 'data');
    await runAsPostgres(`${PG_BIN}/initdb`, ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    const server = new OwnPostgres(dataDir, await freePort(), root);
    await server.start(options.replication ? ['-c', 'wal_level=replica', '-c', 'max_wal_senders=4'] : []);
    return server;
  }

  /** A streaming replica of this server (`pg_basebackup -R`), started on a free port of its own. */
  async createReplica(): Promise<OwnPostgres> {
    const root = ownFolder('discograph-own-pg-replica-');
    const dataDir = path.join(root, 'data');
    await runAsPostgres(`${PG_BIN}/pg_basebackup`, [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
    ]);
    const replica = new OwnPostgres(dataDir, await freePort(), root);
    await replica.start();
    return replica;
  }

  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server and waits until it accepts connections. */
  async start(extra: string[] = []): Promise<void> {
    const options = [
      '-p',
      String(this.port),
      '-k',
      this.root,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      ...extra,
    ].join(' ');
    await runAsPostgres(`${PG_BIN}/pg_ctl`, [
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      path.join(this.root, 'server.log'),
      '-w',
      'start',
    ]);
  }

  /** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash (no shutdown checkpoint). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await runAsPostgres(`${PG_BIN}/pg_ctl`, ['-D', this.dataDir, '-m', mode, '-w', 'stop']);
  }

  /** The postmaster's process id. */
  get pid(): number {
    return Number(readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }

  /** Freezes every process of the server (a hung host): nothing answers, connections stay open. */
  freeze(): void {
    this.signalAll('STOP');
  }

  /** Thaws a frozen server. */
  thaw(): void {
    this.signalAll('CONT');
  }

  private signalAll(signal: 'STOP' | 'CONT'): void {
    const postmaster = this.pid;
    const children = execFileSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
    for (const pid of [postmaster, ...children]) process.kill(pid, `SIG${signal}`);
  }

  /** Stops the server (thawed first) and removes its folder. */
  async destroy(): Promise<void> {
    try {
      this.thaw();
    } catch {
      // Not running.
    }
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}
