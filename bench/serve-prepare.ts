import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { sampleOf } from './check-data.js';
import type { BuildResult, PhaseOptions } from './check-phase.js';
import type { StoreResult } from './serve-store.js';
import { fmt, runPhaseProcess } from './support.js';

/**
 * The store of the serve and portal benchmarks: the check benchmark's subjects and entries,
 * then the records (bench/serve-store.ts); or the store as an earlier run kept it.
 */
export function prepareServeStore(db: string, subjects: number, seed: number): void {
  const storePhase = (phase: string): StoreResult =>
    runPhaseProcess<StoreResult>(join(import.meta.dirname, 'serve-store.ts'), [
      phase,
      db,
      String(subjects),
    ]);
  const kept = storePhase('counts');
  if (kept.subjects === subjects && kept.records > 0) {
    console.log(
      `  reusing the store: ${fmt(kept.subjects)} subjects, ${fmt(kept.records)} records`,
    );
    return;
  }
  if (kept.subjects > 0) throw new Error(`${db} holds ${kept.subjects} subjects, not ${subjects}`);
  const options: PhaseOptions = { subjects, sample: 0, seed, passes: 1 };
  const built = runPhaseProcess<BuildResult>(join(import.meta.dirname, 'check-phase.ts'), [
    'build',
    db,
    JSON.stringify(options),
  ]);
  const records = storePhase('records');
  console.log(
    `  build (not measured): ${fmt(built.seconds + records.seconds, 1)} s, peak RSS ` +
      `${fmt(Math.max(built.peakRssMb, records.peakRssMb))} MB; ${fmt(built.entries)} effective ` +
      `entries, ${fmt(records.withRecords ?? 0)} businesses with ${fmt(records.records)} records`,
  );
}

/**
 * The store (as above), then `credence views build` (outside the measured time, as an operator
 * would after an import: the server's own loop then finds the views current); answers the paths
 * of the public views to ask for, about as many USCCs as subjects drawn, half of them businesses,
 * so that no view is asked twice in a run.
 */
export function prepareServedViews(db: string, subjects: number, seed: number): string[] {
  prepareServeStore(db, subjects, seed);
  const built = execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'views', 'build'],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  console.log(`  public views (not measured): ${built.trim().split('\n').pop()}`);
  const usccs = sampleOf(subjects, Math.min(subjects, 400_000), seed).filter(
    (s) => s.scheme === 'uscc',
  );
  return usccs.map((s) => `/v1/subjects/${s.value}`);
}
