/**
 * One phase of the growth benchmark in its own process, so that peak RSS is the phase's own.
 * Usage: tsx bench/growth-phase.ts <phase> <db> <options JSON>; prints one JSON line.
 *
 * - reach: how far the store is built (the first index of bench/growth-data.ts not stored)
 * - build: the subjects [from, to) with their records and list entries, through the store's
 *   batch writes, a large transaction per step (not measured; prints its rate per step)
 * - size: the store's bytes (SQLite: file and WAL; PostgreSQL: pg_database_size)
 * - check: checkAction for a fixed sample of identifiers, one after the other
 * - search: searchSubjects for a fixed sample of noisy names
 * - views: the public views of a fixed sample of subjects rendered and saved
 * - served-views: the public views of the served sample (`servedPaths`) saved, and the day's
 *   pass recorded as made, so that a server does not start a pass over the whole store while it
 *   is measured: at 10,000,000 subjects a whole pass takes longer than the rest of the run
 * - rate: rerateSubject for a fixed sample of businesses (the published models, tax among them)
 * - import: a file of new records (half about stored subjects, half about new ones) through
 *   importFile
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadCatalog } from '../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR, readConfig } from '../src/config.js';
import { dateOf, systemClock } from '../src/domain/clock.js';
import type { RecordVersion } from '../src/domain/record.js';
import { noisyQueries } from '../src/domain/search/noise.js';
import type { Subject } from '../src/domain/subject.js';
import { generateDemo } from '../src/services/demo/generate.js';
import { writeDemoFile } from '../src/services/demo/write.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { renderView, viewStamp } from '../src/services/disclosure/public-view.service.js';
import { importFile } from '../src/services/import/import.service.js';
import { checkAction } from '../src/services/lists/check.service.js';
import { rerateSubject } from '../src/services/ratings/rate.service.js';
import { searchSubjects } from '../src/services/search/search.service.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { ACTION } from './check-data.js';
import { deferKeys, restoreKeys } from './pg-deferred-keys.js';
import {
  AUTHORITIES,
  identifierAt,
  isBusinessAt,
  isListed,
  listingOf,
  recordsOf,
  sampleIndices,
  servedIndices,
  subjectAt,
} from './growth-data.js';

export interface GrowthOptions {
  /** subjects (indices) in the store */
  n: number;
  /** build: the first index to add */
  from?: number;
  /** records a subject: 5 is the generator's 3 to 7 (5 on average); fewer keeps each subject's first ones */
  records: number;
  seed: number;
  /** the fixed samples: identifiers checked, queries searched, views built, subjects rated, import rows */
  checks: number;
  queries: number;
  views: number;
  ratings: number;
  imports: number;
  /** build on PostgreSQL: the secondary keys dropped before and made again after (pg-deferred-keys.ts) */
  bulk?: boolean;
}

export interface PhaseResult {
  phase: string;
  seconds: number;
  peakRssMb: number;
  /** reach: the first index not stored */
  reach?: number;
  /** build: subjects and records added */
  subjects?: number;
  records?: number;
  /** size: bytes */
  bytes?: number;
  /** operations timed (the warm-up excluded) */
  items?: number;
  /** per-operation latencies in ms, where a percentile is wanted */
  p50Ms?: number;
  p95Ms?: number;
  /** check: denials (expected: the listed in the sample) */
  denied?: number;
  expectedDenied?: number;
  /** import: rows about stored subjects, rows created and rejected */
  existing?: number;
  created?: number;
  rejected?: number;
}

