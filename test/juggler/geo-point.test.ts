import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/juggler/errors.js';
import { ModelBuilder } from '../../src/juggler/model-builder.js';
import type { ModelInstance } from '../../src/juggler/model-types.js';
import { GeoPoint } from '../../src/juggler/types/index.js';
import type { ValidationErrors } from '../../src/juggler/validation/index.js';

/** The errors bag of the last validation run (it is `false` when the run passed). */
function errorsOf(instance: ModelInstance): ValidationErrors {
  return instance.errors as ValidationErrors;
}

const DELTA_DIGITS = 7;

describe('GeoPoint construction', () => {
  it('accepts {lat, lng}, [lat, lng], "lat,lng" and two numbers', () => {
    for (const point of [
      new GeoPoint({ lat: -34, lng: 150 }),
      new GeoPoint([-34, 150]),
      new GeoPoint('-34,150'),
      new GeoPoint('-34, 150'),
      new GeoPoint(-34, 150),
      new GeoPoint({ lat: '-34', lng: '150' }),
      new GeoPoint('{"lat": -34, "lng": 150}'),
    ]) {
      expect(point.lat).toBe(-34);
      expect(point.lng).toBe(150);
    }
  });

  it('rejects out-of-range and malformed coordinates with a clear error', () => {
    expect(() => new GeoPoint('150,-34')).toThrow('lat must be between -90 and 90 (got 150)');
    expect(() => new GeoPoint([10, 181])).toThrow('lng must be between -180 and 180 (got 181)');
    expect(() => new GeoPoint('invalid_string')).toThrow(InvalidArgumentError);
    expect(() => new GeoPoint({ lat: 10, lng: null } as never)).toThrow('lng must be a number');
    expect(() => new GeoPoint(undefined as never)).toThrow(InvalidArgumentError);
  });

  it('serializes as "lat,lng"', () => {
    expect(new GeoPoint({ lat: -34, lng: 150 }).toString()).toBe('-34,150');
    expect(JSON.stringify(new GeoPoint([1.5, 2.5]))).toBe('{"lat":1.5,"lng":2.5}');
  });
});

describe('GeoPoint distances', () => {
  // LoopBack's own reference values (test/geo.test.js).
  const here = new GeoPoint({ lat: 40.77492964101182, lng: -73.90950187151662 });
  const there = new GeoPoint({ lat: 40.7753227, lng: -73.909217 });

  it('measures in miles by default, as LoopBack does', () => {
    expect(GeoPoint.distanceBetween(here, there)).toBeCloseTo(0.03097916611592679, DELTA_DIGITS);
  });

  it('measures in every unit LoopBack supports', () => {
    expect(here.distanceTo(there, { type: 'radians' })).toBeCloseTo(0.000007825491914348416, DELTA_DIGITS);
    expect(here.distanceTo(there, { type: 'kilometers' })).toBeCloseTo(0.04985613511367009, DELTA_DIGITS);
    expect(here.distanceTo(there, { type: 'meters' })).toBeCloseTo(49.856135113670085, DELTA_DIGITS);
    expect(here.distanceTo(there, { type: 'miles' })).toBeCloseTo(0.03097916611592679, DELTA_DIGITS);
    expect(here.distanceTo(there, { type: 'feet' })).toBeCloseTo(163.56999709209347, DELTA_DIGITS);
    expect(here.distanceTo(there, { type: 'degrees' })).toBeCloseTo(0.0004483676593058972, DELTA_DIGITS);
  });

  it('gives the known great-circle distances between cities', () => {
    const london = { lat: 51.5074, lng: -0.1278 };
    const paris = { lat: 48.8566, lng: 2.3522 };
    const newYork = new GeoPoint(40.7128, -74.006);
    const losAngeles = new GeoPoint(34.0522, -118.2437);
    const sydney = '-33.8688,151.2093';
    const tokyo: [number, number] = [35.6762, 139.6503];
    expect(GeoPoint.distanceBetween(london, paris, { type: 'kilometers' })).toBeCloseTo(343.5, 0);
    expect(GeoPoint.distanceBetween(newYork, losAngeles, { type: 'kilometers' })).toBeCloseTo(3935.7, 0);
    expect(GeoPoint.distanceBetween(newYork, losAngeles)).toBeCloseTo(2445.5, 0);
    expect(GeoPoint.distanceBetween(sydney, tokyo, { type: 'kilometers' })).toBeCloseTo(7823, -1);
  });

  it('is symmetric and zero between a point and itself', () => {
    const a = new GeoPoint(10, 20);
    const b = new GeoPoint(-5, 100);
    expect(a.distanceTo(b)).toBeCloseTo(b.distanceTo(a), 10);
    expect(a.distanceTo(a)).toBe(0);
  });

  it('rejects an unknown unit', () => {
    expect(() => here.distanceTo(there, { type: 'parsecs' as never })).toThrow(
      'Unknown distance unit `parsecs`; use one of kilometers, meters, miles, feet, radians, degrees',
    );
  });
});

describe('GeoPoint properties', () => {
  it('coerce assigned values and stay GeoPoints in toObject', () => {
    const Place = new ModelBuilder().define('Place', { name: String, location: 'GeoPoint' });
    const place = new Place({ name: 'Eiffel Tower', location: '48.8584,2.2945' });
    expect(place.location).toBeInstanceOf(GeoPoint);
    expect(place.toObject().location).toBeInstanceOf(GeoPoint);
    place.location = [51.5007, -0.1246];
    expect(place.location.toString()).toBe('51.5007,-0.1246');
    expect(place.isValid()).toBe(true);
  });

  it('report invalid coordinates as a validation error instead of throwing in the setter', () => {
    const Place = new ModelBuilder().define('Place', { location: 'GeoPoint' });
    const place = new Place({ location: { lat: 91, lng: 0 } });
    expect(place.isValid()).toBe(false);
    expect(errorsOf(place).codes.location).toEqual(['type']);
    expect(errorsOf(place).location).toEqual([
      expect.stringMatching(/^is not a valid GeoPoint \(lat must be between -90 and 90/),
    ]);
  });
});
