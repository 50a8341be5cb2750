/**
 * Listeners of the statements a connector sends (statement counting in tests, the benchmark's
 * SQL log). Free when nobody listens: callers check `active` before timing anything.
 */
import type { StatementEvent } from '../../juggler/connector/connector.js';

/** A set of statement listeners; a throwing listener never breaks the query that triggered it. */
export class StatementObservers {
  private readonly listeners = new Set<(event: StatementEvent) => void>();

  /** True when at least one listener is subscribed. */
  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Subscribes a listener; returns the unsubscribe function. */
  add(listener: (event: StatementEvent) => void): () => void {
    const wrapped = (event: StatementEvent): void => listener(event);
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }

  /** Delivers an event to every listener. */
  emit(event: StatementEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // An observer's bug must not turn a successful statement into a failed one.
      }
    }
  }
}
