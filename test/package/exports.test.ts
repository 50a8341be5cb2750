import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// The package is consumed compiled: `npm ci` runs `prepare`, which builds dist/.
describe("import { ... } from 'discograph'", () => {
  it('gives DataSource (memory by default), ModelBuilder, ValidationError, GeoPoint and the model types to a plain Node program', () => {
    const program = `
      import { DataSource, ModelBuilder, ValidationError, GeoPoint, Types, Text, Decimal } from 'discograph';
      const ds = new DataSource('memory');
      const User = ds.define('User', { name: { type: String, required: true }, bio: Types.Text });
      const invalid = new User({});
      const a = new GeoPoint({ lat: 0, lng: 0 });
      console.log(JSON.stringify({
        builder: typeof new ModelBuilder().define,
        valid: invalid.isValid(),
        error: new ValidationError({ context: 'User', codes: {}, messages: {} }).statusCode,
        distance: Math.round(GeoPoint.distanceBetween(a, new GeoPoint({ lat: 0, lng: 1 }), { type: 'kilometers' })),
        types: [typeof Text, typeof Decimal],
        defaultConnector: new DataSource().connectorName,
      }));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', program], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      builder: 'function',
      valid: false,
      error: 422,
      distance: 111,
      types: ['function', 'function'],
      defaultConnector: 'memory',
    });
  });

  it('ships type declarations for the public surface', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const declarations = path.join(root, manifest.exports['.'].types);
    expect(existsSync(declarations)).toBe(true);
    const text = readFileSync(declarations, 'utf8');
    for (const name of ['DataSource', 'ModelBuilder', 'ValidationError', 'GeoPoint', 'Types']) {
      expect(text).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('leaves the juggler without connectors: a program importing it directly is told to register them', () => {
    const program = `
      const { DataSource } = await import('./dist/juggler/datasource.js');
      const ds = new DataSource('memory');
      ds.on('error', () => {});
      console.log(await ds.ready().then(() => 'connected', (error) => error.message));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', program], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output.trim()).toBe(
      "Unknown connector `memory`: no connector is registered. Import from the package entry ('discograph') or call registerBuiltInConnectors() first",
    );
  });
});
