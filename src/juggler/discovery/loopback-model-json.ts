/**
 * Model definitions as LoopBack itself loads them (`common/models/<model>.json`): what
 * loopback-datasource-juggler 6 refuses or misreads in Discograph's definitions is rewritten, and
 * what Discograph needs for exactness is kept where LoopBack ignores it (the `discograph` block of
 * a property), so `fromLoopBackModelJson` gives the same definition back.
 * - hasManyThrough → `{type: 'hasMany', model, foreignKey, through, keyThrough}` (LoopBack's form).
 * - Decimal / BigInt → `type: 'number'` (LoopBack has no such types), the exact type in
 *   `discograph.type`; the connector block keeps the database type (`dataType`, precision, scale).
 */
import type { ModelDefinition, PropertyDefinition, RelationDefinition } from '../model-definition.js';

const EXACT_TYPES = new Set(['Decimal', 'BigInt']);

/** A definition in the form LoopBack loads (see the file comment); the input is not changed. */
export function toLoopBackModelJson(definition: ModelDefinition): ModelDefinition {
  const properties: Record<string, PropertyDefinition> = {};
  for (const [name, property] of Object.entries(definition.properties)) {
    const type = property.type;
    if (typeof type === 'string' && EXACT_TYPES.has(type)) {
      const own = (property as { discograph?: Record<string, unknown> }).discograph ?? {};
      properties[name] = { ...property, type: 'number', discograph: { ...own, type } } as PropertyDefinition;
    } else {
      properties[name] = property;
    }
  }
  const options = { ...(definition.options ?? {}) };
  if (options.relations) {
    const relations: Record<string, RelationDefinition> = {};
    for (const [name, relation] of Object.entries(options.relations)) {
      relations[name] = relation.type === 'hasManyThrough' ? { ...relation, type: 'hasMany' } : relation;
    }
    options.relations = relations;
  }
  return { ...definition, options, properties };
}

/** Discograph's definition from one `toLoopBackModelJson` wrote (the exact types restored). */
export function fromLoopBackModelJson(json: ModelDefinition): ModelDefinition {
  const properties: Record<string, PropertyDefinition> = {};
  for (const [name, property] of Object.entries(json.properties)) {
    const { type: exact, ...rest } = ((property as { discograph?: Record<string, unknown> }).discograph ??
      {}) as Record<string, unknown>;
    if (typeof exact === 'string' && EXACT_TYPES.has(exact)) {
      const restored = { ...property, type: exact } as PropertyDefinition & { discograph?: unknown };
      if (Object.keys(rest).length > 0) restored.discograph = rest;
      else delete restored.discograph;
      properties[name] = restored;
    } else {
      properties[name] = property;
    }
  }
  const options = { ...(json.options ?? {}) };
  if (options.relations) {
    const relations: Record<string, RelationDefinition> = {};
    for (const [name, relation] of Object.entries(options.relations)) {
      relations[name] =
        relation.type === 'hasMany' && relation.through ? { ...relation, type: 'hasManyThrough' } : relation;
    }
    options.relations = relations;
  }
  return { ...json, options, properties };
}
