/**
 * Import benchmark (not a test): N synthetic records into SQLite and PostgreSQL, each
 * against a baseline measured in the same run. Every phase runs in its own process.
 *
 *   npm run bench:import -- [--records 1000000] [--only sqlite|postgres] [--pg postgres://…]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { writeDemoData } from '../src/services/demo/demo.service.js';
import { fmt, runPhaseProcess, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    only: { type: 'string' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const records = Number(args.records);
const batchSize = readConfig().importBatchSize;
const dir = mkdtempSync(join(tmpdir(), 'credence-bench-'));
const file = join(dir, 'records.csv');

interface PhaseResult {
  phase: string;
  rows: number;
  rejected: number;
  seconds: number;
  peakRssMb: number;
}

function runPhase(phase: 'import' | 'baseline', db: string): PhaseResult {
  const script = join(import.meta.dirname, 'phase.ts');
  return runPhaseProcess<PhaseResult>(script, [phase, file, db, String(batchSize)]);
}

function report(backend: string, baselineName: string, base: PhaseResult, ours: PhaseResult) {
  const rate = (r: PhaseResult) => r.rows / r.seconds;
  const ratio = rate(ours) / rate(base);
  console.log(`\n${backend}`);
  console.log(
    `  ${baselineName.padEnd(28)} ${fmt(rate(base)).padStart(9)} records/s  ${fmt(base.seconds, 1)} s  peak RSS ${fmt(base.peakRssMb)} MB`,
  );
  console.log(
    `  ${'credence import'.padEnd(28)} ${fmt(rate(ours)).padStart(9)} records/s  ${fmt(ours.seconds, 1)} s  peak RSS ${fmt(ours.peakRssMb)} MB`,
  );
  console.log(
    `  ratio to baseline: ${(ratio * 100).toFixed(1)}% (target >= 50%); peak RSS target < 300 MB`,
  );
  if (ours.rows !== base.rows || ours.rejected > 0) {
    console.log(
      `  WARNING: import stored ${ours.rows} records with ${ours.rejected} rejected; baseline ${base.rows}`,
    );
  }
}

console.log(`writing ${fmt(records)} synthetic records to ${file} …`);
const started = performance.now();
await writeDemoData({
  path: file,
  format: 'csv',
  records,
  seed: 7,
  today: new Date().toISOString().slice(0, 10),
});
console.log(
  `  ${fmt(statSync(file).size / 1e6, 1)} MB in ${fmt((performance.now() - started) / 1000, 1)} s; batch size ${batchSize}`,
);

try {
  if (args.only !== 'postgres') {
    const base = runPhase('baseline', join(dir, 'baseline.db'));
    const ours = runPhase('import', join(dir, 'import.db'));
    const sync = readConfig().store.sqliteSynchronous;
    report(`SQLite (WAL, synchronous=${sync})`, 'bare prepared statements', base, ours);
  }
  if (args.only !== 'sqlite') {
    const base = await withPgDatabase(args.pg, 'credence_bench', (url) =>
      runPhase('baseline', url),
    );
    const ours = await withPgDatabase(args.pg, 'credence_bench', (url) => runPhase('import', url));
    report('PostgreSQL', 'bare COPY', base, ours);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
