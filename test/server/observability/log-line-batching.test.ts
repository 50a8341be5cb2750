import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants, mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  BatchedLineDestination,
  type LineStream,
} from '../../../src/server/observability/batched-line-destination.js';
import {
  hundredthsJson,
  operationMembers,
  requestLogLine,
} from '../../../src/server/observability/request-log-line.js';
import { RequestReportQueue } from '../../../src/server/observability/request-report-queue.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A sonic-boom stream in buffer mode writing to a new temporary file, and that file. */
function fileStream(): { stream: LineStream; fd: number; file: string; writes: Buffer[] } {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'discograph-lines-')), 'log');
  const fd = openSync(file, 'w');
  const sonic = pino.destination({ dest: fd, sync: false, minLength: 1, contentMode: 'buffer' });
  const writes: Buffer[] = [];
  const stream = sonic as unknown as LineStream;
  const write = stream.write.bind(stream);
  stream.write = (data: Buffer) => {
    writes.push(data);
    return write(data);
  };
  return { stream, fd, file, writes };
}

const flushed = (destination: BatchedLineDestination) =>
  new Promise<void>((resolve, reject) => destination.flush((error) => (error ? reject(error) : resolve())));

describe('log lines written in batches', () => {
  it('writes every line in order, one write per batch of about batchBytes', async () => {
    const { stream, fd, file, writes } = fileStream();
    const destination = new BatchedLineDestination(stream, fd, { batchBytes: 1024, maxWaitMs: 10_000 });
    const lines = Array.from({ length: 100 }, (_, index) => `{"n":${index},"text":"${'x'.repeat(80)}"}\n`);
    for (const line of lines) destination.write(line);
    await flushed(destination);
    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.length).toBeLessThanOrEqual(11);
    for (const batch of writes) expect(batch.length).toBeLessThanOrEqual(1024);
  });

  it('keeps characters outside ASCII whole across batches', async () => {
    const { stream, fd, file } = fileStream();
    const destination = new BatchedLineDestination(stream, fd, { batchBytes: 64, maxWaitMs: 10_000 });
    const lines = Array.from(
      { length: 40 },
      (_, index) => `{"n":${index},"s":"é€😀${'ü'.repeat(index % 7)}"}\n`,
    );
    for (const line of lines) destination.write(line);
    await flushed(destination);
    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
  });

  it('writes a line longer than a batch whole, after the lines before it', async () => {
    const { stream, fd, file } = fileStream();
    const destination = new BatchedLineDestination(stream, fd, { batchBytes: 256, maxWaitMs: 10_000 });
    const long = `{"stack":"${'s'.repeat(5000)}"}\n`;
    destination.write('{"first":1}\n');
    destination.write(long);
    destination.write('{"last":1}\n');
    await flushed(destination);
    expect(readFileSync(file, 'utf8')).toBe(`{"first":1}\n${long}{"last":1}\n`);
  });

  it('writes a lone line after maxWaitMs without a flush', async () => {
    const { stream, fd, file } = fileStream();
    const destination = new BatchedLineDestination(stream, fd, { batchBytes: 64 * 1024, maxWaitMs: 30 });
    destination.write('{"alone":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readFileSync(file, 'utf8')).toBe('{"alone":true}\n');
  });

  it("fills a written batch's memory again instead of a new Buffer per batch", async () => {
    const { stream, fd, file } = fileStream();
    const destination = new BatchedLineDestination(stream, fd, { batchBytes: 1024, maxWaitMs: 10_000 });
    const lines = Array.from({ length: 400 }, (_, index) => `{"n":${index},"text":"${'y'.repeat(90)}"}\n`);
    // Each flush hands on a batch of 8 lines (~800 bytes) and waits until it is written.
    for (let from = 0; from < lines.length; from += 8) {
      for (const line of lines.slice(from, from + 8)) destination.write(line);
      await flushed(destination);
    }
    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
    // 50 batches were written, each free again before the next was handed on: the one filling and
    // the one written take turns.
    expect(destination.buffersAllocated).toBe(2);
  });

  it('uses no batch again before a slow, non-blocking reader has taken all of it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discograph-lines-'));
    const fifo = path.join(dir, 'fifo');
    const out = path.join(dir, 'out');
    execFileSync('mkfifo', [fifo]);
    const lines = Array.from(
      { length: 20_000 },
      (_, index) => `{"n":${index},"s":"é€😀${'z'.repeat(index % 150)}"}\n`,
    );
    const total = Buffer.byteLength(lines.join(''));
    // The reader holds the pipe open (read-write, so that opening does not wait for a writer),
    // waits while the pipe fills, then reads exactly what will be written.
    const reader = spawn('sh', [
      '-c',
      'exec 3<>"$0"; echo ready; sleep 0.3; head -c "$1" <&3 > "$2"',
      fifo,
      String(total),
      out,
    ]);
    await once(reader.stdout, 'data');
    const fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    // Batches larger than the pipe (64 KiB), each written on its own (maxWrite): every write takes
    // part of one, and the rest waits in the same memory.
    const batchBytes = 256 * 1024;
    const sonic = pino.destination({
      dest: fd,
      sync: false,
      minLength: 1,
      contentMode: 'buffer',
      maxWrite: batchBytes,
    });
    const destination = new BatchedLineDestination(sonic as unknown as LineStream, fd, {
      batchBytes,
      maxWaitMs: 10_000,
    });
    // Written over time, so that batches come back (partly written, EAGAIN) while others fill.
    for (let from = 0; from < lines.length; from += 400) {
      for (const line of lines.slice(from, from + 400)) destination.write(line);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    // No flush callback: it would fsync, which a pipe refuses (EINVAL). The reader ends once it
    // has read every byte.
    destination.flush();
    await once(reader, 'exit');
    expect(readFileSync(out, 'utf8')).toBe(lines.join(''));
    expect(destination.buffersAllocated).toBeLessThan(Math.ceil(total / batchBytes));
  });

  it('loses no line logged just before the process exits', () => {
    const logger = path.join(root, 'dist', 'server', 'observability', 'gateway-logger.js');
    const script = `
      const { createGatewayLogger } = await import(${JSON.stringify(logger)});
      const log = await createGatewayLogger({ level: 'info', format: 'json' }, { production: true });
      for (let n = 0; n < 500; n += 1) log.info({ n }, 'line');
      setTimeout(() => { log.info('last words'); process.exit(3); }, 20);
    `;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
    } catch (error) {
      const failed = error as { status: number; stderr: Buffer };
      expect(failed.status).toBe(3);
      stderr = String(failed.stderr);
    }
    const lines = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { n?: number; msg: string });
    expect(lines).toHaveLength(501);
    expect(lines.slice(0, 500).map((line) => line.n)).toEqual(Array.from({ length: 500 }, (_, n) => n));
    expect(lines[500]?.msg).toBe('last words');
  });
});

