import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`, a folder at a time. Node's own recursive mode spins forever where a folder refuses
 * new entries with ENOENT (under /proc), so each missing folder is made once and an error stays one.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!statSync(at, { throwIfNoEntry: false })) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // another process made it in between
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
