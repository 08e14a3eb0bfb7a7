/**
 * One phase of the rating benchmark in its own process, so that peak RSS is the phase's own.
 * Usage: tsx bench/rate-phase.ts <phase> <db> <options JSON>; prints one JSON line.
 *
 * - build: the synthetic store (bench/rate-data.ts) through the store interface
 * - read: the baseline, the same subjects' records read in the same order (pages of subjects
 *   in id order, then their record versions), with bare statements and no rating
 * - rate: runRating with the tax model over the whole store, stored as a run
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadCatalog } from '../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../src/config.js';
import { systemClock } from '../src/domain/clock.js';
import type { RecordVersion } from '../src/domain/record.js';
import type { Subject } from '../src/domain/subject.js';
import { runRating } from '../src/services/ratings/rate.service.js';
import { openStore } from '../src/store/open.js';
import { MODEL, recordsAt, subjectAt, TAX_AUTHORITY } from './rate-data.js';

export interface PhaseOptions {
  subjects: number;
}

export interface PhaseResult {
  phase: string;
  seconds: number;
  subjects: number;
  records: number;
  peakRssMb: number;
  grades?: Record<string, number>;
}

const BUILD_BATCH = 10_000;
const PAGE = 1000;
const CHUNK = 100;
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

async function build(db: string, o: PhaseOptions): Promise<PhaseResult> {
  const store = await openStore(db);
  await store.migrate();
  const started = performance.now();
  let records = 0;
  await store.transaction((tx) => tx.upsertAuthority(TAX_AUTHORITY));
  for (let start = 0; start < o.subjects; start += BUILD_BATCH) {
    const end = Math.min(o.subjects, start + BUILD_BATCH);
    const subjects: Subject[] = [];
    const versions: RecordVersion[] = [];
    for (let i = start; i < end; i++) {
      const s = subjectAt(i);
      subjects.push(s);
      versions.push(...recordsAt(i, s.id));
    }
    await store.transaction(async (tx) => {
      await tx.insertSubjects(subjects);
      await tx.insertRecordVersions(versions);
    });
    records += versions.length;
    if (end % 100_000 === 0 || end === o.subjects) {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`  built ${end.toLocaleString('en-US')} subjects in ${s} s\n`);
    }
  }
  await store.close();
  if (isPostgres(db)) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    await client.query('VACUUM ANALYZE');
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  return { phase: 'build', seconds, subjects: o.subjects, records, peakRssMb: peakRssMb() };
}

const RECORD_SQL = `SELECT * FROM record_versions WHERE subject_id`;

/** The baseline: the same pages of subjects and the same record rows, read and dropped. */
async function read(db: string): Promise<PhaseResult> {
  const started = performance.now();
  let subjects = 0;
  let records = 0;
  if (isPostgres(db)) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    for (let after = ''; ;) {
      const page = await client.query<{ id: string }>({
        name: 'page',
        text: `SELECT id FROM subjects WHERE id > $1 AND kind = ANY($2::text[]) ORDER BY id LIMIT $3`,
        values: [after, ['business'], PAGE],
      });
      if (page.rows.length === 0) break;
      const ids = page.rows.map((r) => r.id);
      const rows = await client.query({
        name: 'records',
        text: `${RECORD_SQL} = ANY($1::text[])`,
        values: [ids],
      });
      subjects += ids.length;
      records += rows.rowCount ?? 0;
      after = ids[ids.length - 1]!;
    }
    await client.end();
  } else {
    const sqlite = new Database(db, { readonly: true });
    const page = sqlite
      .prepare('SELECT id FROM subjects WHERE id > ? AND kind IN (?) ORDER BY id LIMIT ?')
      .pluck();
    const chunk = sqlite.prepare(`${RECORD_SQL} IN (${Array(CHUNK).fill('?').join(', ')})`);
    for (let after = ''; ;) {
      const ids = page.all(after, 'business', PAGE) as string[];
      if (ids.length === 0) break;
      for (let k = 0; k < ids.length; k += CHUNK) {
        const part: (string | null)[] = ids.slice(k, k + CHUNK);
        while (part.length < CHUNK) part.push(null);
        records += chunk.all(part).length;
      }
      subjects += ids.length;
      after = ids[ids.length - 1]!;
    }
    sqlite.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { phase: 'read', seconds, subjects, records, peakRssMb: peakRssMb() };
}

async function rate(db: string): Promise<PhaseResult> {
  const store = await openStore(db);
  const deps = { store, catalog: await loadCatalog(DEFAULT_CATALOG_DIR), clock: systemClock };
  const started = performance.now();
  let walked = 0;
  const run = await runRating(deps, {
    modelId: MODEL,
    actor: 'bench',
    onProgress: (p) => {
      walked = p.walked;
      if (walked % 100_000 === 0) {
        const s = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(`  rated ${walked.toLocaleString('en-US')} subjects in ${s} s\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const { records } = await store.counts();
  await store.close();
  return {
    phase: 'rate',
    seconds,
    subjects: walked,
    records,
    peakRssMb: peakRssMb(),
    grades: run.grades,
  };
}

const [phase, db, json] = process.argv.slice(2) as [string, string, string];
const options = JSON.parse(json) as PhaseOptions;
const result =
  phase === 'build'
    ? await build(db, options)
    : phase === 'read'
      ? await read(db)
      : phase === 'rate'
        ? await rate(db)
        : null;
if (!result) throw new Error(`unknown phase ${phase}`);
process.stdout.write(`${JSON.stringify(result)}\n`);
