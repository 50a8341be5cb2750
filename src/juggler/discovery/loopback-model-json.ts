/**
 * Model definitions as LoopBack itself loads them (`common/models/<model>.json`): what
 * loopback-datasource-juggler 6 refuses or misreads in Discograph's definitions is rewritten the
 * way LoopBack's own discovery writes it, and what Discograph needs for exactness is kept where
 * LoopBack ignores it (the `discograph` block of a property), so `fromLoopBackModelJson` gives the
 * same definition back. The schema cache stores its models in this form.
 * - hasManyThrough → `{type: 'hasMany', model, foreignKey, through, keyThrough}` (LoopBack's form).
 * - Types LoopBack has not (Decimal, BigInt, DateTime, LocalDateTime) → its nearest type
 *   (`number`, `date`), the exact type in `discograph.type`; the connector block keeps the
 *   database type (`dataType`, precision, scale), as LoopBack's connectors write it.
 * - Every property gets `jsonSchema: {nullable}`, as LoopBack's `discoverSchemas` writes it, and
 *   the `mysql` block spells nullability `'Y'`/`'N'`, as LoopBack's MySQL connector does.
 *
 * @example
 * // Discograph:  price: {type: 'Decimal', precision: 8, scale: 2, postgresql: {dataType: 'numeric', nullable: 'NO'}}
 * // written:     price: {type: 'number', precision: 8, scale: 2, jsonSchema: {nullable: false},
 * //                      postgresql: {dataType: 'numeric', nullable: 'NO'}, discograph: {type: 'Decimal'}}
 */
import type {
  ModelDefinition,
  PropertyDefinition,
  PropertyType,
  RelationDefinition,
} from '../model-definition.js';

/** Discograph's types LoopBack has not, and the LoopBack type each is written as. */
const LOOPBACK_TYPES: Readonly<Record<string, string>> = {
  Decimal: 'number',
  BigInt: 'number',
  DateTime: 'date',
  LocalDateTime: 'date',
};

/** LoopBack's MySQL connector spells nullability Y/N; Discograph's blocks spell it YES/NO. */
const MYSQL_NULLABLE: Readonly<Record<string, string>> = { YES: 'Y', NO: 'N' };
const MYSQL_NULLABLE_BACK: Readonly<Record<string, string>> = { Y: 'YES', N: 'NO' };

type Block = Record<string, unknown>;
/** A property as JSON: the blocks are read and written as plain objects (`nullable: 'Y'` included). */
interface LooseProperty {
  type: PropertyType;
  id?: unknown;
  required?: boolean;
  discograph?: Block;
  jsonSchema?: Block;
  mysql?: Block;
  [key: string]: unknown;
}

/** The LoopBack spelling of a type, or undefined when LoopBack knows it as it is. */
function loopBackType(type: PropertyType): PropertyType | undefined {
  if (typeof type === 'string') return LOOPBACK_TYPES[type];
  if (Array.isArray(type) && type.length === 1) {
    const item = loopBackType(type[0] as PropertyType);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

/** Whether the column may hold NULL, from its connector block (ids never do). */
function isNullable(property: LooseProperty, connector: string | undefined): boolean {
  if (property.id) return false;
  const nullable = connector ? (property[connector] as Block | undefined)?.nullable : undefined;
  if (nullable === 'YES' || nullable === true) return true;
  if (nullable === 'NO' || nullable === false) return false;
  return property.required !== true;
}

/** The connector whose column blocks the definition carries (`postgresql`, `mysql`, …). */
function connectorOf(definition: ModelDefinition): string | undefined {
  const options = (definition.options ?? {}) as Record<string, unknown>;
  return ['postgresql', 'mysql', 'mongodb'].find((name) => options[name] !== undefined);
}

function writeProperty(property: LooseProperty, connector: string | undefined): LooseProperty {
  const written: LooseProperty = { ...property };
  const type = loopBackType(property.type);
  if (type !== undefined) {
    written.type = type;
    written.discograph = { ...(property.discograph ?? {}), type: property.type };
  }
  written.jsonSchema = { ...(property.jsonSchema ?? {}), nullable: isNullable(property, connector) };
  const nullable = property.mysql?.nullable;
  if (typeof nullable === 'string' && MYSQL_NULLABLE[nullable])
    written.mysql = { ...property.mysql, nullable: MYSQL_NULLABLE[nullable] };
  return written;
}

function readProperty(property: LooseProperty): LooseProperty {
  const read: LooseProperty = { ...property };
  const { type: exact, ...facts } = property.discograph ?? {};
  if (exact !== undefined) {
    read.type = exact as PropertyType;
    if (Object.keys(facts).length > 0) read.discograph = facts;
    else delete read.discograph;
  }
  if (read.jsonSchema) {
    const { nullable: _written, ...rest } = read.jsonSchema;
    if (Object.keys(rest).length > 0) read.jsonSchema = rest;
    else delete read.jsonSchema;
  }
  const nullable = property.mysql?.nullable;
  if (typeof nullable === 'string' && MYSQL_NULLABLE_BACK[nullable])
    read.mysql = { ...property.mysql, nullable: MYSQL_NULLABLE_BACK[nullable] };
  return read;
}

/** Every property of a definition through `map` (the JSON shapes of the blocks are not typed finer). */
function mapProperties(
  definition: ModelDefinition,
  map: (property: LooseProperty) => LooseProperty,
): Record<string, PropertyDefinition> {
  return Object.fromEntries(
    Object.entries(definition.properties).map(([name, property]) => [
      name,
      map(property as unknown as LooseProperty) as unknown as PropertyDefinition,
    ]),
  );
}

function mapRelations(
  definition: ModelDefinition,
  map: (relation: RelationDefinition) => RelationDefinition,
): ModelDefinition['options'] {
  if (!definition.options) return definition.options;
  const options = { ...definition.options };
  if (options.relations) {
    options.relations = Object.fromEntries(
      Object.entries(options.relations).map(([name, relation]) => [name, map(relation)]),
    );
  }
  return options;
}

/** A definition in the form LoopBack loads (see the file comment); the input is not changed. */
export function toLoopBackModelJson(definition: ModelDefinition): ModelDefinition {
  const connector = connectorOf(definition);
  const properties = mapProperties(definition, (property) => writeProperty(property, connector));
  const options = mapRelations(definition, (relation) =>
    relation.type === 'hasManyThrough' ? { ...relation, type: 'hasMany' } : relation,
  );
  return { ...definition, options, properties };
}

/** Discograph's definition from one `toLoopBackModelJson` wrote (also accepts Discograph's own form). */
export function fromLoopBackModelJson(json: ModelDefinition): ModelDefinition {
  const properties = mapProperties(json, readProperty);
  const options = mapRelations(json, (relation) =>
    relation.type === 'hasMany' && relation.through ? { ...relation, type: 'hasManyThrough' } : relation,
  );
  return { ...json, options, properties };
}
