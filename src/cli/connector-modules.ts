/**
 * The SQL connectors of the CLI, registered with literal module paths. The registry imports its
 * connector modules through paths held in variables (a build may leave a connector out); naming
 * them literally here lets the bundle of the CLI (scripts/bundle-cli.mjs) carry them as chunks.
 * Loading stays lazy: a connector and its driver load when a data source first uses them.
 */
import { registerConnector } from '../connectors/registry.js';

let registered = false;

/** Registers the PostgreSQL and MySQL connector modules (once; each is imported on first use). */
export function registerCliConnectors(): void {
  if (registered) return;
  registered = true;
  registerConnector('postgresql', () => import('../connectors/postgresql/index.js'));
  registerConnector('mysql', () => import('../connectors/mysql/index.js'));
}
