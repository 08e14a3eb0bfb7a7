/**
 * Rating benchmark (not a test): first the scorecard trainer on a synthetic file of the public
 * credit-card default layout (`--train-rows`, 30,000 rows × 23 characteristics; 0 skips it),
 * then a run of the tax credit rating over N businesses with about 5 records each, against a
 * baseline measured in the same run on the same store that only reads the same records in the
 * same order (`--subjects 0` skips it). Every phase runs in its own process.
 *
 *   npm run bench:rate -- [--train-rows 30000] [--subjects 1000000] [--backend sqlite|postgres|both] [--pg postgres://…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PhaseOptions, PhaseResult } from './rate-phase.js';
import { writeCardFile } from './scorecard-data.js';
import type { TrainResult } from './scorecard-phase.js';
import { fmt, runPhaseProcess, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    'train-rows': { type: 'string', default: '30000' },
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

/** the trainer: peak RSS and time on a file of `rows` rows (target < 300 MB) */
async function train(rows: number): Promise<void> {
  const file = join(dir, 'card-default.csv');
  await writeCardFile(file, rows);
  const r = runPhaseProcess<TrainResult>(join(import.meta.dirname, 'scorecard-phase.ts'), [file]);
  console.log(
    `\ncredence scorecard train: ${fmt(r.rows)} rows, ${r.characteristics} characteristics kept of 23, cross-validated AUC ${r.cvAuc.toFixed(3)}`,
  );
  console.log(`  ${fmt(r.seconds, 1)} s, peak RSS ${fmt(r.peakRssMb)} MB (target < 300 MB)`);
}

try {
  if (Number(args['train-rows']) > 0) await train(Number(args['train-rows']));
  if (options.subjects > 0) {
    if (args.backend !== 'postgres') bench('SQLite (WAL)', join(dir, 'rate.db'));
    if (args.backend !== 'sqlite')
      await withPgDatabase(args.pg, 'credence_rate_bench', (url) => bench('PostgreSQL', url));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
