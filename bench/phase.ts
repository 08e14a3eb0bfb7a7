/**
 * One benchmark phase in its own process, so that peak RSS is the phase's own.
 * Usage: tsx bench/phase.ts <phase> <file> <db> <batchSize>; prints one JSON line.
 */
import { loadCatalog } from '../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR, readConfig } from '../src/config.js';
import { systemClock } from '../src/domain/clock.js';
import { registerAuthority } from '../src/services/authorities.service.js';
import { authorityInput, demoAuthorities } from '../src/services/demo/authorities.js';
import type { ServiceDeps } from '../src/services/deps.js';
import { importFile } from '../src/services/import/import.service.js';
import { openStore } from '../src/store/open.js';
import { postgresBaseline, sqliteBaseline } from './baselines.js';

const [phase, file, db, batch] = process.argv.slice(2) as [string, string, string, string];
const batchSize = Number(batch);

/** A migrated store with the demo authorities registered: the state both contenders start from. */
async function prepared(): Promise<ServiceDeps> {
  // SQLite's durability as a server would run it (CREDENCE_SQLITE_SYNCHRONOUS)
  const store = await openStore(db, { synchronous: readConfig().store.sqliteSynchronous });
  await store.migrate();
  const deps = { store, catalog: await loadCatalog(DEFAULT_CATALOG_DIR), clock: systemClock };
  for (const a of demoAuthorities()) await registerAuthority(deps, authorityInput(a), 'bench');
  return deps;
}

const deps = await prepared();
const started = performance.now();
let rows: number;
let rejected = 0;
if (phase === 'import') {
  const summary = await importFile(deps, file, { actor: 'bench', batchSize });
  rows = summary.created;
  rejected = summary.rejected;
  await deps.store.close();
} else {
  await deps.store.close();
  const at = new Date().toISOString();
  rows = db.startsWith('postgres')
    ? await postgresBaseline(file, db, at)
    : await sqliteBaseline(file, db, batchSize, at, readConfig().store.sqliteSynchronous);
}
const seconds = (performance.now() - started) / 1000;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ phase, rows, rejected, seconds, peakRssMb })}\n`);
