/**
 * The canary of the hostile suite: a gateway started as a child process (`node dist/cli/main.js
 * serve`, so its memory is its own and measurable), a list of hostile requests sent to it, and,
 * all the while, a cheap query sent again and again — one at a time, each with a deadline — and
 * the process's resident memory (VmRSS in /proc/<pid>/status) sampled. The report says how each
 * hostile request was answered, every probe's latency, the highest RSS seen and whether the
 * process stayed up. New hostile requests are added to a list (`HostileRequest`), nothing else.
 * The gateway runs as built in dist/ (`npm ci` builds it; `npm run build` after changing src/).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A gateway running as a child process. */
export interface GatewayProcess {
  /** The GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  url: string;
  pid: number;
  /** Everything it printed so far. */
  log(): string;
  /** Whether it is still running. */
  alive(): boolean;
  /** Settles when it exits: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) and removes its cache folder. */
  stop(): Promise<void>;
}

/** Options of `startGatewayProcess`. */
export interface GatewayProcessOptions {
  databaseUrl: string;
  /** More arguments of `serve`. */
  args?: readonly string[];
  /** More environment variables. */
  env?: Record<string, string>;
}

/** Starts `node dist/cli/main.js serve` on a free port; resolves once it listens. */
export function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'discograph-canary-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(root, 'dist', 'cli', 'main.js'),
      'serve',
      '--port',
      '0',
      '--database-url',
      options.databaseUrl,
      '--cache-dir',
      cacheDir,
      ...(options.args ?? []),
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let exited = false;
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.once('exit', () => {
    exited = true;
  });
  return new Promise((resolve, reject) => {
    let listening = false;
    const onOutput = (chunk: Buffer) => {
      // Kept bounded: a hostile request may be echoed in an error line.
      output = (output + chunk.toString('utf8')).slice(-200_000);
      const url = listening ? undefined : /GraphQL at (http:[^\s"]+)/.exec(output)?.[1];
      if (!url || child.pid === undefined) return;
      listening = true;
      resolve({
        url,
        pid: child.pid,
        log: () => output,
        alive: () => !exited,
        exited: exit,
        async stop() {
          if (!exited) {
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exit;
            clearTimeout(killer);
          }
          rmSync(cacheDir, { recursive: true, force: true });
        },
      });
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code, signal) =>
      reject(new Error(`the gateway exited (${code ?? signal}) before listening: ${output}`)),
    );
  });
}

/** How a hostile request was answered. */
export interface HostileOutcome {
  name: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The start of the answer's body. */
  body?: string;
  /** Why there was no answer (connection reset by the server, ...). */
  error?: string;
  ms: number;
}

/** One hostile request: a name, and what to send (a GraphQL-over-HTTP POST unless `method` says otherwise). */
export interface HostileRequest {
  name: string;
  /** The request body: text, bytes, a value sent as JSON, or chunks streamed (chunked encoding, no length). */
  body: string | Uint8Array | { json: unknown } | { chunks: () => Iterable<Uint8Array> };
  method?: string;
  /** A query string for the URL (`query=…`: a GET request carries its operation here). */
  search?: string;
  headers?: Record<string, string>;
}

/** One probe of the cheap query. */
export interface CanaryProbe {
  /** Milliseconds since the canary started. */
  at: number;
  ms: number;
  /** Answered 200 with data and no errors within the deadline. */
  ok: boolean;
  problem?: string;
}

/** What the canary saw. */
export interface CanaryReport {
  outcomes: HostileOutcome[];
  probes: CanaryProbe[];
  /** The slowest probe, in milliseconds. */
  slowestProbeMs: number;
  /** The probes that failed or missed the deadline. */
  failedProbes: CanaryProbe[];
  /** The highest resident memory seen, in bytes. */
  maxRssBytes: number;
  /** Whether the process was still running at the end. */
  alive: boolean;
}

/** Options of `runCanary`. */
export interface CanaryOptions {
  gateway: GatewayProcess;
  hostile: readonly HostileRequest[];
  /** The cheap query (default: one track's name). */
  cheapQuery?: string;
  /** A probe slower than this fails (default 1,000 ms). */
  probeDeadlineMs?: number;
  /** Pause between probes (default 25 ms). */
  probeIntervalMs?: number;
  /** How many times the whole hostile list is sent (default 2). */
  rounds?: number;
  /** How many hostile requests are in flight at once (default 4). */
  concurrency?: number;
  /** How long one hostile request may take before it is abandoned (default 30 s). */
  hostileTimeoutMs?: number;
  /**
   * Sent (and answered) before the canary starts, so that what a gateway loads on first use (yoga,
   * graphql-jit) is not counted against the hostile requests. Default: the cheap query on the fast
   * path and through yoga (an Origin header sends it there).
   */
  warmUp?: readonly HostileRequest[];
}

