import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

/** One problem in a catalog directory: the file (relative to it), where in the file, and what. */
export interface CatalogProblem {
  file: string;
  /** a dotted path like `record-types.admin_penalty.fields[2].type`; empty for the whole file */
  path: string;
  message: string;
  /** 1-based line in the file, when it can be located */
  line?: number;
}

export type Segment = string | number;

/** Reports a problem at a path inside one file. */
export type Report = (segments: readonly Segment[], message: string) => void;

/** A parsed YAML file that knows how to report problems with paths and line numbers. */
export interface SourceFile {
  file: string;
  data: unknown;
  report: Report;
}

export function formatPath(segments: readonly Segment[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}

/**
 * Reads and parses one YAML file. Returns null (after reporting) when it is missing or
 * has syntax errors; `prefix` starts every path reported against the file.
 */
export async function readSource(
  dir: string,
  file: string,
  prefix: readonly Segment[],
  problems: CatalogProblem[],
): Promise<SourceFile | null> {
  let text: string;
  try {
    // read at once: some fifty small files, each of which would otherwise wait its turn in the thread pool
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    problems.push({ file, path: '', message: 'the file is missing or cannot be read' });
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const where = e.linePos?.[0];
      const message = `YAML syntax: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`;
      problems.push({ file, path: '', message, ...(where ? { line: where.line } : {}) });
    }
    return null;
  }
  const report: Report = (segments, message) => {
    const line = lineOf(doc, lineCounter, segments);
    problems.push({
      file,
      path: formatPath([...prefix, ...segments]),
      message,
      ...(line ? { line } : {}),
    });
  };
  return { file, data: doc.toJS(), report };
}

/** the line of the deepest node on the path that exists in the document */
function lineOf(
  doc: Document,
  counter: LineCounter,
  segments: readonly Segment[],
): number | undefined {
  for (let n = segments.length; n >= 0; n--) {
    const node = doc.getIn(segments.slice(0, n), true) as
      { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parses a file's data with a schema, reporting every issue; null when any was found. */
export function parseWith<S extends z.ZodType>(schema: S, source: SourceFile): z.output<S> | null {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is Segment => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) source.report([...path, key], `unknown key "${key}"`);
    } else {
      source.report(path, issue.message);
    }
  }
  return null;
}
