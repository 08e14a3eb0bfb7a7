/**
 * One phase of the check benchmark in its own process, so that peak RSS is the phase's own.
 * Usage: tsx bench/check-phase.ts <phase> <db> <options JSON>; prints one JSON line.
 *
 * - build: the synthetic store (bench/check-data.ts) through the store interface, then checks the
 *   sample against it with plain SQL
 * - lookup: the baseline, a bare indexed lookup of each sampled subject's entries, one at a time
 * - lookup-batch: the same lookups on PostgreSQL, one query per 1,000 (on SQLite, `lookup` is both)
 * - check: checkAction for each sampled identifier, one after the other
 * - batch: checkBatch on the whole sample in one call; batch-1000: in calls of 1,000
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadCatalog } from '../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../src/config.js';
import { dateOf, systemClock } from '../src/domain/clock.js';
import type { Subject } from '../src/domain/subject.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { checkAction, checkBatch, type CheckQuery } from '../src/services/lists/check.service.js';
import { openStore } from '../src/store/open.js';
import {
  ACTION,
  decisionOf,
  entryAt,
  isListed,
  LIST_TYPE,
  sampleOf,
  subjectAt,
  type SampleItem,
} from './check-data.js';

export interface PhaseOptions {
  subjects: number;
  sample: number;
  seed: number;
  passes: number;
}

export interface BuildResult {
  phase: 'build';
  seconds: number;
  peakRssMb: number;
  subjects: number;
  entries: number;
  relations: number;
  sample: { size: number; listed: number; represents: number; expectedDeny: number };
}

export interface MeasureResult {
  phase: string;
  items: number;
  /** seconds of each timed pass over the sample */
  passes: number[];
  /** answers per pass: entry rows for the baselines, denials for the checks */
  answers: number;
  peakRssMb: number;
}

const BUILD_BATCH = 10_000;
const CHUNK = 1_000;
const LOOKUP = `SELECT e.* FROM subject_identifiers i JOIN list_entries e ON e.subject_id = i.subject_id
  WHERE i.scheme = ? AND i.value = ?`;
const PG_LOOKUP = LOOKUP.replace('?', '$1').replace('?', '$2');
const PG_LOOKUP_MANY = `SELECT e.* FROM unnest($1::text[], $2::text[]) AS k (scheme, value)
  JOIN subject_identifiers i ON i.scheme = k.scheme AND i.value = k.value
  JOIN list_entries e ON e.subject_id = i.subject_id`;

const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) =>
    items.slice(k * size, (k + 1) * size),
  );

/** Runs `sql` (with `?` placeholders) once per parameter list, on either database. */
async function withSql<T>(
  db: string,
  fn: (query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>,
): Promise<T> {
  if (isPostgres(db)) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      return await fn(async (sql, params) => {
        let n = 0;
        return (
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows;
      });
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(db);
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    if (!statements.has(sql)) statements.set(sql, sqlite.prepare(sql));
    return statements.get(sql)!;
  };
  try {
    return await fn(async (sql, params) => prepared(sql).all(...params) as never);
  } finally {
    sqlite.close();
  }
}

async function build(db: string, o: PhaseOptions): Promise<BuildResult> {
  const store = await openStore(db);
  await store.migrate();
  const started = performance.now();
  const at = new Date().toISOString();
  const effectiveFrom = dateOf(new Date(Date.now() - 30 * 86_400_000));
  let entries = 0;
  let relations = 0;
  for (let start = 0; start < o.subjects; start += BUILD_BATCH) {
    const end = Math.min(o.subjects, start + BUILD_BATCH);
    const subjects: Subject[] = [];
    for (let i = start; i < end; i++) subjects.push(subjectAt(i, o.subjects));
    await store.transaction(async (tx) => {
      await tx.insertSubjects(subjects);
      for (let i = start; i < end; i++) {
        if (!isListed(i)) continue;
        const entry = entryAt(subjects[i - start]!.id, i, effectiveFrom);
        const { seq } = await tx.appendTransition(decisionOf(entry, at));
        await tx.insertListEntry({ ...entry, lastSeq: seq });
        entries += 1;
      }
    });
    relations += subjects.reduce((k, s) => k + s.relations.length, 0);
    if (end % 100_000 === 0 || end === o.subjects) {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`  built ${end.toLocaleString('en-US')} subjects in ${s} s\n`);
    }
  }
  await store.close();
  // what an operator does after a bulk load; otherwise autovacuum does it during the measures
  if (isPostgres(db)) await withSql(db, (query) => query('VACUUM ANALYZE', []));
  const seconds = (performance.now() - started) / 1000;
  return {
    phase: 'build',
    seconds,
    peakRssMb: peakRssMb(),
    subjects: o.subjects,
    entries,
    relations,
    sample: await checkSample(db, sampleOf(o.subjects, o.sample, o.seed)),
  };
}

/**
 * The sample's expected answers, asked of the store in plain SQL and held to the generator's.
 * One simple statement per step: without statistics, SQLite would drive a join from the
 * (list_type, state) index, which has two equality terms, and scan every entry.
 */
