/**
 * Runs before every test file (vitest `setupFiles`): registers the built-in connectors, as the
 * package entry, the server and the CLI do at their start. Tests import the juggler directly
 * (`src/juggler/datasource.js`) and construct data sources by name (`new DataSource('memory')`).
 */
import { registerBuiltInConnectors } from '../../src/connectors/index.js';

registerBuiltInConnectors();
