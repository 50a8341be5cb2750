/**
 * What a command may do to the outside world: print, and react to signals. Passed in so tests
 * can run commands in-process.
 */
import type { ProgressTerminal } from './discovery-progress.js';

/** The outside world of a command. */
export interface CommandIo {
  /** Writes a line to standard output (results: SDL, JSON). */
  out(line: string): void;
  /** Writes a line to standard error (progress and diagnostics). */
  err(line: string): void;
  /** Registers a signal handler (once). */
  onSignal(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  /** Standard error when progress may be painted on it (a terminal); see discovery-progress.ts. */
  terminal?: ProgressTerminal;
}

/** The process's own standard streams and signals. */
export const processIo: CommandIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  onSignal: (signal, handler) => {
    process.once(signal, handler);
  },
  terminal: process.stderr,
};
