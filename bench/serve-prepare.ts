import { join } from 'node:path';
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