describe('the request log line', () => {
  const fields = {
    time: 1765040000000,
    operation: 'Cheap',
    type: 'query',
    documentHash: 'ab'.repeat(32),
    durationMs: 2.4149999,
    statements: 1,
    rows: 20,
    status: 200,
    outcome: 'partial' as const,
    errorCodes: ['NOT_FOUND', 'INTERNAL_SERVER_ERROR'],
    correlationIds: ['c-1'],
    callerId: 'user "7"\n\u2028',
    requestId: 'req\\1\u0000é😀',
  };

  it('is the line pino writes for the same fields, with the duration rounded to 1/100 ms', () => {
    const written: string[] = [];
    const logger = pino(
      { base: undefined, timestamp: () => `,"time":${fields.time}` },
      { write: (line: string) => written.push(line) },
    );
    const { time: _time, ...rest } = fields;
    logger.info({ ...rest, durationMs: 2.41 }, 'request');
    const ours = requestLogLine(fields);
    expect(ours.endsWith('\n')).toBe(true);
    expect(ours.split('\n')).toHaveLength(2);
    expect(JSON.parse(ours)).toEqual(JSON.parse(written[0] as string));
    expect(Object.keys(JSON.parse(ours))).toEqual(Object.keys(JSON.parse(written[0] as string)));
  });

  it('gives each line its own time, also when times alternate (the head is kept per millisecond)', () => {
    const times = [fields.time, fields.time, fields.time + 1, fields.time, 0, fields.time + 1];
    const written = times.map((time) => JSON.parse(requestLogLine({ ...fields, time })) as { time: number });
    expect(written.map((line) => line.time)).toEqual(times);
  });

  it('is the same line with the operation members made once beforehand', () => {
    const members = operationMembers(fields.operation, fields.type, fields.documentHash);
    expect(requestLogLine(fields, members)).toBe(requestLogLine(fields));
  });

  it('writes the duration as JSON writes it rounded to 1/100, for any number', () => {
    for (const ms of [
      0,
      0.004,
      0.005,
      0.1,
      0.07,
      2.4149999,
      2.41,
      2.4,
      2,
      99.995,
      1e13 + 0.01,
      1e13,
      5e14,
      1e20,
      -0,
      -1.5,
      Number.NaN,
      Infinity,
    ]) {
      expect(hundredthsJson(ms)).toBe(JSON.stringify(Math.round(ms * 100) / 100));
    }
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.double({ min: 0, max: 100_000, noNaN: true })), (ms) => {
        expect(hundredthsJson(ms)).toBe(JSON.stringify(Math.round(ms * 100) / 100));
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves out the optional fields a request does not have', () => {
    const line = JSON.parse(
      requestLogLine({
        time: 1,
        operation: 'anonymous',
        type: 'mutation',
        documentHash: '00',
        durationMs: 0.004,
        statements: 0,
        rows: 0,
        status: 499,
        outcome: 'cancelled',
      }),
    );
    expect(line).toEqual({
      level: 30,
      time: 1,
      operation: 'anonymous',
      type: 'mutation',
      documentHash: '00',
      durationMs: 0,
      statements: 0,
      rows: 0,
      status: 499,
      outcome: 'cancelled',
      msg: 'request',
    });
  });
});

describe('request reports', () => {
  it('are handed on together once the current turn of the event loop ends', async () => {
    const handed: number[][] = [];
    const queue = new RequestReportQueue<number>((reports) => handed.push([...reports]));
    queue.add(1);
    queue.add(2);
    queue.add(3);
    expect(handed).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(handed).toEqual([[1, 2, 3]]);
  });

  it('are handed on at once by flush (what a metrics scrape does first)', () => {
    const handed: number[][] = [];
    const queue = new RequestReportQueue<number>((reports) => handed.push([...reports]));
    queue.add(1);
    queue.flush();
    queue.flush();
    expect(handed).toEqual([[1]]);
  });

  it('do not pile up without bound within one turn', () => {
    let count = 0;
    const queue = new RequestReportQueue<number>((reports) => {
      count += reports.length;
    });
    for (let index = 0; index < 5000; index += 1) queue.add(index);
    expect(count).toBeGreaterThanOrEqual(4096);
    queue.flush();
    expect(count).toBe(5000);
  });
});
