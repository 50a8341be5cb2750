/**
 * `BatchedLineDestination`: log lines gathered into batches of about `batchBytes` (or for at most
 * `maxWaitMs`) before they are handed to the stream that writes them (sonic-boom in buffer mode,
 * writing standard error asynchronously). One write per batch instead of one per line, as
 * sonic-boom's own `minLength` would do, but without its costs per line: in text mode its `write`
 * measures the byte length of everything pending on every line (`Buffer.byteLength` of a string
 * that grows to `minLength`), and each batch is a long string that `fs.write` encodes again on
 * the main thread — together 3–7 µs per request line, more than pino spends building it. Here
 * each line is encoded once, into the batch's bytes, and the batch is written as a Buffer.
 *
 * A batch's memory is used again once the stream reports it written (its `write` event, which
 * sonic-boom emits with the bytes of each completed write, in order): a fresh 64 KiB Buffer per
 * batch was 16 pages touched for the first time, some 60 page faults per 1,000 request lines, and
 * a first touch costs ~11 µs on a paravirtualised host.
 *
 * Lines keep their order. `flush(callback)` hands the batch on and calls back once it is written;
 * `flushSync()`, and the process's `exit`, write everything pending synchronously, so that a line
 * logged just before the process ends is not lost.
 *
 * @example
 * const stream = pino.destination({ dest: 2, sync: false, minLength: 1, contentMode: 'buffer' });
 * const logger = pino({}, new BatchedLineDestination(stream, 2));
 */
import { writeSync } from 'node:fs';

/** What the batches are handed to: sonic-boom's stream API, in buffer mode. */
export interface LineStream {
  write(data: Buffer): boolean;
  flush(callback?: (error?: Error | null) => void): void;
  flushSync(): void;
  end(): void;
  /** `write`: bytes the stream has written, in the order given (without it no batch is used again). */
  on?(event: 'write', listener: (bytes: number) => void): unknown;
}

/** Bytes handed to the stream and not yet reported written; `batch` when they are a whole batch. */
interface Unwritten {
  bytes: number;
  batch: Buffer | undefined;
}

/** Options of `BatchedLineDestination`. */
export interface BatchOptions {
  /** Bytes of lines gathered before they are handed on (default 12 KiB: some 50 request lines). */
  batchBytes?: number;
  /** The longest a line waits in a batch, in milliseconds (default 100). */
  maxWaitMs?: number;
}

const DEFAULT_BATCH_BYTES = 12 * 1024;
const DEFAULT_MAX_WAIT_MS = 100;
/** Writes noted as pending beyond which a stream is taken not to report them (none used again). */
const MAX_UNWRITTEN = 1024;

/** The destinations whose batches the process's `exit` writes (one listener for all). */
const open = new Set<BatchedLineDestination>();
let exitListening = false;

function writePendingOnExit(): void {
  for (const destination of open) {
    try {
      destination.flushSync();
    } catch {
      // Nothing can be reported any more: the process is ending and its log is what failed.
    }
  }
}

/** How long a synchronous write waits before trying again on a full pipe (EAGAIN), in ms. */
const FULL_PIPE_WAIT_MS = 10;
/** How often it tries before giving up (about a second). */
const FULL_PIPE_TRIES = 100;

/** Writes all of `bytes` to `fd` synchronously, waiting out a full non-blocking pipe. */
function writeAllSync(fd: number, bytes: Buffer): void {
  let tries = 0;
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EAGAIN' && code !== 'EBUSY') || ++tries > FULL_PIPE_TRIES) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, FULL_PIPE_WAIT_MS);
    }
  }
}

/** A log destination writing lines in batches (see the module comment). */
export class BatchedLineDestination {
  /** The batch being filled: its first `used` bytes are lines. The spare, or a new one, per batch handed on. */
  private batch: Buffer;
  private used = 0;
  /** A written batch, to be filled next instead of a new Buffer. */
  private spare: Buffer | undefined;
  /**
   * What the stream was handed and has not reported written, oldest first; undefined when the
   * stream does not report its writes (or stopped: more than MAX_UNWRITTEN pending).
   */
  private unwritten: Unwritten[] | undefined;
  private allocated = 1;
  private timer: NodeJS.Timeout | undefined;
  private readonly batchBytes: number;
  private readonly maxWaitMs: number;