const CHEAP_QUERY = '{ tracks(limit: 1) { name } }';

function bodyOf(request: HostileRequest): {
  body: string | Uint8Array | ReadableStream<Uint8Array>;
  contentType: string;
} {
  const { body } = request;
  if (typeof body === 'object' && 'json' in body) {
    return { body: JSON.stringify(body.json), contentType: 'application/json' };
  }
  if (typeof body === 'object' && 'chunks' in body) {
    const chunks = body.chunks()[Symbol.iterator]();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    });
    return { body: stream, contentType: 'application/json' };
  }
  return { body, contentType: 'application/json' };
}

async function sendHostile(url: string, request: HostileRequest, timeoutMs: number): Promise<HostileOutcome> {
  const started = performance.now();
  const { body, contentType } = bodyOf(request);
  try {
    const method = request.method ?? 'POST';
    const response = await fetch(request.search ? `${url}?${request.search}` : url, {
      method,
      headers: {
        'content-type': contentType,
        accept: 'application/graphql-response+json',
        ...request.headers,
      },
      body:
        method === 'GET'
          ? undefined
          : typeof body === 'string' || body instanceof ReadableStream
            ? body
            : new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await response.text();
    return {
      name: request.name,
      status: response.status,
      body: text.slice(0, 4_000),
      ms: performance.now() - started,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { name: request.name, error: cause ?? (error as Error).message, ms: performance.now() - started };
  }
}

/**
 * The probe loop and the RSS sampler, in a worker thread: its timings do not wait on this thread,
 * which is busy sending the hostile requests (10 MB bodies...). Probes go one at a time, each with
 * the deadline, until told to stop; the worker then posts its probes and the highest RSS.
 */
const PROBE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { url, query, deadlineMs, intervalMs, pid } = workerData;
const startedAt = performance.now();
let stopping = false;
let maxRssBytes = 0;
const sample = () => {
  try {
    const kilobytes = /^VmRSS:\\s+(\\d+) kB/m.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
    if (kilobytes) maxRssBytes = Math.max(maxRssBytes, Number(kilobytes[1]) * 1024);
  } catch {}
};
sample();
const sampler = setInterval(sample, 10);
parentPort.on('message', () => { stopping = true; });
async function probe() {
  const at = performance.now() - startedAt;
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(deadlineMs),
    });
    const answer = await response.json();
    const ms = performance.now() - started;
    const ok = response.status === 200 && answer.data != null && answer.errors === undefined && ms <= deadlineMs;
    return ok ? { at, ms, ok } : { at, ms, ok, problem: 'HTTP ' + response.status + ' ' + JSON.stringify(answer).slice(0, 200) };
  } catch (error) {
    return { at, ms: performance.now() - started, ok: false, problem: error.message };
  }
}
(async () => {
  const probes = [];
  while (!stopping || probes.length < 3) {
    probes.push(await probe());
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  // One probe after everything: the process still answers.
  probes.push(await probe());
  clearInterval(sampler);
  sample();
  parentPort.postMessage({ probes, maxRssBytes });
})();
`;

/** Sends the hostile requests while probing the cheap query and sampling RSS; resolves with what it saw. */
export async function runCanary(options: CanaryOptions): Promise<CanaryReport> {
  const { gateway } = options;
  const deadline = options.probeDeadlineMs ?? 1_000;
  const interval = options.probeIntervalMs ?? 25;
  const query = options.cheapQuery ?? CHEAP_QUERY;
  const warmUp = options.warmUp ?? [
    { name: 'warm-up (fast path)', body: { json: { query } } },
    { name: 'warm-up (yoga)', body: { json: { query } }, headers: { origin: 'http://canary.invalid' } },
  ];
  for (let round = 0; round < 3; round += 1) {
    for (const request of warmUp) await sendHostile(gateway.url, request, 30_000);
  }
  const prober = new Worker(PROBE_WORKER, {
    eval: true,
    workerData: { url: gateway.url, query, deadlineMs: deadline, intervalMs: interval, pid: gateway.pid },
  });
  const probed = new Promise<{ probes: CanaryProbe[]; maxRssBytes: number }>((resolve, reject) => {
    prober.once('message', resolve);
    prober.once('error', reject);
  });

  const queue = Array.from({ length: options.rounds ?? 2 }, () => options.hostile).flat();
  const outcomes: HostileOutcome[] = [];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      outcomes.push(await sendHostile(gateway.url, next, options.hostileTimeoutMs ?? 30_000));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  } finally {
    prober.postMessage('stop');
  }
  const { probes, maxRssBytes } = await probed;
  await prober.terminate();
  const failedProbes = probes.filter((entry) => !entry.ok);
  return {
    outcomes,
    probes,
    slowestProbeMs: Math.max(...probes.map((entry) => entry.ms)),
    failedProbes,
    maxRssBytes,
    alive: gateway.alive(),
  };
}
