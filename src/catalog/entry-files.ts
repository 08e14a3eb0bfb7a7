import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import { parseWith, readSource, type CatalogProblem, type SourceFile } from './source.js';

/** Directories of one YAML file per catalog entry, named after its id (list-types/, measures/). */

const YAML_EXT = new Set(['.yaml', '.yml']);

/** The YAML file names in a directory, sorted; none when it does not exist. */
export async function listYaml(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && YAML_EXT.has(extname(e.name)))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export interface EntryFiles<T> {
  /** entries that parsed, with the file to report further problems against */
  parsed: { entry: T; source: SourceFile }[];
  /** ids (file names) of entries whose files failed: references to them are not reported */
  broken: Set<string>;
}

/**
 * Reads and parses every file of `sub`, reporting syntax and schema problems, ids that
 * differ from their file name, and duplicate ids. A missing directory holds no entries.
 */
export async function readEntryFiles<S extends z.ZodType<{ id: string }>>(
  dir: string,
  sub: string,
  schema: S,
  what: string,
  problems: CatalogProblem[],
): Promise<EntryFiles<z.output<S>>> {
  const read: EntryFiles<z.output<S>> = { parsed: [], broken: new Set() };
  const seen = new Set<string>();
  for (const name of await listYaml(join(dir, sub))) {
    const stem = basename(name, extname(name));
    const source = await readSource(dir, `${sub}/${name}`, [sub, stem], problems);
    const entry = source && parseWith(schema, source);
    if (!source || !entry) {
      read.broken.add(stem);
      continue;
    }
    let ok = true;
    if (entry.id !== stem) {
      source.report(['id'], `the id "${entry.id}" differs from the file name ${name}`);
      ok = false;
    }
    if (seen.has(entry.id)) {
      source.report(['id'], `duplicate ${what} id "${entry.id}"`);
      ok = false;
    }
    seen.add(entry.id);
    if (ok) read.parsed.push({ entry, source });
    else read.broken.add(stem);
  }
  return read;
}

/**
 * Runs a cross-check on every parsed entry; entries with a problem join `broken`, the
 * others make up the valid map.
 */
export function settleEntries<T extends { id: string }>(
  read: EntryFiles<T>,
  problems: CatalogProblem[],
  check: (entry: T, source: SourceFile) => void,
): { valid: Map<string, T>; broken: Set<string> } {
  const valid = new Map<string, T>();
  const broken = new Set(read.broken);
  for (const { entry, source } of read.parsed) {
    const before = problems.length;
    check(entry, source);
    if (problems.length === before) valid.set(entry.id, entry);
    else broken.add(entry.id);
  }
  return { valid, broken };
}
