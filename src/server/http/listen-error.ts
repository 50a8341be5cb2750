/**
 * Why the gateway could not listen, in one line: the port is taken, or may not be bound. The CLI
 * prints its message and exits 1 instead of a stack trace.
 */
import { DiscographError } from '../../juggler/errors.js';

/** The server could not bind its port (EADDRINUSE, EACCES, EADDRNOTAVAIL). */
export class PortUnavailableError extends DiscographError {
  constructor(port: number, host: string, cause: NodeJS.ErrnoException) {
    const where = `${host}:${port}`;
    const reason =
      cause.code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use (is another Discograph running?); stop it or choose another port with --port or PORT`
        : cause.code === 'EACCES'
          ? `port ${port} on ${host} needs privileges this process does not have; choose a port above 1023 with --port or PORT`
          : cause.code === 'EADDRNOTAVAIL'
            ? `the address ${host} is not one of this machine's; choose another with --host or HOST`
            : `cannot listen on ${where}: ${cause.message}`;
    super('PORT_UNAVAILABLE', `Cannot listen: ${reason}`, {
      details: { port, host, systemCode: cause.code },
      cause,
    });
  }
}
