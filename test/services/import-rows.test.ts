import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importFile } from '../../src/services/import/import.service.js';
import type { Problem } from '../../src/services/records/submission.js';
import { BACKENDS } from '../support/backends.js';
import { COLUMNS, csvLine, penaltyRows, tempDir } from '../support/import-files.js';
import { registry } from '../support/registry.js';

describe.each(BACKENDS)('rows of an import file on $name', (backend) => {
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

  const run = async (path: string) => {
    const rejected: Array<{ line: number; problems: readonly Problem[] }> = [];
    const summary = await importFile(sut, path, {
      actor: 'importer',
      batchSize: 2,
      onRejected: (line, problems) => rejected.push({ line, problems }),
    });
    return { summary, rejected };
  };

  it('reports a malformed CSV line once, in line order, and counts it as one row', async () => {
    const good = penaltyRows(3).map(csvLine);
    const path = join(dir, 'quotes.csv');
    writeFileSync(
      path,
      [
        COLUMNS.join(','),
        good[0], // line 2
        'x"1"2"3,y"q,z"w,1,2,3,4,5,6,7,8,9,10,11', // 3: a quote inside unquoted cells, several times
        good[1], // 4
        'too,few', // 5
        good[2], // 6
      ].join('\n') + '\n',
    );
    const { summary, rejected } = await run(path);
    expect(rejected.map((r) => [r.line, r.problems.map((p) => p.code)])).toEqual([
      [3, ['IMPORT_ROW_MALFORMED']],
      [5, ['IMPORT_ROW_MALFORMED']],
    ]);
    expect(summary).toMatchObject({ rows: 5, created: 3, rejected: 2 });
  });

  it('rejects a JSON line whose record column holds an object, a list or a boolean', async () => {
    const [good, legal, type] = penaltyRows(3);
    const path = join(dir, 'typed.jsonl');
    writeFileSync(
      path,
      [
        JSON.stringify(good),
        JSON.stringify({ ...legal, legal_basis: { law: '行政处罚法' } }),
        JSON.stringify({ ...type, type: ['admin_penalty'], source_ref: true }),
      ].join('\n') + '\n',
    );
    const { summary, rejected } = await run(path);
    expect(rejected.map((r) => [r.line, r.problems.map((p) => `${p.field} ${p.code}`)])).toEqual([
      [2, ['legal_basis FIELD_TYPE']],
      [3, ['type FIELD_TYPE', 'source_ref FIELD_TYPE']],
    ]);
    expect(summary).toMatchObject({ rows: 3, created: 1, rejected: 2 });
  });

  it('refuses a CSV whose header names a column twice before it stores any row', async () => {
    const [first, second] = penaltyRows(2).map(csvLine);
    const path = join(dir, 'twice.csv');
    // which decision_date would count? the parser kept the last and dropped the first
    writeFileSync(
      path,
      [[...COLUMNS, 'decision_date'].join(','), `${first},2026-04-01`, `${second},2026-05-01`].join(
        '\n',
      ) + '\n',
    );
    await expect(run(path)).rejects.toMatchObject({
      code: 'IMPORT_HEADER_DUPLICATE',
      field: 'decision_date',
    });
    expect(await sut.store.counts()).toMatchObject({ records: 0 });

    // a spreadsheet's trailing empty columns are no duplicates; a value under one is named by position
    writeFileSync(path, [[...COLUMNS, '', ''].join(','), `${first},,`, `${second},x,`].join('\n'));
    const { summary, rejected } = await run(path);
    expect(rejected.map((r) => [r.line, r.problems.map((p) => `${p.field} ${p.code}`)])).toEqual([
      [3, [`column ${COLUMNS.length + 1} FIELD_UNKNOWN`]],
    ]);
    expect(summary).toMatchObject({ created: 1, rejected: 1 });
  });

  it('refuses a file that is not UTF-8 before it stores any row', async () => {
    const good = penaltyRows(4).map(csvLine);
    const path = join(dir, 'latin1.csv');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${[COLUMNS.join(','), ...good].join('\n')}\n`),
        Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]), // "Müller" in Latin-1
      ]),
    );
    await expect(run(path)).rejects.toMatchObject({ code: 'ENCODING_INVALID', field: 'file' });
    expect(await sut.store.counts()).toMatchObject({ records: 0 });
  });
});
