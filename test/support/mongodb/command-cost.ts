/**
 * What a request cost on MongoDB, from the driver's command monitoring events
 * (`MongoConnector.observeCommands`): the commands it sent and its sequential round trips.
 */
import type { MongoCommandEvent } from '../../../src/connectors/mongodb/index.js';

/** What one request sent: its commands (`find Track`) and its sequential round trips. */
export interface CommandCost {
  commands: string[];
  roundTrips: number;
}

/**
 * The cost of a request from the driver's command monitoring events, in the order the driver
 * emitted them: a command started after another's answer arrived may have waited for it, so it
 * is one round trip later than that one; commands started before any of those answers share a
 * round trip. The longest such chain is what the client waited for. Event order is exact (the
 * events' own `duration` is in whole milliseconds, too coarse to order commands by).
 */
export function costOf(events: readonly MongoCommandEvent[]): CommandCost {
  const tripOf = new Map<number, number>();
  let answered = 0;
  const commands: string[] = [];
  for (const event of events) {
    if (event.phase === 'started') {
      tripOf.set(event.requestId, answered + 1);
      commands.push(`${event.commandName} ${event.collection ?? ''}`.trim());
    } else {
      answered = Math.max(answered, tripOf.get(event.requestId) ?? 0);
    }
  }
  return { commands, roundTrips: Math.max(0, ...tripOf.values()) };
}
