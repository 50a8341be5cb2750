/**
 * The mutations every role is denied, from `readOnly` (all of them) and
 * `models.<Model>.operations` (`{"delete": false}`), checked against the served models.
 */

import type { ModelOperationSwitches } from '../../graphql/model-source.js';
import { didYouMean } from '../../juggler/filter/suggest.js';
import type { ModelDefinition } from '../../juggler/model-definition.js';
import { ConfigError } from '../config/config-error.js';
import type { RolesSettings } from '../config/roles-config.js';

const ALL_OFF: ModelOperationSwitches = Object.freeze({ create: false, update: false, delete: false });

/** Model name → its switched-off mutations (models with every mutation on are absent). */
export function operationSwitches(
  settings: Pick<RolesSettings, 'readOnly' | 'models'>,
  definitions: readonly ModelDefinition[],
): Map<string, ModelOperationSwitches> {
  const switches = new Map<string, ModelOperationSwitches>();
  const names = new Set(definitions.map((definition) => definition.name));
  for (const [model, value] of Object.entries(settings.models)) {
    if (!names.has(model)) {
      throw new ConfigError(`models names the unknown model "${model}"${didYouMean(model, names)}`, {
        setting: 'models',
        model,
      });
    }
    if (value.operations) switches.set(model, { ...value.operations });
  }
  if (settings.readOnly) for (const name of names) switches.set(name, ALL_OFF);
  return switches;
}