const BUILD_BATCH = 10_000;
const VIEW_BATCH = 500;
const WARMUP = 100;
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const pct = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function pgQuery<T extends pg.QueryResultRow>(db: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The first index not stored: the indices below it are, the ones from it on are not. */
async function reach(store: Store): Promise<number> {
  const stored = async (i: number) => (await store.findSubjects([identifierAt(i)])).size > 0;
  if (!(await stored(0))) return 0;
  let lo = 0; // stored
  let hi = 1;
  while (await stored(hi)) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await stored(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

async function build(store: Store, db: string, o: GrowthOptions): Promise<PhaseResult> {
  const from = o.from ?? 0;
  const started = performance.now();
  await store.transaction(async (tx) => {
    for (const a of AUTHORITIES) await tx.upsertAuthority(a);
  });
  const bulk = o.bulk === true && isPostgres(db);
  if (bulk) process.stderr.write(`    keys deferred: ${await deferKeys(db)}\n`);
  // the generator draws the names of the indices before `from` first (not counted in the rate)
  subjectAt(from);
  const drawn = performance.now();
  let records = 0;
  const now = new Date();
  for (let start = from; start < o.n; start += BUILD_BATCH) {
    const end = Math.min(o.n, start + BUILD_BATCH);
    const subjects: Subject[] = [];
    const versions: RecordVersion[] = [];
    for (let i = start; i < end; i++) {
      const s = subjectAt(i);
      subjects.push(s);
      const rows = recordsOf(i, s);
      versions.push(...(o.records >= 5 ? rows : rows.slice(0, o.records)));
    }
    await store.transaction(async (tx) => {
      await tx.insertSubjects(subjects);
      await tx.insertRecordVersions(versions);
      for (let i = start; i < end; i++) {
        const listing = listingOf(i, subjects[i - start]!.id, now);
        if (!listing) continue;
        const { seq } = await tx.appendTransition(listing.decision);
        await tx.insertListEntry({ ...listing.entry, lastSeq: seq });
      }
    });
    records += versions.length;
    if ((end - from) % 100_000 === 0 || end === o.n) {
      const s = (performance.now() - drawn) / 1000;
      process.stderr.write(
        `    built ${(end - from).toLocaleString('en-US')} subjects (to ${end.toLocaleString('en-US')}) in ${s.toFixed(1)} s: ` +
          `${Math.round((end - from) / s).toLocaleString('en-US')} subjects/s\n`,
      );
    }
  }
  const loaded = performance.now();
  if (bulk) await restoreKeys(db);
  const inserted = performance.now();
  const cpu = process.cpuUsage();
  // what an operator does after a bulk load; otherwise autovacuum does it during the measures
  if (isPostgres(db)) await pgQuery(db, 'VACUUM ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `    build steps: names drawn ${((drawn - started) / 1000).toFixed(1)} s, inserts ${((loaded - drawn) / 1000).toFixed(1)} s, ` +
      (bulk ? `deferred keys made ${((inserted - loaded) / 1000).toFixed(1)} s, ` : '') +
      `${isPostgres(db) ? 'VACUUM ANALYZE' : 'nothing'} ${((performance.now() - inserted) / 1000).toFixed(1)} s; ` +
      `CPU of this process ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (the database server's not counted)\n`,
  );
  return { phase: 'build', seconds, peakRssMb: peakRssMb(), subjects: o.n - from, records };
}

async function size(db: string): Promise<number> {
  if (isPostgres(db)) {
    const [row] = await pgQuery<{ bytes: string }>(
      db,
      'SELECT pg_database_size(current_database()) AS bytes',
    );
    return Number(row!.bytes);
  }
  const bytes = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return bytes(db) + bytes(`${db}-wal`);
}

/** Times `op` on each item after a warm-up on the first ones (not timed); latencies in ms. */
async function timed<T>(items: readonly T[], op: (item: T) => Promise<void>): Promise<number[]> {
  for (const item of items.slice(0, WARMUP)) await op(item);
  const ms: number[] = [];
  for (const item of items) {
    const t = performance.now();
    await op(item);
    ms.push(performance.now() - t);
  }
  return ms;
}

const summary = (phase: string, ms: number[], extra: Partial<PhaseResult> = {}): PhaseResult => ({
  phase,
  seconds: ms.reduce((a, b) => a + b, 0) / 1000,
  peakRssMb: peakRssMb(),
  items: ms.length,
  p50Ms: pct(ms, 50),
  p95Ms: pct(ms, 95),
  ...extra,
});

async function check(deps: ServiceDeps, o: GrowthOptions): Promise<PhaseResult> {
  const sample = sampleIndices(o.n, o.checks, o.seed);
  const denied = new Set<number>();
  const ms = await timed(sample, async (i) => {
    const result = await checkAction(deps, { identifier: identifierAt(i).value, action: ACTION });
    if (result.decision === 'deny') denied.add(i);
  });
  return summary('check', ms, {
    denied: denied.size,
    expectedDenied: sample.filter(isListed).length,
  });
}

/** Sampled subjects as stored (their names), by index; read before anything is timed. */
async function storedSubjects(store: Store, indices: readonly number[]): Promise<Subject[]> {
  const refs = await store.findSubjects(indices.map(identifierAt));
  return store.getSubjects([...refs.values()].map((r) => r.id));
}

async function search(deps: ServiceDeps, o: GrowthOptions): Promise<PhaseResult> {
  const businesses = await storedSubjects(
    deps.store,
    sampleIndices(o.n, o.queries, o.seed + 1, isBusinessAt),
  );
  const known = businesses.map((s) => ({
    name: s.names[0]!.name,
    nameEn: s.names.find((n) => n.lang === 'en')?.name ?? null,
    kind: 'business' as const,
  }));
  const queries = noisyQueries(known, o.seed, o.queries);
  const ms = await timed(queries, async (q) => {
    await searchSubjects(deps, { q: q.query, limit: 10 });
  });
  return summary('search', ms);
}

async function views(deps: ServiceDeps, o: GrowthOptions): Promise<PhaseResult> {
  const keys = sampleIndices(o.n, o.views, o.seed + 2).map(identifierAt);
  const stamp = viewStamp(deps);
  const render = renderView(deps, stamp.asOf);
  const batches: (typeof keys)[] = [];
  for (let k = 0; k < keys.length; k += VIEW_BATCH) batches.push(keys.slice(k, k + VIEW_BATCH));
  // a batch is the operation: its time per subject is what is reported
  const ms = await timed(batches, async (batch) => {
    if (!(await deps.store.renderPublicViews(batch, stamp, render))) {
      throw new Error('a writer held the store while the views were built');
    }
  });
  return { ...summary('views', ms), items: keys.length };
}

async function servedViews(deps: ServiceDeps, o: GrowthOptions): Promise<PhaseResult> {
  const keys = servedIndices(o.n, o.seed).map(identifierAt);
  const stamp = viewStamp(deps);
  const render = renderView(deps, stamp.asOf);
  const started = performance.now();
  for (let k = 0; k < keys.length; k += VIEW_BATCH) {
    if (!(await deps.store.renderPublicViews(keys.slice(k, k + VIEW_BATCH), stamp, render))) {
      throw new Error('a writer held the store while the views were built');
    }
  }
  await deps.store.recordViewPass(stamp, deps.clock.now().toISOString());
  return {
    phase: 'served-views',
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb(),
    items: keys.length,
  };
}

async function rate(deps: ServiceDeps, o: GrowthOptions): Promise<PhaseResult> {
  const refs = await deps.store.findSubjects(
    sampleIndices(o.n, o.ratings, o.seed + 3, isBusinessAt).map(identifierAt),
  );
  const ids = [...refs.values()].map((r) => r.id);
  const ms = await timed(ids, async (id) => {
    await rerateSubject(deps, id);
  });
  return summary('rate', ms);
}

/**
 * The import: demo rows (new records of several types, of new subjects), half of whose subjects
 * are replaced by stored subjects of the same kind, as they are stored (name, region); a seed of
 * its own at each run, so that every row is a new record (a kept store measured again too).
 */
async function importPhase(deps: ServiceDeps, o: GrowthOptions): Promise<PhaseResult> {
  const dir = await mkdtemp(join(tmpdir(), 'credence-growth-import-'));
  try {
    const file = join(dir, 'records.csv');
    const today = dateOf(deps.clock.now());
    const seed = o.seed + o.n + (Date.now() % 1_000_000_000);
    const data = generateDemo({
      subjects: Math.ceil(o.imports / 5) + 10,
      recordsPerSubject: 5,
      seed,
      today,
      maxRows: o.imports,
    });
    // stored subjects to stand in for the new ones, by kind and region: an authority
    // furnishes records of its own regions only (a county office, of its county)
    const pool = new Map<string, Subject[]>();
    const poolKey = (kind: unknown, region: unknown) => `${String(kind)}:${String(region)}`;
    for (const s of await storedSubjects(deps.store, sampleIndices(o.n, o.imports, seed))) {
      const key = poolKey(s.kind, s.region);
      pool.set(key, [...(pool.get(key) ?? []), s]);
    }
    const replaced = new Map<string, Subject | null>();
    let existing = 0;
    const rows = [...data.rows()].map((row) => {
      const key = String(row.subject_identifier);
      if (!replaced.has(key)) {
        // every other subject of the file, where a stored one of its kind and region is left
        const turn = replaced.size % 2 === 0;
        replaced.set(
          key,
          turn ? (pool.get(poolKey(row.subject_kind, row.subject_region))?.pop() ?? null) : null,
        );
      }
      const s = replaced.get(key);
      if (!s) return row;
      existing += 1;
      return {
        ...row,
        subject_identifier: s.identifiers[0]!.value,
        subject_scheme: s.identifiers[0]!.scheme,
        subject_name: s.names[0]!.name,
        subject_name_en: s.names.find((n) => n.lang === 'en')?.name ?? '',
        subject_region: s.region,
      };
    });
    await writeDemoFile(file, 'csv', rows);
    let rejectedShown = 0;
    const started = performance.now();
    const result = await importFile(deps, file, {
      actor: 'bench',
      batchSize: readConfig().importBatchSize,
      onRejected: (line, problems) => {
        if (rejectedShown++ < 3)
          process.stderr.write(`    rejected line ${line}: ${JSON.stringify(problems)}\n`);
      },
    });
    return {
      phase: 'import',
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      items: result.rows,
      existing,
      created: result.created,
      rejected: result.rejected,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const [phase, db, json] = process.argv.slice(2) as [string, string, string];
const options = JSON.parse(json) as GrowthOptions;
let result: PhaseResult;
if (phase === 'size') {
  const started = performance.now();
  const bytes = await size(db);
  result = {
    phase,
    seconds: (performance.now() - started) / 1000,
    peakRssMb: peakRssMb(),
    bytes,
  };
} else {
  // SQLite's durability as a server would run it (CREDENCE_SQLITE_SYNCHRONOUS)
  // the build reads the pages its random inserts touch through a memory map (SQLite): the
  // page cache of a connection is small beside a store of millions of subjects
  const store = await openStore(db, {
    synchronous: readConfig().store.sqliteSynchronous,
    memoryMap: phase === 'build',
  });
  try {
    await store.migrate();
    const deps: ServiceDeps = {
      store,
      catalog: await loadCatalog(DEFAULT_CATALOG_DIR),
      clock: systemClock,
    };
    const started = performance.now();
    if (phase === 'reach') {
      // a bulk build killed half-way left its keys deferred: nothing is read without them
      if (isPostgres(db)) await restoreKeys(db);
      const reached = await reach(store);
      result = {
        phase,
        seconds: (performance.now() - started) / 1000,
        peakRssMb: peakRssMb(),
        reach: reached,
      };
    } else if (phase === 'build') result = await build(store, db, options);
    else if (phase === 'check') result = await check(deps, options);
    else if (phase === 'search') result = await search(deps, options);
    else if (phase === 'views') result = await views(deps, options);
    else if (phase === 'served-views') result = await servedViews(deps, options);
    else if (phase === 'rate') result = await rate(deps, options);
    else if (phase === 'import') result = await importPhase(deps, options);
    else throw new Error(`unknown phase ${phase}`);
  } finally {
    await store.close();
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
