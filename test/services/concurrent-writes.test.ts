import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { verifyAudit } from '../../src/services/audit/audit.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importFile } from '../../src/services/import/import.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { findSubject, registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { meetAfterFirstHeads, meetAfterFirstLookup } from '../support/faults.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { penalty, registryPerTest } from '../support/registry.js';

const NEW_FIRM = makeUscc('91110108', 'MA0C0NC1');
const WRITERS = 8;

describe.each(BACKENDS)('concurrent first writes about a new subject on $name', (backend) => {
  const registry = registryPerTest(backend);
  /** the services on a store where every writer looks before any writes */
  const racing = (n: number): ServiceDeps => ({
    ...registry(),
    store: meetAfterFirstLookup(registry().store, n),
  });

  it(`${WRITERS} simultaneous submissions about one new subject all land, on one subject`, async () => {
    const sut = racing(WRITERS);
    const outcomes = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        submitRecord(
          sut,
          penalty({
            subject_identifier: NEW_FIRM,
            subject_name: '北京并发测试科技有限公司',
            source_ref: `P-RACE-${i}`,
            document_number: `京市监罚〔2026〕9${i}号`,
          }),
          'furnisher',
        ),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array(WRITERS).fill('created'));
    expect(new Set(outcomes.map((o) => o.subjectId)).size).toBe(1);
    const subject = await findSubject(sut, NEW_FIRM);
    expect(subject.identifiers).toHaveLength(1);
    expect(subject.names).toHaveLength(1);
    expect(await sut.store.counts()).toMatchObject({ subjects: 1, records: WRITERS });
    expect((await verifyAudit(sut)).ok).toBe(true);
  });

  it('simultaneous registrations of one new identifier: one registers it, the others are told it is taken', async () => {
    const sut = racing(4);
    const settled = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        registerSubject(sut, { subject_identifier: NEW_FIRM, subject_name: '北京并发' }, 'op'),
      ),
    );
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled.filter((s) => s.status === 'rejected'))
      expect(s.reason).toMatchObject({ code: 'SUBJECT_IDENTIFIER_TAKEN' });
    expect(await sut.store.counts()).toMatchObject({ subjects: 1 });
  });

  it('two imports of one file at once both finish, and the file is stored once', async () => {
    const sut = racing(2);
    const path = writeCsv(tempDir(), 'twice.csv', penaltyRows(12));
    const run = () => importFile(sut, path, { actor: 'importer', batchSize: 4 });
    const [a, b] = await Promise.all([run(), run()]);
    for (const s of [a, b]) expect(s).toMatchObject({ rows: 12, rejected: 0 });
    expect(a.created + b.created).toBe(12);
    expect(a.created + a.unchanged).toBe(12);
    expect(b.created + b.unchanged).toBe(12);
    expect(await sut.store.counts()).toMatchObject({ subjects: 6, records: 12, versions: 12 });
    expect((await verifyAudit(sut)).ok).toBe(true);
  });

  it('two imports of one file about subjects already known both finish, each record stored once', async () => {
    const dir = tempDir();
    const known = penaltyRows(12).map((r) => ({ ...r, source_ref: `K-${String(r.source_ref)}` }));
    await importFile(registry(), writeCsv(dir, 'known.csv', known), {
      actor: 'importer',
      batchSize: 12,
    });
    const sut = { ...registry(), store: meetAfterFirstHeads(registry().store, 2) };
    const path = writeCsv(dir, 'twice.csv', penaltyRows(12));
    const run = () => importFile(sut, path, { actor: 'importer', batchSize: 4 });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.created + b.created).toBe(12);
    expect(a.created + a.unchanged).toBe(12);
    expect(b.created + b.unchanged).toBe(12);
    expect(await sut.store.counts()).toMatchObject({ subjects: 6, records: 24, versions: 24 });
    expect((await verifyAudit(sut)).ok).toBe(true);
  });
});
