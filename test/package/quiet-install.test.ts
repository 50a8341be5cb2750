/**
 * A quiet install (issue 19 item 3): every package the lockfile installs accepts the oldest Node
 * the README and `engines` name, so `npm ci` prints no EBADENGINE warning; optional packages
 * (platform binaries npm skips when they do not fit) are left out of the check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string }; optional?: boolean; hasInstallScript?: boolean }>;
};

type Version = [number, number, number];

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` meets one comparator of an npm range (`>=20`, `^20.17.0`, `6.*`, `18`). */
function meets(version: Version, comparator: string): boolean {
  const match = /^(>=|<=|>|<|\^|~|=)?v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?$/.exec(comparator);
  if (!match) throw new Error(`a range this test cannot read: "${comparator}"`);
  const [, operator = '', ...parts] = match;
  if (parts[0] === undefined || /[xX*]/.test(parts[0])) return true;
  const given = parts.map((part) => (part === undefined || /[xX*]/.test(part) ? undefined : Number(part)));
  const bound: Version = [given[0] ?? 0, given[1] ?? 0, given[2] ?? 0];
  const order = compare(version, bound);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '^':
      return order >= 0 && version[0] === bound[0];
    case '~':
      return order >= 0 && version[0] === bound[0] && version[1] === bound[1];
    default:
      // `18`, `6.*`, `=20.1`: every part given must match.
      return given.every((part, index) => part === undefined || part === version[index]);
  }
}

/** Whether `version` satisfies an npm range (`||` alternatives of space-separated comparators). */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => meets(version, comparator)),
  );
}

const oldest = /^>=\s*(\d+)\.(\d+)$/.exec(manifest.engines.node);

describe('npm ci', () => {
  it('names one oldest Node in engines and the README', () => {
    expect(oldest).not.toBeNull();
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`Node.js ${oldest?.[1]}.${oldest?.[2]} or newer`);
  });

  it('installs only packages that accept that Node (no EBADENGINE warning)', () => {
    const version: Version = [Number(oldest?.[1]), Number(oldest?.[2]), 0];
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name !== '' && !entry.optional && entry.engines?.node !== undefined)
      .filter(([, entry]) => !satisfies(version, entry.engines?.node as string))
      .map(([name, entry]) => `${name} (${entry.engines?.node})`);
    expect(refusing).toEqual([]);
  });

  it('decides every install script in allowScripts (no notice about unreviewed scripts)', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript && !entry.optional)
      .map(([name]) => name.replace(/^.*node_modules\//, ''));
    expect(withScripts.filter((name) => !(name in manifest.allowScripts))).toEqual([]);
  });

  it('reads npm ranges as npm does', () => {
    expect(satisfies([20, 19, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([20, 19, 0], '^22.20 || ^24.12 || >=25')).toBe(false);
    expect(satisfies([20, 19, 0], '>= 18.19.0')).toBe(true);
    expect(satisfies([20, 19, 0], '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies([20, 19, 0], '18 || 20 || >=22')).toBe(true);
    expect(satisfies([20, 19, 0], '>=22.12')).toBe(false);
    expect(satisfies([20, 19, 0], '^20.20')).toBe(false);
  });
});
