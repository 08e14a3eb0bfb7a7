import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { registry } from '../support/registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'credence-dev.js');
const ROWS = 20_000;
const env = { ...process.env, CREDENCE_IMPORT_BATCH: '100' };

async function prepareDb(path: string) {
  const store = await openStore(path);
  await store.migrate();
  await registry(store);
  await store.close();
}

const importArgs = (file: string, db: string) => [
  CLI,
  'import',
  file,
  '--db',
  db,
  '--actor',
  'importer',
];

/** Everything in the store except the instants at which things were written. */
function dump(path: string) {
  const db = new Database(path, { readonly: true });
  const all = (sql: string) => db.prepare(sql).all();
  const result = {
    subjects: all('SELECT id, kind, region FROM subjects ORDER BY id'),
    identifiers: all('SELECT * FROM subject_identifiers ORDER BY scheme, value'),
    names: all('SELECT * FROM subject_names ORDER BY subject_id, position'),
    versions: all(
      `SELECT id, record_id, subject_id, version, action, type, authority_id, decision_date, fields, amounts,
              source_ref, content_hash FROM record_versions ORDER BY id`,
    ),
    audit: all('SELECT seq, actor, action, subject_ids, payload FROM audit_log ORDER BY seq'),
  };
  db.close();
  return result;
}

function countRecords(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT count(*) AS n FROM record_versions').get() as { n: number };
    db.close();
    return row.n;
  } catch {
    return 0; // the table may not exist yet
  }
}

describe('credence import, killed part-way', () => {
  it('ends, when re-run, with exactly the store of one uninterrupted run', async () => {
    const dir = tempDir();
    const file = writeCsv(dir, 'big.csv', penaltyRows(ROWS));
    const whole = join(dir, 'whole.db');
    const killed = join(dir, 'killed.db');
    await prepareDb(whole);
    await prepareDb(killed);

    const full = spawnSync(process.execPath, importArgs(file, whole), { env, encoding: 'utf8' });
    expect(full.status, full.stderr).toBe(0);
    expect(full.stdout).toContain(`${ROWS} created`);

    const child = spawn(process.execPath, importArgs(file, killed), { env, stdio: 'ignore' });
    let seen = 0;
    while (seen === 0 || seen < ROWS / 10) {
      await new Promise((r) => setTimeout(r, 10));
      seen = countRecords(killed);
      if (child.exitCode !== null) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = countRecords(killed);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);
    expect(partial % 100).toBe(0); // whole batches only: nothing half-written

    const rerun = spawnSync(process.execPath, importArgs(file, killed), { env, encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${ROWS - partial} created, ${partial} unchanged, 0 rejected`);
    expect(dump(killed)).toEqual(dump(whole));
  });
});
