/**
 * Starts benchmarked servers as their own process groups and makes sure every one of them is
 * stopped: on normal exit, on failure, and on Ctrl-C / SIGTERM.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir, sleep } from './util.mjs';

const running = new Set();
const helpers = new Set();
const cleanups = new Set();
let handlersInstalled = false;

/** Kills `child` (a load generator or other helper process) if it is still running when we stop. */
export function trackHelper(child) {
  installHandlers();
  helpers.add(child);
  child.on('exit', () => helpers.delete(child));
}

/** Runs `fn` (synchronous) when the process exits, however it exits. */
export function onExit(fn) {
  installHandlers();
  cleanups.add(fn);
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const s of running) killGroup(s.child, 'SIGKILL');
    for (const c of helpers) c.kill('SIGKILL');
    for (const fn of cleanups) fn();
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n${sig}: stopping ${running.size} server(s)`);
      stopAll().finally(() => process.exit(130));
    });
  }
  process.on('uncaughtException', (e) => {
    console.error(e);
    stopAll().finally(() => process.exit(1));
  });
  process.on('unhandledRejection', (e) => {
    console.error(e);
    stopAll().finally(() => process.exit(1));
  });
}

/**
 * Posts a GraphQL body with `headers` added (e.g. an Authorization header); resolves to
 * {status, text, ms} (never throws on HTTP errors).
 */
export async function post(url, body, timeoutMs = 10_000, headers = {}) {
  const t0 = performance.now();
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await r.text();
  return { status: r.status, text, ms: performance.now() - t0 };
}

/** True when `{ __typename }` (sent with `headers`) gets a 200 answer with data. */
export async function answers(url, headers = {}) {
  try {
    const r = await post(url, '{"query":"{ __typename }"}', 2000, headers);
    return r.status === 200 && r.text.includes('"data"');
  } catch {
    return false;
  }
}

/** Peak and current RSS of a process in MB, from /proc/<pid>/status. */
export function memoryOf(pid) {
  let st = '';
  try {
    st = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { rssMB: Number.NaN, peakMB: Number.NaN };
  }
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(st)?.[1] ?? Number.NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/** Bytes of a server's latest output kept for error messages. */
const LOG_TAIL_BYTES = 20_000;

/** The size at which a server's output file is cut back to its tail. */
const OUTPUT_FILE_LIMIT = 16 * 1024 * 1024;

/** How often the output files' sizes are checked, in milliseconds. */
const OUTPUT_CHECK_MS = 5000;

let outputDir;
let outputFiles = 0;

/** A new file for a server's output, in a folder removed when this process exits. */
function outputFile(label, port) {
  if (outputDir === undefined) {
    outputDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-bench-output-'));
    const dir = outputDir;
    onExit(() => rmSync(dir, { recursive: true, force: true }));
  }
  outputFiles += 1;
  return path.join(outputDir, `${outputFiles}-${label.replace(/[^\w.-]/g, '_')}-${port}.log`);
}

/** The last `bytes` bytes of `file` ('' when it is gone). */
function tailOf(file, bytes) {
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    return tail;
  } finally {
    closeSync(fd);
  }
}

/**
 * A server's output, written by the server straight into a file the harness does not read until
 * it is asked for the tail. A gateway logging every request writes some 1.5 MB/s under load;
 * read through a pipe (and decoded and joined chunk by chunk) it cost this process 0.5-1 % of a
 * core, on the same two cores as the load and the server — a log consumer's cost, which the
 * benchmark then counted against the server's logging. The file is appended to (O_APPEND) and
 * cut back to its tail when it passes OUTPUT_FILE_LIMIT, so a long run does not fill the disk.
 */
class OutputFile {
  constructor(file) {
    this.file = file;
    this.before = Buffer.alloc(0);
    this.fd = openSync(file, 'a');
  }

  /** The file descriptor to hand to the child as its standard output and error. */
  get childFd() {
    return this.fd;
  }

  /** Closes this process's copy of the descriptor once the child has its own. */
  spawned() {
    closeSync(this.fd);
  }

  /** Cuts the file back to nothing, keeping its tail in memory, when it has grown too big. */
  trim() {
    let size;
    try {
      size = statSync(this.file).size;
    } catch {
      return;
    }
    if (size < OUTPUT_FILE_LIMIT) return;
    this.before = tailOf(this.file, LOG_TAIL_BYTES);
    truncateSync(this.file, 0);
  }

  text() {
    const all = Buffer.concat([this.before, tailOf(this.file, LOG_TAIL_BYTES)]);
    return all.subarray(Math.max(0, all.length - LOG_TAIL_BYTES)).toString();
  }

  /** Keeps the tail in memory and removes the file. */
  close() {
    this.before = Buffer.from(this.text());
    rmSync(this.file, { force: true });
    this.file = '';
  }
}

/** The latest output of a server that is streamed to `onOutput`, kept as the chunks read. */
class OutputChunks {
  chunks = [];
  bytes = 0;

  add(chunk) {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.chunks.length > 1 && this.bytes - this.chunks[0].length >= LOG_TAIL_BYTES) {
      this.bytes -= this.chunks.shift().length;
    }
  }

  text() {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - LOG_TAIL_BYTES)).toString();
  }
}

/**
 * Starts `bench/peers/start.sh SYSTEM PORT DATABASE_URL ...extra` and resolves once `{ __typename }`
 * (sent with `headers`) answers at http://127.0.0.1:PORT/graphql, with the time that took. Rejects
 * (after stopping it) when the process exits or `timeoutMs` passes first; the error carries the
 * server's `log` (its last 20,000 bytes; `onOutput` gets every chunk of its output).
 */
export async function startServer({
  label,
  system,
  port,
  databaseUrl,
  extra = [],
  env = {},
  headers = {},
  timeoutMs = 120_000,
  onOutput,
}) {
  installHandlers();
  const url = `http://127.0.0.1:${port}/graphql`;
  if (await answers(url, headers)) throw new Error(`something already answers at ${url}`);
  const t0 = performance.now();
  // Output nobody streams goes to a file (see OutputFile); with onOutput, through pipes.
  const file = onOutput === undefined ? new OutputFile(outputFile(label, port)) : undefined;
  const child = spawn(
    'bash',
    [path.join(benchDir, 'peers', 'start.sh'), system, String(port), databaseUrl, ...extra],
    {
      detached: true,
      stdio: file ? ['ignore', file.childFd, file.childFd] : ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  file?.spawned();
  const chunks = file ? undefined : new OutputChunks();
  const output = file ?? chunks;
  const server = {
    label,
    system,
    url,
    port,
    child,
    pid: child.pid,
    get log() {
      return output.text();
    },
    output: file,
    exited: null,
    readyMs: null,
  };
  running.add(server);
  if (chunks) {
    const keep = (d) => {
      chunks.add(d);
      onOutput(String(d));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
  } else {
    watchOutputFiles();
  }
  child.on('exit', (code, signal) => {
    server.exited = { code, signal };
  });
  server.stop = () => stopServer(server);
  while (performance.now() - t0 < timeoutMs && !server.exited) {
    if (await answers(url, headers)) {
      server.readyMs = performance.now() - t0;
      return server;
    }
    await sleep(20);
  }
  const why = server.exited ? `exited ${JSON.stringify(server.exited)}` : `no answer after ${timeoutMs} ms`;
  await stopServer(server);
  throw Object.assign(new Error(`${label} (${system}) did not start: ${why}\n${server.log.slice(-3000)}`), {
    log: server.log,
  });
}

/** Stops one server: SIGTERM to its process group, SIGKILL after `graceMs`. */
export async function stopServer(server, graceMs = 5000) {
  if (!running.has(server)) return;
  running.delete(server);
  if (!server.exited) {
    killGroup(server.child, 'SIGTERM');
    const t0 = performance.now();
    while (!server.exited && performance.now() - t0 < graceMs) await sleep(50);
    if (!server.exited) {
      killGroup(server.child, 'SIGKILL');
      await sleep(200);
    }
  }
  server.output?.close();
}

let outputWatch;

/** Checks the running servers' output files every OUTPUT_CHECK_MS (unref'd: never keeps us alive). */
function watchOutputFiles() {
  if (outputWatch !== undefined) return;
  outputWatch = setInterval(() => {
    for (const server of running) server.output?.trim();
  }, OUTPUT_CHECK_MS);
  outputWatch.unref();
}

/** Stops every server (and helper process) this process started and has not stopped yet. */
export async function stopAll() {
  for (const c of helpers) c.kill('SIGTERM');
  await Promise.all([...running].map((s) => stopServer(s)));
}
