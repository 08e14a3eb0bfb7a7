import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, type AuditEntry } from '../../src/domain/audit.js';
import { recordCheckpoint, verifyAudit } from '../../src/services/audit/audit.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { BACKENDS, type OpenedStore } from '../support/backends.js';
import { penalty, registry } from '../support/registry.js';

/** Raw SQL on the store's own database, as someone with access to the files or server could run it. */
async function tamper(label: string, sql: string, params: unknown[] = []): Promise<void> {
  if (label.startsWith('sqlite:')) {
    const db = new Database(label.slice('sqlite:'.length));
    try {
      db.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: label.slice('postgres:'.length) });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/**
 * Rewrites the entries from `from` (a seq) on with fresh hashes, as a careful forger would, and
 * points the log's own checkpoint records at the forged hashes, so the log agrees with itself.
 */
async function rewriteChain(label: string, entries: AuditEntry[], from: number): Promise<void> {
  let prev = entries[from - 2]!.hash;
  for (const e of entries.slice(from - 1)) {
    const { seq, at, actor, action, subjectIds, payload } = e;
    const content = { at, actor, action, subjectIds, payload };
    if (content.action === 'audit.checkpoint') content.payload = { seq: seq - 1, hash: prev };
    const hash = chainHash(prev, seq, content);
    await tamper(
      label,
      'UPDATE audit_log SET actor = $1, payload = $2, prev_hash = $3, hash = $4 WHERE seq = $5',
      [content.actor, JSON.stringify(content.payload), prev, hash, seq],
    );
    prev = hash;
  }
}

describe.each(BACKENDS)('the tamper-evident audit log on $name', (backend) => {
  let opened: OpenedStore;
  let deps: ServiceDeps;
  beforeEach(async () => {
    opened = await backend.open();
    deps = await registry(opened.store); // three authorities: entries 1-3
    for (let i = 1; i <= 3; i++)
      await submitRecord(deps, penalty({ source_ref: `P-${i}` }), 'clerk');
  });
  afterEach(async () => opened.cleanup());
  const label = () => opened.store.label;

  it('verifies an untouched log and a checkpoint of it', async () => {
    const checkpoint = await recordCheckpoint(deps, 'operator');
    const v = await verifyAudit(deps, [checkpoint]);
    expect(v).toMatchObject({ ok: true, finding: null, entries: checkpoint.seq + 1 });
    expect(v.checkpoints.map((c) => [c.source, c.matches])).toEqual([
      ['given', true],
      ['recorded', true],
    ]);
  });

  it('finds the entry that was changed', async () => {
    await tamper(label(), "UPDATE audit_log SET actor = 'mallory' WHERE seq = 4");
    const v = await verifyAudit(deps);
    expect(v.ok).toBe(false);
    expect(v.finding).toMatchObject({ kind: 'changed', seq: 4 });
    expect(v.finding?.description).toMatch(/^entry 4 was changed/);
  });

  it('finds entries that were removed', async () => {
    await tamper(label(), 'DELETE FROM audit_log WHERE seq = 3');
    expect((await verifyAudit(deps)).finding).toMatchObject({
      kind: 'removed',
      seq: 4,
      missingFrom: 3,
    });
  });

  it('finds entries that were reordered', async () => {
    const [two, three] = (await opened.store.listAudit(1, 2)) as [AuditEntry, AuditEntry];
    // swap the contents of entries 2 and 3, numbers and hashes kept where they were
    for (const [seq, e] of [
      [2, three],
      [3, two],
    ] as const) {
      await tamper(
        label(),
        'UPDATE audit_log SET actor = $1, action = $2, payload = $3, prev_hash = $4, hash = $5 WHERE seq = $6',
        [e.actor, e.action, JSON.stringify(e.payload), e.prevHash, e.hash, seq],
      );
    }
    expect((await verifyAudit(deps)).finding).toMatchObject({ kind: 'relinked', seq: 2 });
  });

  it('still catches a forger who rewrote every hash after the change, by the published checkpoint', async () => {
    const published = await recordCheckpoint(deps, 'operator');
    const entries = await opened.store.listAudit(0, 1000);
    entries[1] = { ...entries[1]!, actor: 'mallory' };
    await rewriteChain(label(), entries, 2);

    const alone = await verifyAudit(deps);
    expect(alone).toMatchObject({ ok: true, finding: null });
    const checked = await verifyAudit(deps, [published]);
    expect(checked.ok).toBe(false);
    expect(checked.checkpoints.find((c) => c.source === 'given')).toMatchObject({ matches: false });
  });
});
