import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatProblem, validateCatalogDir } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';

/** A copy of the default catalog in a temp dir, to break one file at a time. */
export async function copyDefaultCatalog(): Promise<{
  dir: string;
  read: (file: string) => Promise<string>;
  write: (file: string, text: string) => Promise<void>;
  edit: (file: string, change: (text: string) => string) => Promise<void>;
  remove: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'credence-catalog-'));
  await cp(DEFAULT_CATALOG_DIR, dir, { recursive: true });
  return { dir, ...filesIn(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Reading, writing and editing files of a catalog directory by their paths relative to it. */
function filesIn(dir: string) {
  return {
    read: (file: string) => readFile(join(dir, file), 'utf8'),
    write: (file: string, text: string) => writeFile(join(dir, file), text),
    edit: async (file: string, change: (text: string) => string) => {
      const before = await readFile(join(dir, file), 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`edit of ${file} changed nothing`);
      await writeFile(join(dir, file), after);
    },
  };
}

/** A copy of the national catalog and its regional layers (issue 22) in a temp dir: `dir` is the national one. */
export async function copyLayeredCatalog(): Promise<
  Awaited<ReturnType<typeof copyDefaultCatalog>> & { layer: (region: string) => string }
> {
  const root = await mkdtemp(join(tmpdir(), 'credence-layers-'));
  await cp(join(DEFAULT_CATALOG_DIR, '..'), root, { recursive: true });
  const dir = join(root, 'default');
  return {
    dir,
    layer: (region) => join(root, region),
    // files of a layer are named `../<region>/…`, as problems name them
    ...filesIn(dir),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** The problems a broken catalog directory is refused with, formatted `file:line: path: message`. */
export async function problemsOf(dir: string): Promise<string[]> {
  const { catalog, problems } = await validateCatalogDir(dir);
  expect(catalog).toBeNull();
  return problems.map(formatProblem);
}
