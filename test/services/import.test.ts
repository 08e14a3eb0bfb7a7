import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importFile } from '../../src/services/import/import.service.js';
import type { Problem } from '../../src/services/records/submission.js';
import { subjectFile } from '../../src/services/records/subject-file.service.js';
import { BACKENDS } from '../support/backends.js';
import { firm, penaltyRows, tempDir, writeCsv, writeJsonl } from '../support/import-files.js';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { penalty, registry, SHANGHAI_FIRM } from '../support/registry.js';

const UNREGISTERED = makeUscc('11110000', 'MB999999');

describe.each(BACKENDS)('import on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;
  let dir: string;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    dir = tempDir();
  });
  afterEach(async () => cleanup());

  const run = async (path: string, batchSize = 4) => {
    const rejected: Array<{ line: number; problems: readonly Problem[] }> = [];
    const summary = await importFile(sut, path, {
      actor: 'importer',
      batchSize,
      onRejected: (line, problems) => rejected.push({ line, problems }),
    });
    return { summary, rejected };
  };

  it('imports a clean CSV file, creating each subject once', async () => {
    const { summary, rejected } = await run(writeCsv(dir, 'clean.csv', penaltyRows(10)));
    expect(rejected).toEqual([]);
    expect(summary).toMatchObject({ rows: 10, created: 10, unchanged: 0, rejected: 0, batches: 3 });
    expect(await sut.store.counts()).toMatchObject({ subjects: 5, records: 10, versions: 10 });
    const file = await subjectFile(sut, firm(0));
    expect(file.items.map((i) => i.current.sourceRef).sort()).toEqual(['P-0', 'P-1']);
  });

  it('imports a clean JSON Lines file with typed values', async () => {
    const rows = penaltyRows(4).map((r) => ({
      ...r,
      penalty_classes: ['fine'],
      fine_amount: 1200.5,
    }));
    const { summary } = await run(writeJsonl(dir, 'clean.jsonl', rows));
    expect(summary).toMatchObject({ rows: 4, created: 4, rejected: 0 });
    const [item] = (await subjectFile(sut, firm(0))).items;
    expect(item!.current.amounts[0]!.minor).toBe(120_050);
  });

  it('reports each bad row with its line, field and rule, and keeps the good ones', async () => {
    const good = penaltyRows(3);
    const path = writeCsv(dir, 'bad.csv', [
      good[0]!, // line 2
      penalty({ source_ref: 'B-1', type: 'social_score' }), // 3: unknown type
      penalty({ source_ref: 'B-2', authority: UNREGISTERED }), // 4: an authority nobody registered
      penalty({ source_ref: 'B-3', subject_identifier: '91110000600037341N' }), // 5: bad identifier
      penalty({ source_ref: 'B-4', legal_basis: '' }), // 6: missing legal basis
      penalty({ source_ref: 'B-5', decision_date: '2026-02-30' }), // 7: bad date
      penalty({ source_ref: 'B-6', fine_amount: '12,5' }), // 8: bad amount
      'too,few,columns', // 9: malformed CSV line
      good[1]!, // 10
      penalty({ source_ref: 'B-7', subject_identifier: SHANGHAI_FIRM }), // 11: outside the authority's regions
      good[2]!, // 12
    ]);
    const { summary, rejected } = await run(path);
    expect(summary).toMatchObject({ rows: 11, created: 3, rejected: 8 });
    const byLine = Object.fromEntries(
      rejected.map((r) => [r.line, r.problems.map((p) => [p.field, p.code])]),
    );
    expect(byLine).toEqual({
      3: [['type', 'RECORD_TYPE_UNKNOWN']],
      4: [['authority', 'AUTHORITY_NOT_FOUND']],
      5: [['subject_identifier', 'USCC_CHECKSUM']],
      6: [['legal_basis', 'LEGAL_BASIS_REQUIRED']],
      7: [['decision_date', 'DATE_INVALID']],
      8: [['fine_amount', 'AMOUNT_INVALID']],
      9: [['line', 'IMPORT_ROW_MALFORMED']],
      11: [['subject_region', 'RECORD_REGION_FORBIDDEN']],
    });
    expect(await sut.store.counts()).toMatchObject({ records: 3 });
  });

  it('reports a malformed JSON line and goes on', async () => {
    const rows = penaltyRows(2);
    const { summary, rejected } = await run(
      writeJsonl(dir, 'bad.jsonl', [rows[0]!, '{"type": ', rows[1]!]),
    );
    expect(summary).toMatchObject({ created: 2, rejected: 1 });
    expect(rejected[0]).toMatchObject({ line: 2, problems: [{ code: 'IMPORT_ROW_MALFORMED' }] });
  });

  it('rejects a line holding text PostgreSQL cannot store, and keeps the good ones', async () => {
    const rows = penaltyRows(2);
    const path = writeJsonl(dir, 'unstorable.jsonl', [
      rows[0]!,
      penalty({ source_ref: 'U-1', facts: 'a\u0000b' }),
      penalty({ source_ref: 'U-2', facts: 'x\ud800' }),
      // a type's field given under `fields`, a list of several values, and a column's name
      penalty({ source_ref: 'U-3', fields: { violation_type: 'a\u0000' } }),
      penalty({ source_ref: 'U-4', penalty_classes: ['fine', '\ud800'] }),
      penalty({ source_ref: 'U-5', 'note\u0000': '' }),
      rows[1]!,
    ]);
    const { summary, rejected } = await run(path);
    expect(summary).toMatchObject({ created: 2, rejected: 5 });
    expect(
      rejected.map((r) => [
        r.line,
        r.problems.filter((p) => p.code === 'FIELD_TYPE').map((p) => p.field),
      ]),
    ).toEqual([
      [2, ['facts']],
      [3, ['facts']],
      [4, ['violation_type']],
      [5, ['penalty_classes']],
      [6, ['note\u0000']],
    ]);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const path = writeCsv(dir, 'twice.csv', penaltyRows(9));
    await run(path);
    const counts = await sut.store.counts();
    const audit = await sut.store.listAudit(0, 1000);
    const { summary } = await run(path);
    expect(summary).toMatchObject({ rows: 9, created: 0, unchanged: 9, rejected: 0 });
    expect(await sut.store.counts()).toEqual(counts);
    expect(await sut.store.listAudit(0, 1000)).toEqual(audit);
  });

  it('rejects a row that reuses a source reference with other content within one file', async () => {
    const [a] = penaltyRows(1);
    const { summary, rejected } = await run(
      writeCsv(dir, 'dup.csv', [a!, { ...a!, fine_amount: '1.00' }, a!]),
    );
    expect(summary).toMatchObject({ created: 1, unchanged: 1, rejected: 1 });
    expect(rejected[0]).toMatchObject({
      line: 3,
      problems: [{ field: 'source_ref', code: 'SOURCE_REF_CONFLICT' }],
    });
  });
});