async function checkSample(db: string, sample: SampleItem[]): Promise<BuildResult['sample']> {
  let listed = 0;
  let represents = 0;
  let expectedDeny = 0;
  await withSql(db, async (query) => {
    const listedInStore = async (subjectId: unknown) =>
      (
        await query('SELECT list_type, state FROM list_entries WHERE subject_id = ?', [subjectId])
      ).some((e) => e.list_type === LIST_TYPE && e.state === 'effective');
    for (const item of sample) {
      const found = await query(
        'SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?',
        [item.scheme, item.value],
      );
      if (found.length !== 1) throw new Error(`${item.value} is not in the store`);
      const subjectId = found[0]!.subject_id;
      const behind = await query(
        "SELECT subject_id FROM subject_relations WHERE other_id = ? AND kind = 'legal_representative'",
        [subjectId],
      );
      let via = false;
      for (const r of behind) via ||= await listedInStore(r.subject_id);
      if ((await listedInStore(subjectId)) !== item.listed || via !== item.represents) {
        throw new Error(`the store disagrees with the generator on ${JSON.stringify(item)}`);
      }
      listed += item.listed ? 1 : 0;
      represents += item.represents ? 1 : 0;
      expectedDeny += item.listed || item.represents ? 1 : 0;
    }
  });
  return { size: sample.length, listed, represents, expectedDeny };
}

/** One untimed pass (JIT, statement caches, page caches), then `passes` timed ones. */
async function measure(
  phase: string,
  o: PhaseOptions,
  items: number,
  pass: () => Promise<number>,
): Promise<MeasureResult> {
  const answers = await pass();
  const passes: number[] = [];
  for (let k = 0; k < o.passes; k++) {
    const started = performance.now();
    const got = await pass();
    passes.push((performance.now() - started) / 1000);
    if (got !== answers) throw new Error(`${phase}: ${got} answers, then ${answers}`);
  }
  return { phase, items, passes, answers, peakRssMb: peakRssMb() };
}

async function lookup(db: string, o: PhaseOptions, sample: SampleItem[]): Promise<MeasureResult> {
  if (!isPostgres(db)) {
    const sqlite = new Database(db);
    sqlite.pragma('journal_mode = WAL');
    const stmt = sqlite.prepare(LOOKUP);
    try {
      return await measure('lookup', o, sample.length, async () => {
        let rows = 0;
        for (const { scheme, value } of sample) rows += stmt.all(scheme, value).length;
        return rows;
      });
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return await measure('lookup', o, sample.length, async () => {
      let rows = 0;
      for (const { scheme, value } of sample) {
        const result = await client.query({
          name: 'bench_lookup',
          text: PG_LOOKUP,
          values: [scheme, value],
        });
        rows += result.rowCount ?? 0;
      }
      return rows;
    });
  } finally {
    await client.end();
  }
}

async function lookupBatch(
  db: string,
  o: PhaseOptions,
  sample: SampleItem[],
): Promise<MeasureResult> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return await measure('lookup-batch', o, sample.length, async () => {
      let rows = 0;
      for (const chunk of chunks(sample, CHUNK)) {
        const result = await client.query({
          name: 'bench_lookup_many',
          text: PG_LOOKUP_MANY,
          values: [chunk.map((s) => s.scheme), chunk.map((s) => s.value)],
        });
        rows += result.rowCount ?? 0;
      }
      return rows;
    });
  } finally {
    await client.end();
  }
}

/** Denials among the answers; any error (an unknown subject, a bad identifier) is a bench failure. */
function denials(results: Awaited<ReturnType<typeof checkBatch>>): number {
  let deny = 0;
  for (const r of results) {
    if ('error' in r) throw new Error(`${r.identifier}: ${r.error.message}`);
    if (r.decision === 'deny') deny += 1;
  }
  return deny;
}

async function checks(
  phase: string,
  db: string,
  o: PhaseOptions,
  sample: SampleItem[],
): Promise<MeasureResult> {
  const store = await openStore(db);
  const deps: ServiceDeps = {
    store,
    catalog: await loadCatalog(DEFAULT_CATALOG_DIR),
    clock: systemClock,
  };
  const queries: CheckQuery[] = sample.map((s) => ({ identifier: s.value, action: ACTION }));
  try {
    return await measure(phase, o, queries.length, async () => {
      if (phase === 'check') {
        let deny = 0;
        for (const q of queries) {
          if ((await checkAction(deps, q)).decision === 'deny') deny += 1;
        }
        return deny;
      }
      if (phase === 'batch') return denials(await checkBatch(deps, queries));
      let deny = 0;
      for (const chunk of chunks(queries, CHUNK)) deny += denials(await checkBatch(deps, chunk));
      return deny;
    });
  } finally {
    await store.close();
  }
}

const [phase, db, json] = process.argv.slice(2) as [string, string, string];
const options = JSON.parse(json) as PhaseOptions;
let result: BuildResult | MeasureResult;
if (phase === 'build') {
  result = await build(db, options);
} else {
  const sample = sampleOf(options.subjects, options.sample, options.seed);
  if (phase === 'lookup') result = await lookup(db, options, sample);
  else if (phase === 'lookup-batch') result = await lookupBatch(db, options, sample);
  else if (['check', 'batch', 'batch-1000'].includes(phase))
    result = await checks(phase, db, options, sample);
  else throw new Error(`unknown phase ${phase}`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
