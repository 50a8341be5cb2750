/** An in-memory CommandIo for running `discograph` commands in-process. */
import type { CommandIo } from '../../src/cli/command-io.js';

/** Captured output of a command run. */
export interface CapturedIo extends CommandIo {
  stdout: string[];
  stderr: string[];
  /** Fires the handlers registered for a signal. */
  signal(name: 'SIGTERM' | 'SIGINT'): void;
}

/** Creates an io that records output and lets the test send signals. */
export function captureIo(): CapturedIo {
  const handlers = new Map<string, Array<() => void>>();
  const io: CapturedIo = {
    stdout: [],
    stderr: [],
    out: (line) => io.stdout.push(line),
    err: (line) => io.stderr.push(line),
    onSignal: (name, handler) => handlers.set(name, [...(handlers.get(name) ?? []), handler]),
    signal: (name) => {
      for (const handler of handlers.get(name) ?? []) handler();
    },
  };
  return io;
}
