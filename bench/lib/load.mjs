/**
 * Load generators: wrk (preferred; one thread, N connections, POST body from a Lua script) and
 * autocannon from $BENCH_PEERS/tools as the fallback. Both send the same headers with every
 * request (Content-Type, plus e.g. Authorization) and resolve to {rps, p50, p99, maxMs, total,
 * non2xx, errors, bytesPerResponse} with latencies in milliseconds (bytesPerResponse: headers and
 * body read per request, to tell full answers from empty or refused ones).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { onExit, trackHelper } from './processes.mjs';
import { benchPeers } from './util.mjs';

/** 'wrk' when it is on PATH, else 'autocannon'. */
export function defaultTool() {
  return spawnSync('sh', ['-c', 'command -v wrk']).status === 0 ? 'wrk' : 'autocannon';
}

function parseBytes(s) {
  const m = /^([\d.]+)(B|KB|MB|GB)$/.exec(String(s).trim());
  return m ? Number(m[1]) * { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[m[2]] : Number.NaN;
}

function parseDuration(s) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(String(s).trim());
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  return { us: v / 1000, ms: v, s: v * 1000, m: v * 60_000 }[m[2]];
}

let scriptDir;
const luaString = (text) => {
  if (text.includes(']==]')) throw new Error('request body or header contains ]==]');
  return `[==[${text}]==]`;
};
function luaFor(body, headers) {
  if (!scriptDir) {
    scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), 'discograph-bench-wrk-'));
    onExit(cleanupLoad);
  }
  const key = JSON.stringify([body, headers]);
  const f = path.join(scriptDir, `${createHash('sha1').update(key).digest('hex').slice(0, 16)}.lua`);
  if (!fs.existsSync(f)) {
    const lines = ['wrk.method = "POST"', 'wrk.headers["Content-Type"] = "application/json"'];
    // The spaces matter: `headers[[==[` would open a Lua long string.
    for (const [name, value] of Object.entries(headers))
      lines.push(`wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
    lines.push(`wrk.body = ${luaString(body)}`, '');
    fs.writeFileSync(f, lines.join('\n'));
  }
  return f;
}

/** Removes the temporary wrk scripts. */
export function cleanupLoad() {
  if (scriptDir) fs.rmSync(scriptDir, { recursive: true, force: true });
  scriptDir = undefined;
}

function runWrk(url, body, seconds, connections, headers) {
  return new Promise((resolve, reject) => {
    const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', luaFor(body, headers), url];
    const p = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    trackHelper(p);
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('error', reject);
    p.on('close', () => {
      const pct = (n) => parseDuration(new RegExp(`^\\s+${n}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
      const total = Number(/(\d+) requests in/.exec(out)?.[1]);
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
        p50: pct(50),
        p99: pct(99),
        // wrk's own max latency (the p99 of wrk 4 is not coordinated-omission corrected).
        maxMs: parseDuration(/^\s+Latency\s+\S+\s+\S+\s+(\S+)/m.exec(out)?.[1] ?? ''),
        total,
        bytesPerResponse: parseBytes(/requests in [^,]+, (\S+) read/.exec(out)?.[1] ?? '') / total,
        non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
        errors: /Socket errors:(.*)/.exec(out)?.[1]?.trim() ?? null,
      });
    });
  });
}

let autocannon;
async function runAutocannon(url, body, seconds, connections, headers) {
  autocannon ??= createRequire(path.join(benchPeers, 'tools', 'package.json'))('autocannon');
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
  });
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    maxMs: r.latency.max,
    total: r.requests.total,
    bytesPerResponse: r.throughput.total / r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors || r.timeouts ? `errors ${r.errors} timeouts ${r.timeouts}` : null,
  };
}

/** Runs one load of `seconds` with `connections` against `url` posting `body` with `headers`. */
export function runLoad(tool, url, body, seconds, connections, headers = {}) {
  return tool === 'wrk'
    ? runWrk(url, body, seconds, connections, headers)
    : runAutocannon(url, body, seconds, connections, headers);
}
