/**
 * One phase of the audit benchmark in its own process, so that peak RSS is the phase's own.
 * Usage: tsx bench/audit-phase.ts <audited|baseline> <single|batch> <file> <db> <batchSize>;
 * prints one JSON line.
 *
 * - single: every row of the file submitted on its own with submitRecords, one transaction
 *   each, as POST /v1/records does (lists and ratings follow each created record)
 * - batch: the file imported with importFile, <batchSize> rows per transaction
 *
 * Both modes run the same services on the same store behind the same wrapper
 * (bench/audit-store.ts); the baseline's wrapper answers appendAudit with a stub entry
 * and writes nothing to the audit log. No setting of the application changes.
 */
import { loadCatalog } from '../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR, readConfig } from '../src/config.js';
import { systemClock } from '../src/domain/clock.js';
import { registerAuthority } from '../src/services/authorities.service.js';
import { authorityInput, demoAuthorities } from '../src/services/demo/authorities.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { importFile } from '../src/services/import/import.service.js';
import { readRows } from '../src/services/import/readers.js';
import { submitRecords } from '../src/services/records/records.service.js';
import type { SubmissionInput } from '../src/services/records/submission.js';
import { openStore } from '../src/store/open.js';
import { auditWrapped, type AuditMode, type AuditTally } from './audit-store.js';

export interface PhaseResult {
  mode: AuditMode;
  shape: 'single' | 'batch';
  records: number;
  rejected: number;
  seconds: number;
  /** time spent inside the forwarded appendAudit calls (0 for the baseline) */
  auditSeconds: number;
  /** time spent in store.transaction calls (the audit append and the commit are in it) */
  txSeconds: number;
  /** appendAudit calls during the measured writes: forwarded, or answered by the stub */
  audits: number;
  /** what the store holds at the end: record versions and audit entries */
  stored: { versions: number; audit: number };
  peakRssMb: number;
}

const [mode, shape, file, db, batch] = process.argv.slice(2) as [
  AuditMode,
  PhaseResult['shape'],
  string,
  string,
  string,
];

// set up before the clock starts: migrated store, demo authorities (audited in both modes)
// SQLite's durability as a server would run it (CREDENCE_SQLITE_SYNCHRONOUS)
const store = await openStore(db, { synchronous: readConfig().store.sqliteSynchronous });
await store.migrate();
const catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
const setup = { store, catalog, clock: systemClock };
for (const a of demoAuthorities()) await registerAuthority(setup, authorityInput(a), 'bench');

const tally: AuditTally = { calls: 0, seconds: 0, txSeconds: 0 };
const deps: ServiceDeps = { ...setup, store: auditWrapped(store, mode, tally) };

let records = 0;
let rejected = 0;
let seconds: number;
if (shape === 'single') {
  const inputs: SubmissionInput[] = [];
  for await (const row of readRows(file, 'csv').rows) if ('input' in row) inputs.push(row.input);
  const started = performance.now();
  for (const input of inputs) {
    const [outcome] = await submitRecords(deps, [input], 'bench');
    if (outcome?.status === 'created') records += 1;
    else rejected += 1;
  }
  seconds = (performance.now() - started) / 1000;
} else {
  const started = performance.now();
  const summary = await importFile(deps, file, { actor: 'bench', batchSize: Number(batch) });
  seconds = (performance.now() - started) / 1000;
  records = summary.created;
  rejected = summary.rejected + summary.unchanged;
}
const { versions, audit } = await store.counts();
await store.close();

const result: PhaseResult = {
  mode,
  shape,
  records,
  rejected,
  seconds,
  auditSeconds: tally.seconds,
  txSeconds: tally.txSeconds,
  audits: tally.calls,
  stored: { versions, audit },
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
