/**
 * The command a message tells the user to run, spelled so that it runs where they are: in a
 * clone of Discograph (whose own `discograph` bin is not on PATH, and which `npx` would look up
 * in the registry) it is `npm run discograph -- <command>`; where Discograph is installed as a
 * package, `npx discograph <command>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Whether `folder` holds Discograph's own package.json (a clone, or the installed package). */
export function isDiscographPackage(folder: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
      name?: unknown;
    };
    return manifest.name === 'discograph';
  } catch {
    return false;
  }
}

/**
 * A `discograph` command line, runnable from `cwd`.
 *
 * @example runnableCommand('discover') // 'npm run discograph -- discover' in a clone, else 'npx discograph discover'
 */
export function runnableCommand(command: string, cwd: string = process.cwd()): string {
  return isDiscographPackage(cwd) ? `npm run discograph -- ${command}` : `npx discograph ${command}`;
}
