/**
 * LoopBack's GeoPoint: a latitude/longitude pair with haversine distances. Distances use
 * LoopBack's earth radii, so results match the juggler's to the last digit.
 */
import { InvalidArgumentError } from '../errors.js';

/** What a GeoPoint can be built from: `{lat, lng}`, `[lat, lng]`, `'lat,lng'` or another GeoPoint. */
export type GeoPointInput =
  | GeoPoint
  | { lat: number | string; lng: number | string }
  | [number, number]
  | string;

/** Units of `GeoPoint.distanceBetween`. */
export type DistanceUnit = 'miles' | 'kilometers' | 'meters' | 'feet' | 'radians' | 'degrees';

/** Options of the distance functions; the unit defaults to miles, as in LoopBack. */
export interface DistanceOptions {
  type?: DistanceUnit;
}

const DEG2RAD = 0.01745329252;
const RAD2DEG = 57.29577951308;
/** LoopBack's earth radius per unit (lib/geo.js). */
const EARTH_RADIUS: Record<DistanceUnit, number> = {
  kilometers: 6370.99056,
  meters: 6370990.56,
  miles: 3958.75,
  feet: 20902200,
  radians: 1,
  degrees: RAD2DEG,
};

function invalid(reason: string, input: unknown): InvalidArgumentError {
  let received: string;
  try {
    received = typeof input === 'string' ? JSON.stringify(input) : (JSON.stringify(input) ?? String(input));
  } catch {
    received = String(input);
  }
  return new InvalidArgumentError(`Invalid GeoPoint: ${reason}, received ${received}`, {
    expected: "GeoPoint: {lat, lng}, [lat, lng] or 'lat,lng' with lat in -90..90 and lng in -180..180",
    received,
  });
}

function toCoordinate(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

function parsePair(data: unknown): [unknown, unknown] {
  if (Array.isArray(data)) {
    if (data.length !== 2) throw invalid('an array must be [lat, lng]', data);
    return [data[0], data[1]];
  }
  if (typeof data === 'string') {
    const text = data.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      try {
        return parsePair(JSON.parse(text));
      } catch (error) {
        if (error instanceof InvalidArgumentError) throw error;
        throw invalid('the string is not valid JSON', data);
      }
    }
    const parts = text.split(/\s*,\s*/);
    if (parts.length !== 2) throw invalid("a string must be 'lat,lng'", data);
    return [parts[0], parts[1]];
  }
  if (data !== null && typeof data === 'object' && 'lat' in data && 'lng' in data) {
    return [(data as { lat: unknown }).lat, (data as { lng: unknown }).lng];
  }
  throw invalid("expected {lat, lng}, [lat, lng] or 'lat,lng'", data);
}

/**
 * A point on the earth.
 *
 * @example
 * const here = new GeoPoint({lat: 10.32424, lng: 5.84978});
 * new GeoPoint('40.7128,-74.0060').toString() // '40.7128,-74.006'
 * GeoPoint.distanceBetween(here, [31.0082, 4.6875], {type: 'kilometers'})
 */
export class GeoPoint {
  lat: number;
  lng: number;

  constructor(data: GeoPointInput | number, lng?: number | string) {
    const [rawLat, rawLng] = typeof data === 'number' ? [data, lng] : parsePair(data);
    const lat = toCoordinate(rawLat);
    const lon = toCoordinate(rawLng);
    if (Number.isNaN(lat)) throw invalid('lat must be a number', data);
    if (Number.isNaN(lon)) throw invalid('lng must be a number', data);
    if (lat < -90 || lat > 90) throw invalid(`lat must be between -90 and 90 (got ${lat})`, data);
    if (lon < -180 || lon > 180) throw invalid(`lng must be between -180 and 180 (got ${lon})`, data);
    this.lat = lat;
    this.lng = lon;
  }

  /** The spherical (haversine) distance between two points, in miles unless `options.type` says otherwise. */
  static distanceBetween(a: GeoPointInput, b: GeoPointInput, options: DistanceOptions = {}): number {
    const from = a instanceof GeoPoint ? a : new GeoPoint(a);
    const to = b instanceof GeoPoint ? b : new GeoPoint(b);
    const unit = options.type ?? 'miles';
    if (!Object.hasOwn(EARTH_RADIUS, unit)) {
      throw new InvalidArgumentError(
        `Unknown distance unit \`${String(unit)}\`; use one of ${Object.keys(EARTH_RADIUS).join(', ')}`,
        { received: String(unit) },
      );
    }
    const radius = EARTH_RADIUS[unit];
    const lat1 = from.lat * DEG2RAD;
    const lat2 = to.lat * DEG2RAD;
    const haversine = (angle: number): number => Math.sin(angle / 2) ** 2;
    const f = Math.sqrt(
      haversine(lat2 - lat1) + Math.cos(lat2) * Math.cos(lat1) * haversine((to.lng - from.lng) * DEG2RAD),
    );
    return 2 * Math.asin(f) * radius;
  }

  /** The spherical distance from this point to another. */
  distanceTo(point: GeoPointInput, options: DistanceOptions = {}): number {
    return GeoPoint.distanceBetween(this, point, options);
  }

  /** Simple serialization: 'lat,lng'. */
  toString(): string {
    return `${this.lat},${this.lng}`;
  }
}
