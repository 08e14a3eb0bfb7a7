/**
 * Rating benchmark (not a test): a run of the tax credit rating over N businesses with about
 * 5 records each, against a baseline measured in the same run on the same store that only
 * reads the same records in the same order. Every phase runs in its own process.
 *
 *   npm run bench:rate -- [--subjects 1000000] [--backend sqlite|postgres|both] [--pg postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PhaseOptions, PhaseResult } from './rate-phase.js';
import { fmt, runPhaseProcess, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    backend: { type: 'string', default: 'both' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
if (!['sqlite', 'postgres', 'both'].includes(args.backend)) {
  throw new Error(`--backend must be sqlite, postgres or both, not ${args.backend}`);
}
const options: PhaseOptions = { subjects: Number(args.subjects) };
const dir = mkdtempSync(join(tmpdir(), 'credence-rate-bench-'));

const runPhase = (phase: string, db: string): PhaseResult =>
  runPhaseProcess<PhaseResult>(join(import.meta.dirname, 'rate-phase.ts'), [
    phase,
    db,
    JSON.stringify(options),
  ]);

function line(name: string, r: PhaseResult): void {
  console.log(
    `  ${name.padEnd(40)} ${fmt(r.subjects / r.seconds).padStart(8)} subjects/s ${fmt(r.seconds, 1).padStart(7)} s  peak RSS ${fmt(r.peakRssMb).padStart(4)} MB`,
  );
}

function bench(backend: string, db: string): void {
  console.log(`\n${backend}: ${fmt(options.subjects)} businesses`);
  const built = runPhase('build', db);
  console.log(
    `  build (not measured): ${fmt(built.records)} records in ${fmt(built.seconds, 1)} s, peak RSS ${fmt(built.peakRssMb)} MB`,
  );
  // the first read warms the caches for both measured phases
  runPhase('read', db);
  const read = runPhase('read', db);
  const rate = runPhase('rate', db);
  line(`baseline: read ${fmt(read.records)} records`, read);
  line('credence rate --model tax_credit_rating', rate);
  const grades = Object.entries(rate.grades ?? {})
    .map(([g, n]) => `${g} ${fmt(n)}`)
    .join(', ');
  console.log(`  grades: ${grades}`);
  const ratio = ((read.seconds / rate.seconds) * 100).toFixed(1);
  console.log(
    `  ratio to baseline (target >= 50%): ${ratio}%; peak RSS ${fmt(rate.peakRssMb)} MB (target < 500 MB)`,
  );
  if (rate.subjects !== read.subjects) {
    console.log(`  WARNING: rated ${rate.subjects} subjects, the baseline read ${read.subjects}`);
  }
}

try {
  if (args.backend !== 'postgres') bench('SQLite (WAL)', join(dir, 'rate.db'));
  if (args.backend !== 'sqlite')
    await withPgDatabase(args.pg, 'credence_rate_bench', (url) => bench('PostgreSQL', url));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
