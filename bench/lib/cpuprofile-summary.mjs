/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function, self time per
 * area (pg driver, socket I/O, node:http, graphql-js, yoga/whatwg-node, DataLoader, Discograph,
 * GC, ...) and inclusive time per area (share of samples with that area anywhere on the stack).
 * Socket I/O self time is also split by the area that asked for it (pg vs node:http). Percentages
 * are of busy time (all samples except "(idle)").
 */
import fs from 'node:fs';

const AREAS = [
  ['(root)', (f) => f.functionName === '(root)'],
  ['GC', (f) => f.functionName === '(garbage collector)'],
  ['V8/native (program)', (f) => f.functionName === '(program)'],
  ['pg-protocol (wire parse)', (f) => /node_modules\/pg-protocol\//.test(f.url)],
  ['pg-types (value parse)', (f) => /node_modules\/(pg-types|postgres-[a-z]+)\//.test(f.url)],
  ['pg (client, pool, result rows)', (f) => /node_modules\/(pg|pg-pool)\//.test(f.url)],
  ['mysql2', (f) => /node_modules\/mysql2\//.test(f.url)],
  ['graphql-js (parse, validate, types)', (f) => /node_modules\/graphql\//.test(f.url)],
  [
    'GraphQL execution (@graphql-tools/executor)',
    (f) => /node_modules\/@graphql-tools\/executor\//.test(f.url),
  ],
  [
    'yoga / envelop / whatwg-node',
    (f) => /node_modules\/(graphql-yoga|@graphql-yoga|@envelop|@whatwg-node)\//.test(f.url),
  ],
  ['graphql-tools (utils, schema)', (f) => /node_modules\/@graphql-tools\//.test(f.url)],
  ['DataLoader', (f) => /node_modules\/dataloader\//.test(f.url)],
  ['Discograph (dist/)', (f) => /\/dist\//.test(f.url) && !/node_modules/.test(f.url)],
  [
    'socket I/O (net, stream writes)',
    (f) =>
      /^node:(net|internal\/stream_base_commons|internal\/net|internal\/streams\/)/.test(f.url) ||
      /^(writev|writeUtf8String|writeLatin1String|writeBuffer|writeAsciiString|shutdown)$/.test(
        f.functionName,
      ),
  ],
  ['node:http', (f) => /^node:(_http_|internal\/http|http)/.test(f.url)],
  ['node internals (other)', (f) => f.url.startsWith('node:') || f.url === ''],
  ['other', () => true],
];

const SOCKET = 'socket I/O (net, stream writes)';
const INTERNAL = 'node internals (other)';

function areaOf(frame) {
  for (const [name, test] of AREAS) if (test(frame)) return name;
  return 'other';
}

/**
 * Summary of one profile file: busy ms, idle share, area tables and the top self-time functions.
 * With `window` ({fromUs, toUs} on the monotonic clock, as `process.hrtime.bigint() / 1000n`
 * gives it in any process) only samples inside it count, e.g. the measured load without startup.
 */
export function summariseProfile(file, { top = 25, window = null } = {}) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const areaSelf = new Map();
  const areaIncl = new Map();
  const writeCallers = new Map();
  let busy = 0;
  let idle = 0;
  const areaCache = new Map();
  const area = (id) => {
    let a = areaCache.get(id);
    if (!a) {
      a = areaOf(byId.get(id).callFrame);
      areaCache.set(id, a);
    }
    return a;
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    t += profile.timeDeltas[i];
    if (window && (t < window.fromUs || t > window.toUs)) continue;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // delta i+1 is how long sample i lasted
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    busy += dt;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    areaSelf.set(area(id), (areaSelf.get(area(id)) ?? 0) + dt);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) seen.add(area(n));
    seen.delete('(root)');
    for (const a of seen) areaIncl.set(a, (areaIncl.get(a) ?? 0) + dt);
    if (area(id) === SOCKET) {
      // Who asked for the write: the nearest caller outside node's own stream/net code.
      let caller = 'node internals only';
      for (let n = parent.get(id); n !== undefined; n = parent.get(n)) {
        const a = area(n);
        if (a !== SOCKET && a !== INTERNAL && a !== '(root)') {
          caller = a;
          break;
        }
      }
      writeCallers.set(caller, (writeCallers.get(caller) ?? 0) + dt);
    }
  }
  const pct = (x) => (100 * x) / busy;
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    busyMs: busy,
    idlePct: (100 * idle) / (busy + idle),
    areas: sorted(areaSelf).map(([name, ms]) => ({
      name,
      selfPct: pct(ms),
      inclusivePct: pct(areaIncl.get(name) ?? 0),
    })),
    socketWriteCallers: sorted(writeCallers).map(([name, ms]) => ({ name, selfPct: pct(ms) })),
    inclusiveOnly: sorted(areaIncl)
      .filter(([name]) => !areaSelf.has(name))
      .map(([name, ms]) => ({ name, inclusivePct: pct(ms) })),
    top: sorted(self)
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, selfPct: pct(ms) })),
  };
}
