/**
 * A TCP relay in front of a MongoDB test server that can hold the server's replies: the tests' way
 * to make a command slow on a server that has no slow command (CongoDB has no `$where`,
 * `$function` or `sleep`, and a long scan would block its one thread for every other client). A
 * held command reached the server and ran there; its reply waits in the relay, so for the driver
 * the command is in flight until the relay lets the reply through (`release`) or the driver gives
 * up on it and closes the connection, which the relay records (`abandoned`) and passes on to the
 * server (a real MongoDB kills a read whose client connection closed).
 *
 * The relay reads the wire protocol's framing (a 16-byte header: length, requestID, responseTo,
 * opCode) in both directions and the command document of each OP_MSG the client sends, so it also
 * records every command that reached the server, in order (`commands`).
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { BSON, type Document } from 'mongodb';

/** OP_MSG, the opcode of every command a current driver sends. */
const OP_MSG = 2013;

/** A command that reached the server through the relay. */
export interface RelayedCommand {
  /** The relay's number for the client connection it came on. */
  connection: number;
  requestId: number;
  /** `find`, `aggregate`, `insert`, `hello`… */
  name: string;
  /** The collection it names, when it names one. */
  collection?: string;
  /** The command document (without its payload sections). */
  document: Document;
  /** `performance.now()` when it reached the relay (and went on to the server). */
  at: number;
  /** Whether its reply was held. */
  held: boolean;
}

/** A relay in front of a MongoDB server (see the file comment). */
export interface ReplyHoldingRelay {
  /** `base` with its host replaced by the relay's (and `directConnection=true`). */
  readonly url: string;
  /** Every command that reached the server through the relay, in order. */
  readonly commands: readonly RelayedCommand[];
  /** Held commands whose client closed its connection before their reply was let through. */
  readonly abandoned: readonly RelayedCommand[];
  /** Replies held now. */
  heldNow(): number;
  /** Holds the reply to each command for which `predicate` holds from now on (none: hold nothing more). */
  hold(predicate: ((command: RelayedCommand) => boolean) | undefined): void;
  /** Lets every held reply through. */
  release(): void;
  /** Closes the relay and every connection through it. */
  close(): Promise<void>;
}

/** Splits a byte stream into wire protocol messages. */
class MessageReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** The complete messages of `chunk` and what came before it. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const messages: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readInt32LE(0);
      if (this.buffered.length < length) break;
      messages.push(this.buffered.subarray(0, length));
      this.buffered = this.buffered.subarray(length);
    }
    return messages;
  }
}

/** The command document of an OP_MSG (its kind-0 section), or undefined for other messages. */
function commandOf(message: Buffer): Document | undefined {
  if (message.readInt32LE(12) !== OP_MSG) return undefined;
  let offset = 20;
  while (offset < message.length) {
    const kind = message.readUInt8(offset);
    if (kind === 0) {
      const size = message.readInt32LE(offset + 1);
      return BSON.deserialize(message.subarray(offset + 1, offset + 1 + size));
    }
    offset += 1 + message.readInt32LE(offset + 1);
  }
  return undefined;
}

/** Starts a relay to the server of `base` (a mongodb:// URL) on a free loopback port. */
export async function startReplyHoldingRelay(base: string): Promise<ReplyHoldingRelay> {
  const target = new URL(base);
  const commands: RelayedCommand[] = [];
  const abandoned: RelayedCommand[] = [];
  const sockets = new Set<Socket>();
  /** Per connection: the replies held (and those queued behind them), and their commands. */
  const queues = new Map<number, { client: Socket; replies: Buffer[]; held: RelayedCommand[] }>();
  let predicate: ((command: RelayedCommand) => boolean) | undefined;
  let connections = 0;

  const flush = (connection: number) => {
    const queue = queues.get(connection);
    if (!queue) return;
    queues.delete(connection);
    for (const reply of queue.replies) queue.client.write(reply);
  };

  const server: Server = createServer((client) => {
    const connection = ++connections;
    const upstream = connect(Number(target.port || 27017), target.hostname);
    const heldIds = new Map<number, RelayedCommand>();
    const fromClient = new MessageReader();
    const fromServer = new MessageReader();
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('close', () => {
      const queue = queues.get(connection);
      if (queue) abandoned.push(...queue.held);
      queues.delete(connection);
      for (const command of heldIds.values()) abandoned.push(command);
      heldIds.clear();
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk: Buffer) => {
      for (const message of fromClient.push(chunk)) {
        const document = commandOf(message);
        if (document === undefined) continue;
        const name = Object.keys(document)[0] ?? '';
        const target = document[name];
        const command: RelayedCommand = {
          connection,
          requestId: message.readInt32LE(4),
          name,
          ...(typeof target === 'string' ? { collection: target } : {}),
          document,
          at: performance.now(),
          held: false,
        };
        command.held = predicate?.(command) === true;
        if (command.held) heldIds.set(command.requestId, command);
        commands.push(command);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      for (const reply of fromServer.push(chunk)) {
        const command = heldIds.get(reply.readInt32LE(8));
        let queue = queues.get(connection);
        if (command !== undefined) {
          heldIds.delete(command.requestId);
          queue ??= { client, replies: [], held: [] };
          queues.set(connection, queue);
          queue.held.push(command);
        }
        if (queue) queue.replies.push(Buffer.from(reply));
        else client.write(reply);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(base);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  // One server behind the relay: no discovery of a replica set's other members.
  url.searchParams.set('directConnection', 'true');
  return {
    url: url.toString(),
    commands,
    abandoned,
    heldNow: () => {
      let held = 0;
      for (const queue of queues.values()) held += queue.held.length;
      return held;
    },
    hold(next) {
      predicate = next;
    },
    release() {
      for (const connection of [...queues.keys()]) flush(connection);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
