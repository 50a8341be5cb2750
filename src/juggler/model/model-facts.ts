/**
 * The facts about a model that every layer needs, derived in one place from its LoopBack JSON
 * definition (what discovery writes, `schema-cache/` stores and `ModelBuilder` keeps as
 * `property.definition`): which properties form the id and in which order, whether a property can
 * hold null, whether it can be written, whether a create must give it, and where a connector's
 * blocks are. Connectors (through `resolveConnectorModel`), the juggler (runtime definitions,
 * lazily defined models, validations), the server and the GraphQL layer all ask here, so they
 * cannot disagree. The integer width of a `Number` is in `integer-width.ts`, relation keys in
 * `relation-keys.ts`.
 *
 * The rules, each what applies when the definition says nothing more precise:
 * - **Id**: a property is part of the id when its `id` is truthy. `id: n` is its 1-based position
 *   in the id; any other truthy value (`id: true`) counts as position 1, as in LoopBack's
 *   `ModelDefinition.ids()`. Properties at equal positions keep their definition order.
 * - **Nullable**: an id never is. Otherwise the column block's `nullable` decides (`'YES'`/`'NO'`,
 *   what discovery records, or a boolean); without one, a property is nullable unless
 *   `required: true`.
 * - **Generated**: `generated: true`, or the column block says how the database generates the
 *   value (`identity`, `serial`, `auto_increment`, `stored`, `virtual`).
 * - **Read-only**: `readOnly: true` (view columns, discovered non-updatable columns), or a
 *   generated column (`stored`, `virtual`), which no statement can write.
 * - **Supplied by the database**: generated, read-only (only the database writes it), with a
 *   column default, or filled by a BEFORE INSERT trigger (`filledByTrigger` in the column block). A `required` property the database does not supply gets LoopBack's presence
 *   validation; one the model does not supply either (no `default`) is **required on create**.
 * - **Column block**: given a connector name, that connector's block (`postgresql: {...}`), and no
 *   other; without one, the block of whichever connector discovered the property (the first
 *   member holding a `columnName`).
 *
 * @example
 * propertyFacts({type: 'Number', id: 1, generated: true, postgresql: {columnName: 'track_id', nullable: 'NO', generated: 'identity'}})
 * // {id: true, generated: true, readOnly: false, nullable: false, validatesPresence: false, requiredOnCreate: false}
 * idNamesOf({playlistId: {type: 'Number', id: 1}, trackId: {type: 'Number', id: 2}}) // ['playlistId', 'trackId']
 */
import type {
  ColumnMetadata,
  ModelSettings,
  PropertyDefinition,
  TableMetadata,
} from '../model-definition.js';

/** What every layer needs to know about one property, derived by `propertyFacts`. */
export interface PropertyFacts {
  /** Part of the id (its position: `idPosition`). */
  id: boolean;
  /** The database produces the value (absent from create inputs; an empty value is not written). */
  generated: boolean;
  /** No statement writes it (generated columns, view columns, `readOnly: true`). */
  readOnly: boolean;
  /** Can hold null. */
  nullable: boolean;
  /** `required`, and the database does not supply the value: LoopBack's presence validation applies. */
  validatesPresence: boolean;
  /** A create must give a value: `required`, and neither the database nor a model `default` supplies one. */
  requiredOnCreate: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The column block of a property: `connectorName`'s block when a name is given (undefined when the
 * property has none), else the block of whichever connector discovered it.
 *
 * @example
 * columnBlockOf({type: 'String', mysql: {columnName: 'Name'}}) // {columnName: 'Name'}
 * columnBlockOf({type: 'String', mysql: {columnName: 'Name'}}, 'postgresql') // undefined
 */
export function columnBlockOf(
  definition: PropertyDefinition,
  connectorName?: string,
): ColumnMetadata | undefined {
  if (connectorName !== undefined) {
    const block = (definition as Record<string, unknown>)[connectorName];
    return isRecord(block) ? (block as ColumnMetadata) : undefined;
  }
  const members = definition as Record<string, unknown>;
  // `for...in` with an own-key check visits what `Object.keys` lists, without an array per property.
  for (const key in members) {
    if (!Object.hasOwn(members, key)) continue;
    const value = members[key];
    if (isRecord(value) && typeof value.columnName === 'string') return value as ColumnMetadata;
  }
  return undefined;
}

/**
 * The table block of a model's settings: `connectorName`'s block when a name is given, else the
 * block of whichever connector discovered the model (the first member holding a `table`).
 *
 * @example
 * tableBlockOf({idInjection: false, postgresql: {schema: 'public', table: 'track'}}) // {schema: 'public', table: 'track'}
 */
