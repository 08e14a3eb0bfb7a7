/**
 * Audit benchmark (not a test): record-write throughput with the hash-chained audit, against
 * a baseline in the same run that performs the same writes through the same services without
 * the audit append (a store wrapper inside the benchmark, bench/audit-store.ts). Two shapes:
 * single-record submissions (submitRecords, one transaction each, as POST /v1/records) and
 * batches (importFile, --batch-size rows per transaction). Every phase runs in its own process
 * on a fresh store; the rounds alternate which mode goes first.
 *
 *   npm run bench:audit -- [--single N (default 10000 on SQLite, 2000 on PostgreSQL)]
 *     [--batched 100000] [--batch-size 1000] [--rounds 2]
 *     [--shape single|batch|both] [--backend sqlite|postgres|both] [--pg postgres://…]
 *     [--cpu-prof <dir>]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { writeDemoData } from '../src/services/demo/demo.service.js';
import type { PhaseResult } from './audit-phase.js';
import type { AuditMode } from './audit-store.js';
import { fmt, runPhaseProcess, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    single: { type: 'string' },
    batched: { type: 'string', default: '100000' },
    'batch-size': { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    shape: { type: 'string', default: 'both' },
    backend: { type: 'string', default: 'both' },
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
if (!['single', 'batch', 'both'].includes(args.shape)) {
  throw new Error(`--shape must be single, batch or both, not ${args.shape}`);
}
type Backend = 'sqlite' | 'postgres';
type Shape = PhaseResult['shape'];
const TARGET = 0.7;
// a single submission commits on its own (and rates its subject): PostgreSQL takes longer per commit
const singles = (backend: Backend): number =>
  Number(args.single ?? (backend === 'sqlite' ? 10_000 : 2_000));
const batched = Number(args.batched);
const batchSize = Number(args['batch-size']);
const rounds = Math.max(1, Number(args.rounds));
const profileDir = args['cpu-prof'] && resolve(args['cpu-prof']);
if (profileDir) mkdirSync(profileDir, { recursive: true });
const backends: Backend[] =
  args.backend === 'both' ? ['sqlite', 'postgres'] : [args.backend as Backend];
const shapes: Shape[] = args.shape === 'both' ? ['single', 'batch'] : [args.shape as Shape];
const dir = mkdtempSync(join(tmpdir(), 'credence-audit-bench-'));

/** A demo data file of `records` rows (written once per size, shared by both modes). */
const files = new Map<number, string>();
async function demoFile(records: number): Promise<string> {
  const known = files.get(records);
  if (known) return known;
  const path = join(dir, `records-${records}.csv`);
  const started = performance.now();
  const today = new Date().toISOString().slice(0, 10);
  await writeDemoData({ path, format: 'csv', records, seed: 7, today });
  console.log(
    `wrote ${fmt(records)} demo records (${fmt(statSync(path).size / 1e6, 1)} MB) in ${fmt((performance.now() - started) / 1000, 1)} s`,
  );
  files.set(records, path);
  return path;
}

async function runPhase(
  backend: Backend,
  mode: AuditMode,
  shape: Shape,
  file: string,
  round: number,
): Promise<PhaseResult> {
  const name = `${backend}-${shape}-${mode}-${round}`;
  const profile = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const run = (db: string) =>
    runPhaseProcess<PhaseResult>(
      join(import.meta.dirname, 'audit-phase.ts'),
      [mode, shape, file, db, String(batchSize)],
      profile,
    );
  if (backend === 'postgres') return withPgDatabase(args.pg, 'credence_audit_bench', run);
  const db = join(dir, `${name}.db`);
  try {
    return run(db);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  }
}

interface Pooled {
  records: number;
  seconds: number;
  auditSeconds: number;
  txSeconds: number;
  audits: number;
  peakRssMb: number;
}

function pooled(results: readonly PhaseResult[]): Pooled {
  const sum = (f: (r: PhaseResult) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    records: sum((r) => r.records),
    seconds: sum((r) => r.seconds),
    auditSeconds: sum((r) => r.auditSeconds),
    txSeconds: sum((r) => r.txSeconds),
    audits: sum((r) => r.audits),
    peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
  };
}

