/**
 * Ids as the harness's database keeps them (`harness.ids`): fixtures write `id(3)` where they
 * meant row 3, and declare id properties and the keys referring to them with `key(...)`. On a
 * `serial` harness nothing changes (`id(3)` is 3); on an `objectId` harness (MongoDB) an id is the
 * ObjectId text that orders as the number does (`id(3)` is `'000000000000000000000003'`) and a key
 * property is a String stored as an ObjectId (`mongodb: {dataType: 'objectId'}`).
 *
 * @example
 * const ids = fixtureIds(harness);
 * const artistId = ids.key({ type: 'Number', id: true });
 * await Artist.create({ artistId: ids.id(1), name: 'AC/DC' });
 */
import { expect } from 'vitest';
import type { ModelDefinition, PropertyDefinition } from '../../../src/juggler/model-definition.js';
import type { ConnectorHarness } from './connector-harness.js';

/** An id of a fixture row: a number on `serial` harnesses, ObjectId text on `objectId` ones. */
export type FixtureId = number | string;

/** The ids of a harness. */
export interface FixtureIds {
  /** The id of fixture row `n` (n ≥ 0). */
  id(n: number): FixtureId;
  /** The ids of fixture rows `ns`, in the same order. */
  idList(ns: readonly number[]): FixtureId[];
  /**
   * What the `n`-th generated id is expected to be: `n` itself (or its text for a BigInt id) where
   * ids count up, any ObjectId text where the database makes ObjectIds.
   */
  generated(n: number | string): unknown;
  /** An id property, or a property holding ids of another model, as this harness stores them. */
  key(property: PropertyDefinition): PropertyDefinition;
  /**
   * A model definition with its single id property (a composite id's parts are plain fields on
   * every connector, and stay as they are) and the properties named in `keys` made `key`s.
   */
  model(definition: ModelDefinition, keys?: readonly string[]): ModelDefinition;
  /**
   * Rows created without ids, given the ids the database would have generated in insertion order
   * (`id(1)`, `id(2)` …) where it does not count them up itself; unchanged on `serial` harnesses.
   */
  numbered<T extends Record<string, unknown>>(rows: readonly T[], idName?: string): T[];
}

const OBJECT_ID_TEXT = /^[0-9a-f]{24}$/;

/** The ids of `harness`'s database. */
export function fixtureIds(harness: ConnectorHarness): FixtureIds {
  if (harness.ids === 'serial') {
    return {
      id: (n) => n,
      idList: (ns) => [...ns],
      generated: (n) => n,
      key: (property) => property,
      model: (definition) => definition,
      numbered: (rows) => [...rows],
    };
  }
  const id = (n: number): string => n.toString(16).padStart(24, '0');
  const key = (property: PropertyDefinition): PropertyDefinition => ({
    ...property,
    type: 'String',
    mongodb: { ...property.mongodb, dataType: 'objectId' },
  });
  return {
    id,
    idList: (ns) => ns.map(id),
    generated: () => expect.stringMatching(OBJECT_ID_TEXT),
    key,
    model(definition, keys = []) {
      const idNames = Object.entries(definition.properties)
        .filter(([, property]) => property.id !== undefined && property.id !== false)
        .map(([name]) => name);
      const converted = new Set([...(idNames.length === 1 ? idNames : []), ...keys]);
      const properties = Object.fromEntries(
        Object.entries(definition.properties).map(([name, property]) => [
          name,
          converted.has(name) ? key(property) : property,
        ]),
      );
      return { ...definition, properties };
    },
    numbered: (rows, idName = 'id') => rows.map((row, index) => ({ [idName]: id(index + 1), ...row })),
  };
}