export function tableBlockOf(settings: ModelSettings, connectorName?: string): TableMetadata | undefined {
  if (connectorName !== undefined) {
    const block = settings[connectorName];
    return isRecord(block) ? (block as TableMetadata) : undefined;
  }
  for (const key in settings) {
    if (!Object.hasOwn(settings, key)) continue;
    const value = settings[key];
    if (isRecord(value) && typeof value.table === 'string') return value as TableMetadata;
  }
  return undefined;
}

/** The 1-based position of a property in its model's id as declared, or undefined when it is not part of it. */
export function idPosition(definition: PropertyDefinition): number | undefined {
  const id = definition.id;
  if (!id) return undefined;
  return typeof id === 'number' ? id : 1;
}

/** A property of the id with its declared position. */
interface IdEntry {
  name: string;
  position: number;
}

/**
 * The id property names of a model, in id order (see the file comment): `properties` are the
 * definition's properties in order, `definitionOf` reads each one's long form (the default takes
 * each value as one; a runtime definition passes `(property) => property.definition`).
 *
 * @example
 * idNamesOf({b: {type: 'Number', id: 2}, a: {type: 'Number', id: true}}) // ['a', 'b']
 */
export function idNamesOf<Property = PropertyDefinition>(
  properties: Readonly<Record<string, Property>>,
  definitionOf: (property: Property) => PropertyDefinition = (property) =>
    property as unknown as PropertyDefinition,
): string[] {
  let ids: IdEntry[] | undefined;
  for (const name in properties) {
    if (!Object.hasOwn(properties, name)) continue;
    const position = idPosition(definitionOf(properties[name] as Property));
    if (position === undefined) continue;
    ids ??= [];
    ids.push({ name, position });
  }
  if (ids === undefined) return [];
  if (ids.length === 1) return [(ids[0] as IdEntry).name];
  // Array.prototype.sort is stable: equal positions keep definition order.
  return ids.sort((left, right) => left.position - right.position).map((entry) => entry.name);
}

/** Whether a column block says how the database generates the value. */
function generatedBy(block: ColumnMetadata | undefined): boolean {
  return block?.generated !== undefined && block.generated !== null;
}

/** Whether the property is a generated column (`stored` or `virtual`), which no statement writes. */
function isGeneratedColumn(block: ColumnMetadata | undefined): boolean {
  return block?.generated === 'stored' || block?.generated === 'virtual';
}

/**
 * Whether the property can hold null: never for an id, else what the column block records, else
 * unless it is `required` (see the file comment).
 */
export function isNullable(definition: PropertyDefinition, connectorName?: string): boolean {
  return nullableIn(definition, columnBlockOf(definition, connectorName));
}

function nullableIn(definition: PropertyDefinition, block: ColumnMetadata | undefined): boolean {
  if (definition.id) return false;
  const nullable = block?.nullable;
  if (nullable === 'NO' || nullable === false) return false;
  if (nullable === 'YES' || nullable === true) return true;
  return definition.required !== true;
}

/**
 * The facts of one property (see the file comment for the rules), read from the column block of
 * `connectorName` or, without one, of whichever connector discovered it.
 *
 * @example
 * propertyFacts({type: 'String', required: true, postgresql: {columnName: 'status', nullable: 'NO', default: "'active'"}})
 * // {id: false, generated: false, readOnly: false, nullable: false, validatesPresence: false, requiredOnCreate: false}
 */
export function propertyFacts(definition: PropertyDefinition, connectorName?: string): PropertyFacts {
  const block = columnBlockOf(definition, connectorName);
  const generated = definition.generated === true || generatedBy(block);
  const readOnly = definition.readOnly === true || isGeneratedColumn(block);
  const validatesPresence =
    definition.required === true &&
    !generated &&
    !readOnly &&
    block?.filledByTrigger !== true &&
    (block?.default === undefined || block.default === null);
  return {
    id: Boolean(definition.id),
    generated,
    readOnly,
    nullable: nullableIn(definition, block),
    validatesPresence,
    requiredOnCreate: validatesPresence && definition.default === undefined,
  };
}

/** Whether the model is read-only as a whole (discovered from a view or a materialized view). */
export function isReadOnlyModel(settings: ModelSettings): boolean {
  return settings.readOnly === true;
}

/** Whether the model was discovered from a view or a materialized view (its table block's `kind`). */
export function isView(settings: ModelSettings): boolean {
  const kind = tableBlockOf(settings)?.kind;
  return kind === 'view' || kind === 'materialized_view';
}

/**
 * Whether the model was discovered from a materialized view (its table block's `kind`), which
 * may be unpopulated (`WITH NO DATA`) until refreshed: reads of it can then fail.
 */
export function isMaterializedView(settings: ModelSettings): boolean {
  return tableBlockOf(settings)?.kind === 'materialized_view';
}
