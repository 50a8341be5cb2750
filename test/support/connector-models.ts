/**
 * Hand-built ConnectorModels for the SQL connector tests (the juggler's DataSource is not
 * needed): property names camelCase, columns snake_case unless given.
 */
import type { ConnectorModel, ConnectorProperty } from '../../src/juggler/connector/connector-model.js';
import type { ModelTypeName } from '../../src/juggler/connector/model-type-name.js';

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

/** The naming of a Chinook load: PostgreSQL's script is snake_case, MySQL's PascalCase. */
export type ChinookNaming = 'snake' | 'pascal';

/** Chinook's track, album and playlist_track tables as discovery would describe them, per naming. */
export function chinookModels(naming: ChinookNaming): {
  track: ConnectorModel;
  album: ConnectorModel;
  playlistTrack: ConnectorModel;
} {
  const pascal = naming === 'pascal';
  const column = (property: string) =>
    pascal ? property[0]!.toUpperCase() + property.slice(1) : snakeCase(property);
  const table = (model: string) => (pascal ? model : snakeCase(model));
  const integer = pascal ? 'int' : 'integer';
  const varchar = pascal ? 'varchar' : 'character varying';
  const decimal = pascal ? 'decimal' : 'numeric';
  const spec = (specs: Record<string, Exclude<SqlPropertySpec, ModelTypeName>>) =>
    Object.fromEntries(
      Object.entries(specs).map(([name, property]) => [name, { ...property, column: column(name) }]),
    );
  return {
    track: sqlModel(
      'Track',
      spec({
        trackId: { type: 'Number', id: 1, dataType: integer, nullable: false },
        name: { type: 'String', dataType: varchar, length: 200, nullable: false },
        albumId: { type: 'Number', dataType: integer },
        mediaTypeId: { type: 'Number', dataType: integer, nullable: false },
        genreId: { type: 'Number', dataType: integer },
        composer: { type: 'String', dataType: varchar, length: 220 },
        milliseconds: { type: 'Number', dataType: integer, nullable: false },
        bytes: { type: 'Number', dataType: integer },
        unitPrice: { type: 'Decimal', dataType: decimal, precision: 10, scale: 2, nullable: false },
      }),
      { table: table('Track') },
    ),
    album: sqlModel(
      'Album',
      spec({
        albumId: { type: 'Number', id: 1, dataType: integer, nullable: false },
        title: { type: 'String', dataType: varchar, length: 160, nullable: false },
        artistId: { type: 'Number', dataType: integer, nullable: false },
      }),
      { table: table('Album') },
    ),
    playlistTrack: sqlModel(
      'PlaylistTrack',
      spec({
        playlistId: { type: 'Number', id: 1, dataType: integer, nullable: false },
        trackId: { type: 'Number', id: 2, dataType: integer, nullable: false },
      }),
      { table: table('PlaylistTrack') },
    ),
  };
}

const snakeChinook = chinookModels('snake');

/** Chinook's `track` table on PostgreSQL. */
export const ChinookTrack = snakeChinook.track;

/** Chinook's `album` table on PostgreSQL. */
export const ChinookAlbum = snakeChinook.album;

/** Chinook's `playlist_track` table on PostgreSQL: a composite primary key. */
export const ChinookPlaylistTrack = snakeChinook.playlistTrack;