  /**
   * `stream` writes the batches to the file descriptor `fd` (where a synchronous write at the end
   * of the process goes).
   */
  constructor(
    private readonly stream: LineStream,
    private readonly fd: number,
    options: BatchOptions = {},
  ) {
    this.batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.batch = Buffer.allocUnsafe(this.batchBytes);
    if (typeof stream.on === 'function') {
      this.unwritten = [];
      stream.on('write', this.written);
    }
    open.add(this);
    if (!exitListening) {
      exitListening = true;
      process.on('exit', writePendingOnExit);
    }
  }

  /** Batch Buffers allocated so far: one per batch, unless written ones are used again. */
  get buffersAllocated(): number {
    return this.allocated;
  }

  /** Adds a line (or lines) to the batch; the batch is handed on when it is full. */
  write(line: string): boolean {
    // A UTF-16 unit takes at most 3 bytes in UTF-8: a line this short always fits.
    if (this.used + line.length * 3 > this.batchBytes) {
      const bytes = Buffer.byteLength(line);
      if (this.used + bytes > this.batchBytes) {
        this.handOn();
        if (bytes > this.batchBytes) {
          this.noteUnwritten(bytes, undefined);
          this.stream.write(Buffer.from(line));
          return true;
        }
      }
    }
    this.used += this.batch.write(line, this.used);
    if (this.timer === undefined) {
      this.timer = setTimeout(this.handOnAfterWait, this.maxWaitMs);
      this.timer.unref();
    }
    return true;
  }

  /** Hands the batch on and calls back once the stream has written it. */
  flush(callback?: (error?: Error | null) => void): void {
    this.handOn();
    this.stream.flush(callback);
  }

  /** Writes what the stream holds, then the batch, synchronously (for the end of the process). */
  flushSync(): void {
    this.stopTimer();
    this.stream.flushSync();
    if (this.used === 0) return;
    const lines = this.batch.subarray(0, this.used);
    this.used = 0;
    writeAllSync(this.fd, lines);
  }

  /** Hands the batch on and ends the stream. */
  end(): void {
    this.stopTimer();
    this.handOn();
    open.delete(this);
    this.stream.end();
  }

  private readonly handOnAfterWait = (): void => {
    this.timer = undefined;
    this.handOn();
  };

  /**
   * Hands the lines gathered to the stream, which keeps that Buffer until it reports it written;
   * the spare (a batch written before) or a new Buffer is filled next.
   */
  private handOn(): void {
    if (this.used === 0) return;
    const full = this.batch;
    const lines = full.subarray(0, this.used);
    if (this.spare !== undefined) {
      this.batch = this.spare;
      this.spare = undefined;
    } else {
      this.batch = Buffer.allocUnsafe(this.batchBytes);
      this.allocated += 1;
    }
    this.used = 0;
    // Noted before the write, which a synchronous stream reports at once.
    this.noteUnwritten(lines.length, full);
    this.stream.write(lines);
  }

  private noteUnwritten(bytes: number, batch: Buffer | undefined): void {
    const unwritten = this.unwritten;
    if (unwritten === undefined) return;
    if (unwritten.length >= MAX_UNWRITTEN) this.unwritten = undefined;
    else unwritten.push({ bytes, batch });
  }

  /**
   * The stream wrote `bytes` more: the batches wholly written are free again (one is kept). A
   * write the stream does not report (its own flushSync at exit) only delays this, never hastens it.
   */
  private readonly written = (bytes: number): void => {
    const unwritten = this.unwritten;
    if (unwritten === undefined) return;
    let left = bytes;
    while (left > 0 && unwritten.length > 0) {
      const oldest = unwritten[0] as Unwritten;
      const taken = Math.min(left, oldest.bytes);
      oldest.bytes -= taken;
      left -= taken;
      if (oldest.bytes > 0) break;
      unwritten.shift();
      if (oldest.batch !== undefined) this.spare ??= oldest.batch;
    }
  };

  private stopTimer(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
