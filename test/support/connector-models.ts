/**
 * Hand-built ConnectorModels for the SQL and PostgreSQL connector tests (the juggler's
 * DataSource is not needed): property names camelCase, columns snake_case unless given.
 */
import type { ConnectorModel, ConnectorProperty, ModelTypeName } from '../../src/connectors/connector.js';

/** One property: a type name, or the type plus column facts. */
export type SqlPropertySpec =
  | ModelTypeName
  | {
      type: ModelTypeName;
      column?: string;
      itemType?: ModelTypeName;
      dataType?: string;
      id?: number;
      generated?: boolean;
      nullable?: boolean;
      readOnly?: boolean;
      length?: number;
      precision?: number;
      scale?: number;
    };

/** `unitPrice` → `unit_price`. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Builds a ConnectorModel (`table` defaults to the snake_case model name). */
export function sqlModel(
  name: string,
  properties: Record<string, SqlPropertySpec>,
  options: { table?: string; schema?: string; readOnly?: boolean } = {},
): ConnectorModel {
  const list: ConnectorProperty[] = Object.entries(properties).map(([property, spec]) => {
    const full = typeof spec === 'string' ? { type: spec } : spec;
    const resolved: ConnectorProperty = {
      name: property,
      column: full.column ?? snakeCase(property),
      type: full.type,
      generated: full.generated ?? false,
      nullable: full.nullable ?? full.id === undefined,
    };
    if (full.itemType) resolved.itemType = full.itemType;
    if (full.dataType) resolved.dataType = full.dataType;
    if (full.id !== undefined) resolved.idIndex = full.id;
    if (full.readOnly) resolved.readOnly = true;
    if (full.length !== undefined) resolved.length = full.length;
    if (full.precision !== undefined) resolved.precision = full.precision;
    if (full.scale !== undefined) resolved.scale = full.scale;
    return resolved;
  });
  const model: ConnectorModel = {
    name,
    table: options.table ?? snakeCase(name),
    properties: list,
    propertyByName: new Map(list.map((property) => [property.name, property])),
    idProperties: list
      .filter((property) => property.idIndex !== undefined)
      .sort((a, b) => (a.idIndex ?? 0) - (b.idIndex ?? 0))
      .map((property) => property.name),
    readOnly: options.readOnly ?? false,
    settings: {},
  };
  if (options.schema) model.schema = options.schema;
  return model;
}

/** Chinook's `track` table as discovery would describe it. */
export const ChinookTrack = sqlModel('Track', {
  trackId: { type: 'Number', id: 1, dataType: 'integer', nullable: false },
  name: { type: 'String', dataType: 'character varying', length: 200, nullable: false },
  albumId: { type: 'Number', dataType: 'integer' },
  mediaTypeId: { type: 'Number', dataType: 'integer', nullable: false },
  genreId: { type: 'Number', dataType: 'integer' },
  composer: { type: 'String', dataType: 'character varying', length: 220 },
  milliseconds: { type: 'Number', dataType: 'integer', nullable: false },
  bytes: { type: 'Number', dataType: 'integer' },
  unitPrice: { type: 'Decimal', dataType: 'numeric', precision: 10, scale: 2, nullable: false },
});

/** Chinook's `album` table. */
export const ChinookAlbum = sqlModel('Album', {
  albumId: { type: 'Number', id: 1, dataType: 'integer', nullable: false },
  title: { type: 'String', dataType: 'character varying', length: 160, nullable: false },
  artistId: { type: 'Number', dataType: 'integer', nullable: false },
});

/** Chinook's `playlist_track` table: a composite primary key. */
export const ChinookPlaylistTrack = sqlModel('PlaylistTrack', {
  playlistId: { type: 'Number', id: 1, dataType: 'integer', nullable: false },
  trackId: { type: 'Number', id: 2, dataType: 'integer', nullable: false },
});
