/**
 * A MariaDB server of a test's own: `mariadb-install-db` into a temporary folder, `mariadbd` on a
 * free port of its own (`--no-defaults`, so no configuration file of the machine applies), stopped
 * with SIGTERM (or killed with SIGKILL) and started again on the same data. For fault tests that
 * must never touch the shared servers.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './own-postgres.js';

/** A MariaDB server of the test's own. */
export class OwnMariaDb {
  private process: ChildProcess | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    private readonly root: string,
  ) {}

  /** Installs a data folder and starts the server on a free port. */
  static async create(): Promise<OwnMariaDb> {
    const root = mkdtempSync(path.join(os.tmpdir(), 'discograph-own-mariadb-'));
    const dataDir = path.join(root, 'data');
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', '--user=root', '--auth-root-authentication-method=normal', `--datadir=${dataDir}`],
      { stdio: 'ignore' },
    );
    const server = new OwnMariaDb(dataDir, await freePort(), root);
    await server.start();
    return server;
  }

  /** `mysql://root@127.0.0.1:<port>/<database>`. */
  url(database = ''): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server and waits (up to 30 s) until it answers. */
  async start(): Promise<void> {
    this.process = spawn(
      'mariadbd',
      [
        '--no-defaults',
        '--user=root',
        `--datadir=${this.dataDir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.root, 'mariadb.sock')}`,
        `--pid-file=${path.join(this.root, 'mariadb.pid')}`,
        '--innodb-flush-log-at-trx-commit=2',
        '--skip-log-bin',
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const connection = await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: 'root' });
        await connection.end();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Stops the server: SIGTERM (a clean shutdown) or SIGKILL (a crash); resolves once it exited. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.process = undefined;
  }

  /** Freezes the server (a hung host): connections stay open, nothing answers. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  /** Thaws a frozen server. */
  thaw(): void {
    this.process?.kill('SIGCONT');
  }

  /** Runs SQL on the server (several statements allowed). */
  async sql(text: string): Promise<void> {
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port: this.port,
      user: 'root',
      multipleStatements: true,
    });
    try {
      await connection.query(text);
    } finally {
      await connection.end();
    }
  }

  /** Stops the server and removes its folder. */
  async destroy(): Promise<void> {
    this.thaw();
    await this.stop('SIGKILL');
    rmSync(this.root, { recursive: true, force: true });
  }
}
