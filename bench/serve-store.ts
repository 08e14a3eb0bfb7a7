/**
 * The store of the serve benchmark, in a process of its own so that peak RSS is its own.
 * Usage: tsx bench/serve-store.ts <phase> <db> <subjects>; prints one JSON line.
 *
 * The subjects and list entries are the check benchmark's (bench/check-data.ts, built by its
 * `build` phase); on top of them:
 *
 * - counts: what the store holds, so that a store kept from an earlier run is reused
 * - records: every fourth business (index mod 8 is 0, which takes in every listed business)
 *   gets the 3 to 7 tax records of the rating benchmark (bench/rate-data.ts): on the day a few
 *   of them are public (major tax violations, an A grade of the last year), the rest are past
 *   their window and leave the public view
 */
import pg from 'pg';
import { subjectIdFor } from '../src/domain/ids.js';
import { BENCH_ID_KEY } from './bench-id-key.js';
import type { RecordVersion } from '../src/domain/record.js';
import { openStore } from '../src/store/open.js';
import { identifierAt } from './check-data.js';
import { recordsAt, TAX_AUTHORITY } from './rate-data.js';

const RECORDS_EVERY = 8;
const hasRecords = (i: number): boolean => i % RECORDS_EVERY === 0;

export interface StoreResult {
  phase: string;
  seconds: number;
  peakRssMb: number;
  subjects: number;
  /** record versions in the store */
  records: number;
  /** businesses given records by this phase */
  withRecords?: number;
}

const BUILD_BATCH = 10_000;
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

async function addRecords(db: string, n: number): Promise<number> {
  const store = await openStore(db);
  let businesses = 0;
  try {
    await store.transaction((tx) => tx.upsertAuthority(TAX_AUTHORITY));
    for (let start = 0; start < n; start += BUILD_BATCH) {
      const versions: RecordVersion[] = [];
      for (let i = start; i < Math.min(n, start + BUILD_BATCH); i++) {
        if (!hasRecords(i)) continue;
        const { scheme, value } = identifierAt(i);
        versions.push(...recordsAt(i, subjectIdFor(BENCH_ID_KEY, scheme, value)));
        businesses += 1;
      }
      await store.transaction((tx) => tx.insertRecordVersions(versions));
    }
  } finally {
    await store.close();
  }
  // fresh statistics for the new rows, as after the check build; else autovacuum runs mid-measure
  if (isPostgres(db)) {
    const pool = new pg.Pool({ connectionString: db, max: 1 });
    await pool.query('VACUUM ANALYZE').finally(() => pool.end());
  }
  return businesses;
}

const [phase, db, subjects] = process.argv.slice(2) as [string, string, string];
if (phase !== 'counts' && phase !== 'records') throw new Error(`unknown phase ${phase}`);
const started = performance.now();
const withRecords = phase === 'records' ? await addRecords(db, Number(subjects)) : undefined;
const store = await openStore(db);
await store.migrate();
const counts = await store.counts();
await store.close();
const result: StoreResult = {
  phase,
  seconds: (performance.now() - started) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  subjects: counts.subjects,
  records: counts.versions,
  ...(withRecords === undefined ? {} : { withRecords }),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
