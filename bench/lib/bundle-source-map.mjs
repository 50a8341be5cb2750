/**
 * Maps the frames of a .cpuprofile taken from the bundled CLI (dist/cli/main.js and its chunks,
 * see scripts/bundle-cli.mjs) back to the files they were bundled from, through the bundle's
 * source maps: node_modules/graphql/..., node_modules/pg/..., and Discograph's own code as
 * dist/<path>.js (at the line of src/<path>.ts). The profile summary can then attribute samples to
 * packages again. Frames outside the bundle, and profiles of an unbundled build, are left as
 * they are.
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A frame's original file URL and 0-based line, or undefined when it is not in a mapped bundle file. */
function originalOf(maps, frame, srcDir, distDir) {
  if (!frame.url.startsWith('file://') || frame.lineNumber < 0) return undefined;
  const file = fileURLToPath(frame.url);
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(
      file,
      fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null,
    );
  }
  const map = maps.get(file);
  const entry = map?.findEntry(frame.lineNumber, Math.max(frame.columnNumber, 0));
  if (!entry?.originalSource) return undefined;
  let source = path.resolve(path.dirname(file), entry.originalSource);
  if (source.startsWith(srcDir + path.sep)) {
    source = path.join(distDir, path.relative(srcDir, source)).replace(/\.ts$/, '.js');
  }
  return { url: pathToFileURL(source).href, lineNumber: entry.originalLine };
}

/**
 * Rewrites `file` (a .cpuprofile) in place with bundled frames mapped to their original files;
 * `repoDir` tells Discograph's src/ (which the maps name) from its dist/. Returns how many frames changed.
 */
export function remapBundledProfile(file, repoDir) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const maps = new Map();
  const srcDir = path.join(repoDir, 'src');
  const distDir = path.join(repoDir, 'dist');
  let changed = 0;
  for (const node of profile.nodes) {
    const original = originalOf(maps, node.callFrame, srcDir, distDir);
    if (!original) continue;
    node.callFrame = { ...node.callFrame, ...original, columnNumber: 0 };
    delete node.positionTicks;
    changed += 1;
  }
  if (changed > 0) fs.writeFileSync(file, JSON.stringify(profile));
  return changed;
}
