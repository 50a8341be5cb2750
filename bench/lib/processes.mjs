/**
 * Starts benchmarked servers as their own process groups and makes sure every one of them is
 * stopped: on normal exit, on failure, and on Ctrl-C / SIGTERM.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

/**
 * Starts `bench/peers/start.sh SYSTEM PORT DATABASE_URL ...extra` and resolves once `{ __typename }`
 * (sent with `headers`) answers at http://127.0.0.1:PORT/graphql, with the time that took. Rejects
 * (after stopping it) when the process exits or `timeoutMs` passes first; the error carries the
 * server's `log` (its last 20,000 characters; `onOutput` gets every chunk of its output).
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
  const child = spawn(
    'bash',
    [path.join(benchDir, 'peers', 'start.sh'), system, String(port), databaseUrl, ...extra],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  const server = { label, system, url, port, child, pid: child.pid, log: '', exited: null, readyMs: null };
  running.add(server);
  const keep = (d) => {
    server.log = (server.log + d).slice(-20_000);
    onOutput?.(String(d));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
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
  if (server.exited) return;
  killGroup(server.child, 'SIGTERM');
  const t0 = performance.now();
  while (!server.exited && performance.now() - t0 < graceMs) await sleep(50);
  if (!server.exited) {
    killGroup(server.child, 'SIGKILL');
    await sleep(200);
  }
}

/** Stops every server (and helper process) this process started and has not stopped yet. */
export async function stopAll() {
  for (const c of helpers) c.kill('SIGTERM');
  await Promise.all([...running].map((s) => stopServer(s)));
}
