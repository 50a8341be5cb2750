/**
 * A TCP proxy in front of PostgreSQL or MySQL/MariaDB that counts the statements a server sends,
 * by decoding the client side of the wire protocol (no database config change, no extension).
 * PostgreSQL: simple Query ('Q') and extended-protocol Execute ('E') messages, Parse/Bind/Sync
 * counted apart. MySQL: COM_QUERY and COM_STMT_EXECUTE (COM_STMT_PREPARE counted apart), read
 * from command packets (sequence id 0) after the handshake. SSL/compression must be off. Use
 * it to count, never to measure speed: it adds a hop.
 */
import net from 'node:net';

function emptyCounts() {
  return {
    statements: 0,
    simpleQueries: 0,
    executes: 0,
    parses: 0,
    prepares: 0,
    syncs: 0,
    connections: 0,
    texts: new Map(),
  };
}

function pgDecoder(c, note) {
  let startup = true;
  let pending = Buffer.alloc(0);
  const statements = new Map();
  let portalText = '';
  const cstr = (buf, off) => {
    const end = buf.indexOf(0, off);
    return [buf.toString('utf8', off, end), end + 1];
  };
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (startup) {
        if (pending.length < 8) return;
        const len = pending.readInt32BE(0);
        if (pending.length < len) return;
        const code = pending.readInt32BE(4);
        pending = pending.subarray(len);
        if (code !== 80877103 && code !== 80877104) startup = false; // not SSLRequest/GSSENCRequest
        continue;
      }
      if (pending.length < 5) return;
      const type = String.fromCharCode(pending[0]);
      const len = pending.readInt32BE(1);
      if (pending.length < 1 + len) return;
      const msg = pending.subarray(0, 1 + len);
      pending = pending.subarray(1 + len);
      if (type === 'Q') {
        c.simpleQueries++;
        c.statements++;
        note(cstr(msg, 5)[0]);
      } else if (type === 'P') {
        const [name, o] = cstr(msg, 5);
        statements.set(name, cstr(msg, o)[0]);
        c.parses++;
      } else if (type === 'B') {
        const [, o] = cstr(msg, 5);
        const [name] = cstr(msg, o);
        portalText = statements.get(name) ?? `<statement ${name}>`;
      } else if (type === 'E') {
        c.executes++;
        c.statements++;
        note(portalText);
      } else if (type === 'S') c.syncs++;
    }
  };
}

function mysqlDecoder(c, note) {
  let pending = Buffer.alloc(0);
  let handshakeDone = false;
  const prepared = [];
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (pending.length < 4) return;
      const len = pending.readUIntLE(0, 3);
      if (pending.length < 4 + len) return;
      const seq = pending[3];
      const payload = pending.subarray(4, 4 + len);
      pending = pending.subarray(4 + len);
      if (seq !== 0) {
        handshakeDone = true; // handshake response / auth data: commands come after
        continue;
      }
      if (!handshakeDone || len === 0) continue;
      const cmd = payload[0];
      if (cmd === 0x03) {
        c.simpleQueries++;
        c.statements++;
        note(payload.toString('utf8', 1));
      } else if (cmd === 0x16) {
        c.prepares++;
        prepared.push(payload.toString('utf8', 1));
      } else if (cmd === 0x17) {
        c.executes++;
        c.statements++;
        // Statement ids are assigned by the server in prepare order per connection (1, 2, ...).
        note(prepared[payload.readUInt32LE(1) - 1] ?? '<prepared statement>');
      }
    }
  };
}

/**
 * Starts a counting proxy on 127.0.0.1 (a free port) towards `target` ("host:port"); resolves to
 * {port, reset(), counts(), close()}. `counts()` returns the counters and the executed SQL texts,
 * most frequent first.
 */
export function startCountingProxy({ dialect, target }) {
  const [host, port] = target.split(':');
  const c = emptyCounts();
  const note = (text) => {
    const t = text.length > 2000 ? `${text.slice(0, 2000)} …` : text;
    c.texts.set(t, (c.texts.get(t) ?? 0) + 1);
  };
  const sockets = new Set();
  const server = net.createServer((client) => {
    c.connections++;
    const upstream = net.connect(Number(port), host);
    sockets.add(client);
    sockets.add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
    const decode = dialect === 'mysql' ? mysqlDecoder(c, note) : pgDecoder(c, note);
    client.on('data', decode);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        reset() {
          Object.assign(c, emptyCounts()); // in place: open connections' decoders hold `c`
        },
        counts() {
          const { texts, ...rest } = c;
          return {
            ...rest,
            sql: [...texts.entries()].sort((x, y) => y[1] - x[1]).map(([text, n]) => ({ n, text })),
          };
        },
        close() {
          for (const s of sockets) s.destroy();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}
