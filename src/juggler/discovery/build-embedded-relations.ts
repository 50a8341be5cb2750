/**
 * Keys inside embedded documents (a foreign key row whose column is a dotted path,
 * `lines.trackId`: document stores) → belongsTo relations of the embedded model type holding them
 * (`EmbeddedModelDefinition.relations`), named as a model's belongsTo is (`trackId` → `track`, else
 * the field followed by the target model). Only keys to a model of the build and to its id.
 */
import type { EmbeddedModelDefinition, PropertyDefinition } from '../model-definition.js';
import type { RelationModel } from './build-relations.js';
import { tableKey } from './catalog-assembly.js';
import { NameRegistry, withoutIdSuffix } from './naming.js';

/** The embedded type a dotted column path ends in, and the key's field in it. */
function embeddedAt(
  properties: Record<string, PropertyDefinition>,
  model: RelationModel,
  path: string,
): { embedded: EmbeddedModelDefinition; field: string } | undefined {
  const [head, ...rest] = path.split('.');
  const field = rest.pop();
  if (head === undefined || field === undefined) return undefined;
  let embedded = properties[model.propertyNames.get(head) ?? head]?.embedded;
  for (const segment of rest) embedded = embedded?.properties[segment]?.embedded;
  return embedded?.properties[field] ? { embedded, field } : undefined;
}

/**
 * Adds the belongsTo relations of the keys inside `model`'s embedded documents to the embedded
 * types among `properties` (the model's built properties, changed in place).
 */
export function addEmbeddedRelations(
  model: RelationModel,
  properties: Record<string, PropertyDefinition>,
  models: ReadonlyMap<string, RelationModel>,
): void {
  const registries = new Map<EmbeddedModelDefinition, NameRegistry>();
  for (const row of model.table.foreignKeys) {
    if (!row.fkColumnName.includes('.')) continue;
    const target = models.get(tableKey(row.pkOwner, row.pkTableName));
    const pk = target?.table.primaryKey.map((key) => key.columnName) ?? [];
    if (!target || pk.length !== 1 || pk[0] !== row.pkColumnName) continue;
    const at = embeddedAt(properties, model, row.fkColumnName);
    if (!at) continue;
    let registry = registries.get(at.embedded);
    if (!registry) {
      registry = new NameRegistry();
      registry.reserve(...Object.keys(at.embedded.properties));
      registries.set(at.embedded, registry);
    }
    const base = withoutIdSuffix(at.field);
    const name = registry.claim(
      base === at.field ? [`${base}${target.name}`] : [base, `${base}${target.name}`],
    );
    at.embedded.relations = {
      ...at.embedded.relations,
      [name]: { type: 'belongsTo', model: target.name, foreignKey: at.field },
    };
  }
}
