/**
 * The `mongodb` settings: how discovery samples a MongoDB database (`DATABASE_URL=mongodb://…`)
 * and which relations it infers. Collections have no declared schema: discovery reads
 * `sampleSize` documents per collection (the first ones, or a `$sample` with `sampling: random`)
 * and infers a relation where a field's values are found among another collection's `_id` values
 * (`relationSampleSize` of them checked); `relations` declares one inference misses or suppresses
 * (`target: null`) one it gets wrong. Unused on SQL databases.
 *
 * @example
 * // discograph.config.json
 * { "mongodb": { "sampleSize": 500,
 *   "relations": [{ "collection": "album", "field": "artistId", "target": "artist" },
 *                 { "collection": "track", "field": "composerId", "target": null }] } }
 */
import { z } from 'zod';
import { envBoolean, envInteger, readSection, type SectionSources } from './config-schema.js';

/** A relation declared (target: a collection) or suppressed (target: null) where inference is wrong. */
export interface MongoRelationConfig {
  /** The collection holding the reference. */
  collection: string;
  /** The field holding the target's `_id` (one value, or an array of them). */
  field: string;
  /** The referenced collection; null suppresses the relation inference would make. */
  target: string | null;
}

/** The `mongodb` settings. */
export interface MongoDbConfig {
  /** Documents sampled per collection by discovery. */
  sampleSize: number;
  /** `scan`: the first `sampleSize` documents; `random`: a `$sample` (deduplicated by `_id`). */
  sampling: 'scan' | 'random';
  /** Values of a candidate reference field looked up in the target collection. */
  relationSampleSize: number;
  /** Infer relations from fields holding other collections' `_id` values. */
  inferRelations: boolean;
  /** Relations declared or suppressed by configuration (config file only). */
  relations: MongoRelationConfig[];
}

/** Defaults of the `mongodb` settings (the connector's own). */
export const DEFAULT_MONGODB_CONFIG: MongoDbConfig = {
  sampleSize: 1000,
  sampling: 'scan',
  relationSampleSize: 100,
  inferRelations: true,
  relations: [],
};

const RELATION_SCHEMA = z
  .object({
    collection: z.string().min(1),
    field: z.string().min(1),
    target: z.string().min(1).nullable(),
  })
  .strict();

/** The `mongodb` object of the config file (and its environment variables), every key optional. */
export const MONGODB_SCHEMA = z
  .object({
    sampleSize: envInteger(1, 1_000_000).optional(),
    sampling: z.enum(['scan', 'random']).optional(),
    relationSampleSize: envInteger(1, 100_000).optional(),
    inferRelations: envBoolean().optional(),
    relations: z.array(RELATION_SCHEMA).optional(),
  })
  .strict();

/** Each setting's environment variable (`relations` only in the config file). */
export const MONGODB_ENV: Partial<Record<keyof MongoDbConfig, string>> = {
  sampleSize: 'DISCOGRAPH_MONGODB_SAMPLE_SIZE',
  sampling: 'DISCOGRAPH_MONGODB_SAMPLING',
  relationSampleSize: 'DISCOGRAPH_MONGODB_RELATION_SAMPLE_SIZE',
  inferRelations: 'DISCOGRAPH_MONGODB_INFER_RELATIONS',
};

/** The `mongodb` settings: defaults, then the config file, environment variables and flags, each checked. */
export function readMongoDbConfig(sources: SectionSources): MongoDbConfig {
  return readSection('mongodb', MONGODB_SCHEMA, MONGODB_ENV, DEFAULT_MONGODB_CONFIG, sources);
}

/** The MongoDB connector's settings of a `mongodb` section (passed with the data source's). */
export function mongoDbSettingsOf(config: MongoDbConfig): Record<string, unknown> {
  return {
    sampleSize: config.sampleSize,
    sampling: config.sampling,
    relationSampleSize: config.relationSampleSize,
    inferRelations: config.inferRelations,
    relations: config.relations.map((relation) => ({ ...relation })),
  };
}
