/**
 * Compares two sets of model definitions (the cached ones and freshly discovered ones) and says
 * what changed for GraphQL clients: models, fields and relations added or removed, and which
 * changes break existing clients.
 */
import type { ModelDefinition, PropertyDefinition } from '../juggler/model-definition.js';

/** One difference between two schema versions. */
export interface SchemaChange {
  kind:
    | 'model-added'
    | 'model-removed'
    | 'field-added'
    | 'field-removed'
    | 'field-type-changed'
    | 'field-became-required'
    | 'field-became-optional'
    | 'relation-added'
    | 'relation-removed'
    | 'relation-changed';
  model: string;
  field?: string;
  relation?: string;
  /** Whether a client that works today can fail after this change. */
  breaking: boolean;
  description: string;
}

function typeLabel(property: PropertyDefinition): string {
  const type = property.type;
  const name = (t: unknown): string =>
    typeof t === 'function' ? t.name : Array.isArray(t) ? `[${name(t[0])}]` : String(t);
  return name(type).toLowerCase();
}

/**
 * The changes between two property maps; the properties of embedded documents are compared too,
 * named by dotted path (`lines.unitPrice`).
 */
function diffProperties(
  model: string,
  beforeProperties: Record<string, PropertyDefinition>,
  afterProperties: Record<string, PropertyDefinition>,
  changes: SchemaChange[],
  prefix = '',
): void {
  for (const [name, old] of Object.entries(beforeProperties)) {
    const field = `${prefix}${name}`;
    const now = afterProperties[name];
    if (!now) {
      changes.push({
        kind: 'field-removed',
        model,
        field,
        breaking: true,
        description: `${model}.${field} was removed`,
      });
      continue;
    }
    if (typeLabel(old) !== typeLabel(now)) {
      changes.push({
        kind: 'field-type-changed',
        model,
        field,
        breaking: true,
        description: `${model}.${field} changed type from ${typeLabel(old)} to ${typeLabel(now)}`,
      });
    }
    if (!old.required && now.required) {
      changes.push({
        kind: 'field-became-required',
        model,
        field,
        breaking: true,
        description: `${model}.${field} became required (creates without it now fail)`,
      });
    } else if (old.required && !now.required) {
      changes.push({
        kind: 'field-became-optional',
        model,
        field,
        breaking: true,
        description: `${model}.${field} became optional (it can now be null)`,
      });
    }
    if (old.embedded && now.embedded) {
      diffProperties(model, old.embedded.properties, now.embedded.properties, changes, `${field}.`);
    }
  }
  for (const name of Object.keys(afterProperties)) {
    if (!(name in beforeProperties)) {
      const field = `${prefix}${name}`;
      const required = afterProperties[name]?.required === true;
      changes.push({
        kind: 'field-added',
        model,
        field,
        breaking: required,
        description: `${model}.${field} was added${required ? ' as required (creates without it now fail)' : ''}`,
      });
    }
  }
}

function diffRelations(
  model: string,
  before: ModelDefinition,
  after: ModelDefinition,
  changes: SchemaChange[],
): void {
  const oldRelations = before.options?.relations ?? {};
  const newRelations = after.options?.relations ?? {};
  for (const [relation, old] of Object.entries(oldRelations)) {
    const now = newRelations[relation];
    if (!now) {
      changes.push({
        kind: 'relation-removed',
        model,
        relation,
        breaking: true,
        description: `${model}.${relation} (${old.type} ${old.model}) was removed`,
      });
    } else if (now.type !== old.type || now.model !== old.model) {
      changes.push({
        kind: 'relation-changed',
        model,
        relation,
        breaking: true,
        description: `${model}.${relation} changed from ${old.type} ${old.model} to ${now.type} ${now.model}`,
      });
    }
  }
  for (const [relation, now] of Object.entries(newRelations)) {
    if (!(relation in oldRelations)) {
      changes.push({
        kind: 'relation-added',
        model,
        relation,
        breaking: false,
        description: `${model}.${relation} (${now.type} ${now.model}) was added`,
      });
    }
  }
}

/** Lists the changes from `before` to `after`, sorted by model then field. */
export function diffModelDefinitions(before: ModelDefinition[], after: ModelDefinition[]): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const oldByName = new Map(before.map((definition) => [definition.name, definition]));
  const newByName = new Map(after.map((definition) => [definition.name, definition]));
  for (const [model, old] of oldByName) {
    const now = newByName.get(model);
    if (!now) {
      changes.push({
        kind: 'model-removed',
        model,
        breaking: true,
        description: `model ${model} was removed`,
      });
      continue;
    }
    diffProperties(model, old.properties, now.properties, changes);
    diffRelations(model, old, now, changes);
  }
  for (const model of newByName.keys()) {
    if (!oldByName.has(model)) {
      changes.push({ kind: 'model-added', model, breaking: false, description: `model ${model} was added` });
    }
  }
  return changes.sort(
    (a, b) =>
      a.model.localeCompare(b.model) ||
      (a.field ?? a.relation ?? '').localeCompare(b.field ?? b.relation ?? '') ||
      a.kind.localeCompare(b.kind),
  );
}

/** Renders changes for a terminal, breaking ones marked. */
export function formatSchemaChanges(changes: SchemaChange[]): string {
  if (changes.length === 0) return 'no changes';
  const breaking = changes.filter((change) => change.breaking).length;
  const lines = changes.map(
    (change) => `  ${change.breaking ? 'BREAKING ' : '         '}${change.description}`,
  );
  return `${changes.length} change(s), ${breaking} breaking:\n${lines.join('\n')}`;
}
