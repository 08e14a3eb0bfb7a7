/**
 * Check benchmark (not a test): list checks over a store of N subjects, against a baseline
 * measured in the same run on the same store, a bare indexed lookup of the same subjects'
 * entries. Building the store is reported, not measured. Every phase runs in its own process.
 *
 *   npm run bench:check -- [--subjects 1000000] [--sample 10000] [--passes 5]
 *     [--backend sqlite|postgres|both] [--pg postgres://…] [--cpu-prof <dir>]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BuildResult, MeasureResult, PhaseOptions } from './check-phase.js';
import { fmt, runPhaseProcess, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    sample: { type: 'string', default: '10000' },
    passes: { type: 'string', default: '5' },
    seed: { type: 'string', default: '7' },
    backend: { type: 'string', default: 'sqlite' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'cpu-prof': { type: 'string' },
  },
});
if (!['sqlite', 'postgres', 'both'].includes(args.backend)) {
  throw new Error(`--backend must be sqlite, postgres or both, not ${args.backend}`);
}
const options: PhaseOptions = {
  subjects: Number(args.subjects),
  sample: Number(args.sample),
  seed: Number(args.seed),
  passes: Math.max(1, Number(args.passes)),
};
const profileDir = args['cpu-prof'] && resolve(args['cpu-prof']);
if (profileDir) mkdirSync(profileDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'credence-check-bench-'));

function runPhase<T>(phase: string, db: string): T {
  const profile =
    profileDir && phase !== 'build'
      ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${phase}.cpuprofile`]
      : [];
  const script = join(import.meta.dirname, 'check-phase.ts');
  return runPhaseProcess<T>(script, [phase, db, JSON.stringify(options)], profile);
}

/** the median pass */
const seconds = (r: MeasureResult): number => {
  const sorted = [...r.passes].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const rate = (r: MeasureResult): number => r.items / seconds(r);

function line(name: string, unit: string, r: MeasureResult, answers: string): void {
  console.log(
    `  ${name.padEnd(34)} ${fmt(rate(r)).padStart(9)} ${unit.padEnd(9)} ${fmt(seconds(r), 3).padStart(7)} s  peak RSS ${fmt(r.peakRssMb).padStart(4)} MB  ${answers}`,
  );
}

function bench(backend: string, db: string): void {
  console.log(`\n${backend}: ${fmt(options.subjects)} subjects`);
  const built = runPhase<BuildResult>('build', db);
  const { sample } = built;
  console.log(
    `  build (not measured): ${fmt(built.seconds, 1)} s, peak RSS ${fmt(built.peakRssMb)} MB; ` +
      `${fmt(built.entries)} effective entries, ${fmt(built.relations)} legal representatives`,
  );
  console.log(
    `  sample: ${fmt(sample.size)} identifiers, ${fmt(sample.listed)} listed, ` +
      `${fmt(sample.represents)} representatives of listed businesses -> ${fmt(sample.expectedDeny)} should be denied`,
  );
  console.log(`  median of ${options.passes} passes after a warm-up pass:`);

  const lookup = runPhase<MeasureResult>('lookup', db);
  const lookupBatch = db.startsWith('postgres')
    ? runPhase<MeasureResult>('lookup-batch', db)
    : lookup;
  const single = runPhase<MeasureResult>('check', db);
  const batch = runPhase<MeasureResult>('batch', db);
  const batch1000 = runPhase<MeasureResult>('batch-1000', db);

  const rows = (r: MeasureResult) => `${fmt(r.answers)} entry rows`;
  const denied = (r: MeasureResult) =>
    `${fmt(r.answers)} deny${r.answers === sample.expectedDeny ? '' : ` (EXPECTED ${fmt(sample.expectedDeny)})`}`;
  line('baseline: bare indexed lookup', 'lookups/s', lookup, rows(lookup));
  if (lookupBatch !== lookup) {
    line('baseline: bare lookup, 1,000/query', 'lookups/s', lookupBatch, rows(lookupBatch));
  }
  line('checkAction, one at a time', 'checks/s', single, denied(single));
  line(`checkBatch, 1 x ${fmt(batch.items)}`, 'checks/s', batch, denied(batch));
  line(
    `checkBatch, ${Math.ceil(batch1000.items / 1000)} x 1,000`,
    'checks/s',
    batch1000,
    denied(batch1000),
  );

  const ratio = (ours: MeasureResult, base: MeasureResult) =>
    `${((rate(ours) / rate(base)) * 100).toFixed(1)}%`;
  console.log(
    `  ratio to baseline (target >= 30%): single ${ratio(single, lookup)}, ` +
      `batch ${ratio(batch, lookupBatch)} (in calls of 1,000: ${ratio(batch1000, lookupBatch)})`,
  );
  for (const r of [single, batch, batch1000]) {
    if (r.answers !== sample.expectedDeny) {
      console.log(`  WARNING: ${r.phase} denied ${r.answers}, expected ${sample.expectedDeny}`);
    }
  }
  if (lookup.answers !== sample.listed || lookupBatch.answers !== sample.listed) {
    console.log(`  WARNING: the baseline found entries for other than the ${sample.listed} listed`);
  }
}

try {
  if (args.backend !== 'postgres') bench('SQLite (WAL)', join(dir, 'check.db'));
  if (args.backend !== 'sqlite')
    await withPgDatabase(args.pg, 'credence_check_bench', (url) => bench('PostgreSQL', url));
  if (profileDir) console.log(`\nCPU profiles in ${profileDir}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
