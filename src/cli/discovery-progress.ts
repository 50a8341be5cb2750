/**
 * Progress of a long discovery on a terminal: one status line on standard error, repainted in
 * place (`⠋ discovery: reading the catalog of public… 3.2 s`), cleared before every log line
 * and at the end. Off a terminal (a pipe, a file, JSON logs) it does nothing: the log line each
 * phase ends with is the progress there.
 */
import type { GatewayLog } from '../server/observability/gateway-logger.js';

/** A stream the status line can be painted on (standard error of a terminal). */
export interface ProgressTerminal {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** The status line of a discovery. */
export interface DiscoveryProgress {
  /** Shows what is being done now (replacing the previous phase), with its elapsed time. */
  phase(text: string): void;
  /** `log` with the status line cleared before each line and painted again after it. */
  around(log: GatewayLog): GatewayLog;
  /** Clears the status line for good. */
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REPAINT_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

const SILENT: DiscoveryProgress = { phase: () => {}, around: (log) => log, stop: () => {} };

/**
 * The progress of a discovery on `terminal`, when it is one (`isTTY`) and the logs there are
 * lines for people (`pretty`); otherwise nothing is painted.
 *
 * @example
 * const progress = createDiscoveryProgress(process.stderr, true);
 * progress.phase('discovery: reading the catalog of public');
 * // ⠙ discovery: reading the catalog of public… 0.4 s
 */
export function createDiscoveryProgress(
  terminal: ProgressTerminal | undefined,
  pretty: boolean,
): DiscoveryProgress {
  if (!terminal?.isTTY || !pretty) return SILENT;
  let text: string | undefined;
  let started = 0;
  let frame = 0;
  let painted = false;
  let timer: NodeJS.Timeout | undefined;
  const paint = () => {
    if (text === undefined) return;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    terminal.write(`${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} ${text}… ${seconds} s`);
    painted = true;
  };
  const clear = () => {
    if (painted) terminal.write(CLEAR_LINE);
    painted = false;
  };
  return {
    phase(next) {
      text = next;
      started = performance.now();
      timer ??= setInterval(paint, REPAINT_MS).unref();
      paint();
    },
    around(log) {
      return (line, level) => {
        clear();
        log(line, level);
        paint();
      };
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      text = undefined;
      clear();
    },
  };
}
