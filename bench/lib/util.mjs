/** Small helpers shared by the benchmark scripts: flags, medians, tables, ports. */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory of the bench/ folder. */
export const benchDir = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
/** Root of the repository. */
export const repoDir = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
/** Where the peers are installed (outside the repository). */
export const benchPeers = process.env.BENCH_PEERS ?? '/tmp/bench-peers';
/** Where result JSON files go (outside the repository, so the tree and the linter stay clean). */
export const resultsDir = path.join(benchPeers, 'results');

/**
 * Parses `--name value` and `--flag` arguments against `defaults` (a boolean default makes a
 * flag without value; numbers are converted). Unknown flags throw; `--help` prints `usage`.
 */
export function parseFlags(argv, defaults, usage) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    }
    const eq = arg.indexOf('=');
    const key = (eq > 0 ? arg.slice(0, eq) : arg)
      .replace(/^--/, '')
      .replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!arg.startsWith('--') || !(key in defaults)) throw new Error(`unknown argument ${arg}\n\n${usage}`);
    if (typeof defaults[key] === 'boolean' && eq < 0) {
      out[key] = true;
      continue;
    }
    const raw = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new Error(`${arg} needs a value`);
    out[key] = typeof defaults[key] === 'number' ? Number(raw) : raw;
    if (typeof defaults[key] === 'number' && !Number.isFinite(out[key]))
      throw new Error(`${arg}: not a number`);
  }
  return out;
}

/** The leading `//` comment block of a script, as its usage text. */
export function usageOf(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines
    .filter((l) => l.startsWith('//'))
    .map((l) => l.slice(3))
    .join('\n');
}

/** Median of numbers (NaN for none). */
export function median(xs) {
  const a = xs.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  const n = a.length;
  if (!n) return Number.NaN;
  return n % 2 ? a[(n - 1) / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

/** A Markdown table. */
export function table(head, rows) {
  const w = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(w[i])).join(' | ')} |`;
  return [line(head), `| ${w.map((x) => '-'.repeat(x)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The 1/5/15-minute load averages, as text. */
export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