function medianOf(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const rate = (p: { records: number; seconds: number }) => p.records / p.seconds;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function line(name: string, p: Pooled): void {
  console.log(
    `  ${name.padEnd(30)} ${fmt(rate(p)).padStart(8)} records/s ${fmt(p.seconds, 1).padStart(7)} s  peak RSS ${fmt(p.peakRssMb).padStart(4)} MB`,
  );
}

/** Checks that both modes wrote the same records and that only the audited one logged them. */
function warnings(audited: readonly PhaseResult[], baseline: readonly PhaseResult[]): string[] {
  const out: string[] = [];
  for (const [i, a] of audited.entries()) {
    const b = baseline[i]!;
    if (a.rejected > 0 || b.rejected > 0) out.push(`rejected rows: ${a.rejected} / ${b.rejected}`);
    if (a.stored.versions !== b.stored.versions)
      out.push(`stored versions differ: ${a.stored.versions} / ${b.stored.versions}`);
    if (a.audits !== b.audits) out.push(`audit appends differ: ${a.audits} / ${b.audits}`);
    if (a.stored.audit - b.stored.audit !== a.audits)
      out.push(`audit log holds ${a.stored.audit - b.stored.audit} more entries, not ${a.audits}`);
  }
  return out;
}

async function bench(backend: Backend, shape: Shape): Promise<void> {
  const records = shape === 'single' ? singles(backend) : batched;
  const file = await demoFile(records);
  const what =
    shape === 'single'
      ? `${fmt(records)} single-record submissions (submitRecords, one transaction each)`
      : `${fmt(records)} records imported (importFile, ${fmt(batchSize)} per transaction)`;
  const sqlite = `SQLite (WAL, synchronous=${readConfig().store.sqliteSynchronous})`;
  console.log(`\n${backend === 'sqlite' ? sqlite : 'PostgreSQL'}: ${what}`);
  const results: Record<AuditMode, PhaseResult[]> = { audited: [], baseline: [] };
  for (let round = 1; round <= rounds; round++) {
    const order: AuditMode[] = round % 2 === 1 ? ['baseline', 'audited'] : ['audited', 'baseline'];
    for (const mode of order) results[mode].push(await runPhase(backend, mode, shape, file, round));
    const ratio = rate(results.audited[round - 1]!) / rate(results.baseline[round - 1]!);
    console.log(`  round ${round} (${order.join(' first, ')} second): ratio ${pct(ratio)}`);
  }
  const audited = pooled(results.audited);
  const baseline = pooled(results.baseline);
  console.log(`  over ${rounds} round(s), each mode on a fresh store:`);
  line('baseline: no audit append', baseline);
  line('with the hash-chained audit', audited);
  // each round's pair ran back to back, so its ratio is the one a change of machine load skews least
  const ratios = results.audited.map((a, i) => rate(a) / rate(results.baseline[i]!));
  const median = medianOf(ratios);
  console.log(
    `  ratio to baseline: ${pct(median)} (median of the rounds; ${pct(rate(audited) / rate(baseline))} over all) ` +
      `(target >= ${pct(TARGET)}) ${median >= TARGET ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  ${fmt(audited.audits / rounds)} audit appends a run (${fmt(audited.audits / audited.records, 3)} a record), ` +
      `${fmt((audited.auditSeconds / audited.audits) * 1000, 2)} ms each, ` +
      `${pct(audited.auditSeconds / audited.seconds)} of the audited time`,
  );
  console.log(
    `  in transactions: ${fmt(audited.txSeconds, 1)} s audited, ${fmt(baseline.txSeconds, 1)} s baseline; ` +
      `outside them: ${fmt(audited.seconds - audited.txSeconds, 1)} s, ${fmt(baseline.seconds - baseline.txSeconds, 1)} s`,
  );
  for (const w of warnings(results.audited, results.baseline)) console.log(`  WARNING: ${w}`);
}

try {
  for (const backend of backends) for (const shape of shapes) await bench(backend, shape);
  if (profileDir) console.log(`\nCPU profiles in ${profileDir}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
