/**
 * Hooks from configuration: ES modules (`hooks` setting, `--hooks FILE`) whose default export is
 * `GatewayHooks` or a list of them, imported once at start. A module that cannot be imported or
 * exports something else stops the start with a configuration error naming it.
 */
import { pathToFileURL } from 'node:url';
import { DiscographError } from '../../juggler/errors.js';
import type { GatewayHooks } from './gateway-hooks.js';

const HOOK_NAMES = ['onRequest', 'onContext', 'onExecute', 'onResult', 'onRefused'] as const;

/** Whether a value looks like `GatewayHooks` (an object with hook functions or validation rules only). */
function isGatewayHooks(value: unknown): value is GatewayHooks {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const hooks = value as Record<string, unknown>;
  const known =
    HOOK_NAMES.some((name) => typeof hooks[name] === 'function') || Array.isArray(hooks.validationRules);
  return known && HOOK_NAMES.every((name) => hooks[name] === undefined || typeof hooks[name] === 'function');
}

function invalid(file: string, why: string, cause?: unknown): DiscographError {
  return new DiscographError('INVALID_CONFIGURATION', `The hooks module ${file} ${why}`, {
    details: { file },
    statusCode: 500,
    ...(cause ? { cause } : {}),
  });
}

/** Imports the hook modules `files` (absolute paths) in order; their hooks, flattened. */
export async function loadHookModules(files: readonly string[]): Promise<GatewayHooks[]> {
  const hooks: GatewayHooks[] = [];
  for (const file of files) {
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw invalid(file, `cannot be imported: ${(error as Error).message}`, error);
    }
    const exported = module.default;
    const list = Array.isArray(exported) ? exported : [exported];
    if (list.length === 0 || !list.every(isGatewayHooks)) {
      throw invalid(
        file,
        'must export, as default, hooks ({onRequest, onContext, onExecute, onResult, validationRules}) or a list of them',
      );
    }
    hooks.push(...list);
  }
  return hooks;
}
