#!/usr/bin/env node
// Instructions the Discograph server process spends per request, counted by valgrind (callgrind),
// so the figure does not depend on what else the machine is doing. Starts the built gateway
// (`node dist/cli/main.js serve`) under `valgrind --tool=callgrind` on PostgreSQL Chinook, then
// for each query: W warm-up requests (V8 tiers up), zero the counters, then K windows of N
// sequential requests, dumping (and so zeroing) the counters after each: per request = Ir of a
// window / N, reported as the median over the windows, without the instructions of V8's compilers
// (which keep tiering functions up thousands of requests after the warm-up, in bursts that made
// windows differ by 2x; the total with them is printed too). Every answer is compared with the first one, so a change that alters
// results shows up here too. Only the server runs under valgrind; this client does not.
//
// Usage: npm run build && node bench/request-instructions.mjs [options]
//   --queries Q1,Q3,Q4   --warmup 400   --windows 7 (K)   --size 300 (N)
//   --database-url URL   (default postgres://postgres@127.0.0.1:5432/chinook)
//   --port 4517          --out DIR (callgrind files; default a new folder in /tmp)
//   --main FILE          the CLI to serve (default dist/cli/main.js of this checkout)
//   --node-args ARGS     node flags (default --single-threaded: compilation and GC on the main
//                        thread, so tier-up and collections do not depend on how valgrind
//                        schedules threads, which made windows differ by 2x)
//   --keep               keep the callgrind files (default: deleted, the numbers are printed)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { benchDir, parseFlags, repoDir, sleep, usageOf } from './lib/util.mjs';

const opts = parseFlags(
  process.argv.slice(2),
  {
    queries: 'Q1,Q3,Q4',
    warmup: 400,
    windows: 7,
    size: 300,
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/chinook',
    port: 4517,
    out: '',
    main: path.join(repoDir, 'dist', 'cli', 'main.js'),
    nodeArgs: '--single-threaded',
    keep: false,
  },
  usageOf(new URL(import.meta.url).pathname),
);
const out = opts.out || fs.mkdtempSync(path.join(os.tmpdir(), 'discograph-instr-'));
fs.mkdirSync(out, { recursive: true });
const cacheDir = path.join(out, 'schema-cache');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * POSTs `body`; a keep-alive socket the server closed while idle (a dump under callgrind can
 * outlast its keep-alive timeout) is retried once on a new socket, as Node's docs advise.
 */
function post(body, retried = false) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: opts.port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on('error', (error) => {
      if (!retried && request.reusedSocket && error.code === 'ECONNRESET') resolve(post(body, true));
      else reject(error);
    });
    request.end(body);
  });
}

function requestBody(query) {
  const dir = path.join(benchDir, 'queries', 'discograph');
  const text = fs.readFileSync(path.join(dir, `${query}.graphql`), 'utf8');
  const variablesFile = path.join(dir, `${query}.variables.json`);
  const variables = fs.existsSync(variablesFile)
    ? JSON.parse(fs.readFileSync(variablesFile, 'utf8'))
    : undefined;
  return JSON.stringify({ query: text, ...(variables ? { variables } : {}) });
}

async function send(body, count, expected) {
  for (let i = 0; i < count; i += 1) {
    const { status, text } = await post(body);
    if (status !== 200 || text !== expected)
      throw new Error(`unexpected answer (${status}): ${text.slice(0, 300)}`);
  }
}

/** Inclusive Ir of V8's compilers (optimizing and lazy) in a dump, from callgrind_annotate. */
function compileIr(file) {
  const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^\s*([\d,]+) .*\?\?\?:v8::internal::Runtime_Compile(Optimized|Lazy)\(/.exec(line);
    if (match) total += Number(match[1].replaceAll(',', ''));
  }
  return total;
}

/**
 * Dumps the counters (which zeroes them) and returns the Ir of the dump just written, and its file
 * (annotated later: the keep-alive connection would time out meanwhile).
 */
function dump(pid, label) {
  const before = new Set(fs.readdirSync(out));
  execFileSync('callgrind_control', [`--dump=${label}`, String(pid)], { stdio: 'ignore' });
  const file = fs.readdirSync(out).find((name) => name.startsWith('callgrind.out') && !before.has(name));
  if (!file) throw new Error(`no dump written for ${label}`);
  const text = fs.readFileSync(path.join(out, file), 'utf8');
  const totals = /^(?:summary|totals): (\d+)/m.exec(text);
  if (!totals) throw new Error(`no totals in ${file}`);
  return { total: Number(totals[1]), file: path.join(out, file) };
}

async function waitReady(child) {
  const t0 = Date.now();
  while (Date.now() - t0 < 600_000) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}`);
    try {
      const { status } = await post(JSON.stringify({ query: '{ __typename }' }));
      if (status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error('server not ready after 10 minutes');
}

const child = spawn(
  'valgrind',
  [
    '--tool=callgrind',
    `--callgrind-out-file=${path.join(out, 'callgrind.out.%p')}`,
    'node',
    ...opts.nodeArgs.split(' ').filter(Boolean),
    path.resolve(opts.main),
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--database-url',
    opts.databaseUrl,
    '--cache-dir',
    cacheDir,
    '--no-graphiql',
  ],
  { cwd: out, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } },
);
let log = '';
child.stderr.on('data', (d) => {
  log = (log + d).slice(-5000);
});
const stop = () => {
  if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('exit', stop);
try {
  await waitReady(child);
  console.log(
    `callgrind server pid ${child.pid}; warm-up ${opts.warmup}, then ${opts.windows} windows of ${opts.size} requests`,
  );
  console.log('query  Ir/request without V8 compiling: median  min  max | with it: median  (each window)');
  for (const query of opts.queries.split(',')) {
    const body = requestBody(query);
    const first = await post(body);
    if (first.status !== 200 || first.text.includes('"errors"'))
      throw new Error(`${query}: ${first.text.slice(0, 300)}`);
    await send(body, opts.warmup, first.text);
    dump(child.pid, `${query}-warm`);
    const dumps = [];
    for (let window = 1; window <= opts.windows; window += 1) {
      await send(body, opts.size, first.text);
      dumps.push(dump(child.pid, `${query}-${window}`));
    }
    // V8 keeps tiering functions up long after the warm-up (a function called once per request
    // reaches the optimizing tier after thousands of requests), in bursts that vary by window.
    const perWindow = dumps.map(({ total, file }) => {
      const compile = compileIr(file);
      if (!opts.keep) fs.rmSync(file);
      return { total, compile };
    });
    const median = (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const n = sorted.length;
      return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    };
    const fmt = (x) => Math.round(x / opts.size).toLocaleString('en-US');
    const run = perWindow.map((w) => w.total - w.compile);
    const totals = perWindow.map((w) => w.total);
    console.log(
      `${query.padEnd(6)} ${fmt(median(run))}  ${fmt(Math.min(...run))}  ${fmt(Math.max(...run))}  ${fmt(median(totals))}  (${run.map(fmt).join(' ')})`,
    );
  }
} catch (error) {
  console.error(error, log);
  process.exitCode = 1;
} finally {
  agent.destroy();
  stop();
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve()));
  if (!opts.keep && !opts.out) fs.rmSync(out, { recursive: true, force: true });
}
