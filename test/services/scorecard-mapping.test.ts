import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { serializeScorecardModel } from '../../src/catalog/scorecard-schema.js';
import { makeRic } from '../../src/domain/identifiers/index.js';
import type { ScorecardModel } from '../../src/domain/scorecard/model.js';
import { scoreVector } from '../../src/domain/scorecard/scorecard.js';
import { findBin } from '../../src/domain/scorecard/values.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { compareStability } from '../../src/services/ratings/compare.service.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import { readMapping } from '../../src/services/ratings/scorecard-mapping.js';
import { trainScorecardFile } from '../../src/services/ratings/scorecard-train.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { findSubject, registerSubject } from '../../src/services/subjects/subjects.service.js';
import { copyDefaultCatalog } from '../catalog/fixtures.js';
import { BACKENDS } from '../support/backends.js';
import { tempDir } from '../support/import-files.js';
import { on } from '../support/lists.js';
import { registry, SHANGHAI_BANK } from '../support/registry.js';

const RUN_DAY = '2027-04-10';
const TARGET = 'BAD';

/**
 * 600 borrowers: loan defaults in two years and the worst days past due drive the bad rate;
 * SEX is noise, and excluded. A borrower without defaults has no days past due (empty cell).
 */
function borrowersCsv(): string {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows = Array.from({ length: 600 }, (_, i) => {
    const defaults = next() < 0.6 ? 0 : 1 + Math.floor(next() * 3);
    const dpd = defaults === 0 ? '' : String(Math.floor(next() * 180));
    const risk = 0.08 + 0.18 * defaults + (dpd !== '' && Number(dpd) >= 90 ? 0.2 : 0);
    return [i + 1, defaults, dpd, next() < 0.5 ? 'F' : 'M', next() < risk ? 1 : 0].join(',');
  });
  const path = join(tempDir(), 'borrowers.csv');
  writeFileSync(path, ['ID,DEFAULTS_24M,MAX_DPD,SEX,BAD', ...rows].join('\n'));
  return path;
}

const MAPPING = `# how the trained characteristics are read from the registry's records
DEFAULTS_24M: { recordType: loan_default, aggregate: count, window: P24M }
max_dpd: { recordType: loan_default, field: days_past_due, aggregate: max }
`;

let unmapped: ScorecardModel;
let mapped: ScorecardModel;
let card: string;
beforeAll(async () => {
  const data = borrowersCsv();
  const catalog = await loadCatalog((await copyDefaultCatalog()).dir);
  const options = { target: TARGET, exclude: ['ID', 'SEX:protected attribute'], folds: 3 };
  unmapped = (await trainScorecardFile(data, options)).model;
  const mapPath = join(tempDir(), 'map.yaml');
  writeFileSync(mapPath, MAPPING);
  const training = await trainScorecardFile(data, {
    ...options,
    mapping: { sources: await readMapping(mapPath), catalog },
  });
  mapped = training.model;
  card = training.card;
});

describe('a trained scorecard and the registry', () => {
  it('is refused at publication while a characteristic has no source, naming each', async () => {
    const copy = await copyDefaultCatalog();
    await copy.write(
      'rating-models/borrowers_scorecard.yaml',
      serializeScorecardModel({ ...unmapped, status: 'published' }),
    );
    const problems = await loadCatalog(copy.dir).then(
      () => [],
      (e: { code: string; detail: { problems: string[] } }) => {
        expect(e.code).toBe('CATALOG_INVALID');
        return e.detail.problems;
      },
    );
    await copy.remove();
    for (const c of unmapped.characteristics)
      expect(problems).toContainEqual(
        expect.stringContaining(`SCORECARD_UNMAPPED: characteristic "${c.name}" (${c.label})`),
      );
  });

  it('maps each characteristic, by column name or id, and the card says how it is read', () => {
    expect(mapped.characteristics.map((c) => [c.name, c.source])).toEqual([
      ['defaults_24m', { recordType: 'loan_default', aggregate: 'count', window: 'P24M' }],
      ['max_dpd', { recordType: 'loan_default', field: 'days_past_due', aggregate: 'max' }],
    ]);
    expect(card).toContain('## Read from records');
    expect(card).toContain(
      '| defaults_24m (`DEFAULTS_24M`) | number of loan_default records decided within P24M |',
    );
    expect(card).toContain('| max_dpd (`MAX_DPD`) | max of loan_default.days_past_due |');
  });

  it('refuses a mapping onto a field the record type lacks, or a characteristic the file lacks', async () => {
    const catalog = await loadCatalog((await copyDefaultCatalog()).dir);
    const path = join(tempDir(), 'bad-map.yaml');
    writeFileSync(
      path,
      'MAX_DPD: { recordType: loan_default, field: days_late, aggregate: max }\nINCOME: { recordType: loan_default, aggregate: count }\n',
    );
    await expect(
      trainScorecardFile(borrowersCsv(), {
        target: TARGET,
        folds: 3,
        mapping: { sources: await readMapping(path), catalog },
      }),
    ).rejects.toMatchObject({
      code: 'SCORECARD_MAPPING_INVALID',
      message: expect.stringContaining('INCOME: not a column trained on'),
    });
  });
});

describe.each(BACKENDS)('a mapped scorecard rates registry subjects on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    const copy = await copyDefaultCatalog();
    await copy.write(
      'rating-models/borrowers_scorecard.yaml',
      serializeScorecardModel({ ...mapped, status: 'published' }),
    );
    await copy.write(
      'rating-models/borrowers_draft.yaml',
      serializeScorecardModel({ ...unmapped, id: 'borrowers_draft' }),
    );
    cleanup = async () => {
      await opened.cleanup();
      await copy.remove();
    };
    sut = { ...on(await registry(opened.store), RUN_DAY), catalog: await loadCatalog(copy.dir) };
  });
  afterEach(async () => cleanup());

  const loanDefault = (identifier: string, ref: string, date: string, days: number) =>
    submitRecord(
      sut,
      {
        subject_identifier: identifier,
        subject_name: '张三',
        type: 'loan_default',
        authority: SHANGHAI_BANK,
        source_ref: ref,
        legal_basis: '征信业管理条例 第十四条',
        decision_date: date,
        lender: '上海某商业银行',
        loan_kind: 'consumer',
        amount: '12000.00',
        days_past_due: String(days),
      },
      'bank',
    );

  it('gives each subject the score the card predicts from its records', async () => {
    const clean = makeRic('310115', '1990-02-02', 7);
    const once = makeRic('310115', '1988-01-01', 5);
    const twice = makeRic('310115', '1985-03-03', 3);
    await registerSubject(sut, { subject_identifier: clean, subject_name: '李四' }, 'registrar');
    await loanDefault(once, 'L-1', '2026-11-20', 35);
    await loanDefault(twice, 'L-2', '2026-01-10', 120);
    await loanDefault(twice, 'L-3', '2026-06-10', 15);
    // outside the 24-month window: counts toward the worst days past due, not the count
    await loanDefault(twice, 'L-4', '2024-12-01', 10);

    const run = await runRating(sut, { modelId: 'borrowers_scorecard', actor: 'op' });

    const expected: Record<string, { defaults_24m: number; max_dpd: number | null }> = {
      [clean]: { defaults_24m: 0, max_dpd: null },
      [once]: { defaults_24m: 1, max_dpd: 35 },
      [twice]: { defaults_24m: 2, max_dpd: 120 },
    };
    const results = await sut.store.listRunRatings(run.id, null, 100);
    expect(results).toHaveLength(3);
    for (const [identifier, vector] of Object.entries(expected)) {
      const subject = await findSubject(sut, identifier);
      const rating = results.find((r) => r.subjectId === subject.id)!;
      const predicted = scoreVector(mapped, vector).score;
      expect(rating.score).toBe(Math.round(predicted * 100) / 100);
    }
  });

  it('says how many subjects had no records, and warns when most had none', async () => {
    const once = makeRic('310115', '1988-01-01', 5);
    const twice = makeRic('310115', '1985-03-03', 3);
    await registerSubject(
      sut,
      { subject_identifier: makeRic('310115', '1990-02-02', 7), subject_name: '李四' },
      'registrar',
    );
    await loanDefault(once, 'L-1', '2026-11-20', 35);
    await loanDefault(twice, 'L-4', '2024-12-01', 10);

    const today = await runRating(sut, { modelId: 'borrowers_scorecard', actor: 'op' });
    expect(today.summary).toMatchObject({ walked: 3, withoutRecords: 1 });
    expect(today.summary.warnings.filter((w) => w.includes('no record'))).toEqual([]);

    // as of a day before most records were recorded: two of three have none yet
    const early = await runRating(sut, {
      modelId: 'borrowers_scorecard',
      asOf: '2025-01-01',
      actor: 'op',
    });
    expect(early.summary).toMatchObject({ walked: 3, withoutRecords: 2 });
    expect(early.summary.warnings).toContainEqual(
      expect.stringContaining('2 of 3 subjects have no record decided on or before 2025-01-01'),
    );
  });

  it('compares the run with training and with another run by PSI, warning above 0.1', async () => {
    // five clean subjects and one with a default: against a training sample where 40% had
    // defaults, the run's share of clean borrowers is far higher, a major shift
    for (let i = 0; i < 5; i++)
      await registerSubject(
        sut,
        { subject_identifier: makeRic('310115', `1990-02-1${i}`, i + 1), subject_name: '李四' },
        'registrar',
      );
    await loanDefault(makeRic('310115', '1988-01-01', 5), 'L-1', '2026-11-20', 35);
    const first = await runRating(sut, { modelId: 'borrowers_scorecard', actor: 'op' });
    const monitoring = first.summary.monitoring!;
    expect(monitoring.rated).toBe(6);
    const defaults = monitoring.characteristics.find((c) => c.name === 'defaults_24m')!;
    // training: the bins' shares of the 600 rows; the run: 5 of 6 in the bin of no defaults
    const bins = mapped.characteristics.find((c) => c.name === 'defaults_24m')!.bins;
    const counts = bins.map(() => 0);
    for (const value of [0, 0, 0, 0, 0, 1]) counts[findBin('numeric', bins, value)]! += 1;
    const floor = (x: number) => Math.max(x, 1e-4);
    const byHand = bins.reduce((sum, b, k) => {
      const [e, a] = [floor(b.count / 600), floor(counts[k]! / 6)];
      return sum + (a - e) * Math.log(a / e);
    }, 0);
    expect(defaults.psi).toBeCloseTo(byHand, 10);
    expect(defaults.psi).toBeGreaterThan(0.1);
    expect(monitoring.score).toBeDefined();
    expect(first.summary.warnings).toContainEqual(
      expect.stringMatching(/^characteristic defaults_24m: PSI \d\.\d{3} against training/),
    );

    // the same data again: nothing moved between the runs
    const second = await runRating(sut, { modelId: 'borrowers_scorecard', actor: 'op' });
    const stability = await compareStability(sut, first.id, second.id);
    expect(stability.againstRun.score?.psi).toBeCloseTo(0, 10);
    expect(stability.againstRun.characteristics.map((c) => c.psi)).toEqual([0, 0]);
    expect(stability.againstRun.warnings).toEqual([]);
    expect(stability.againstTraining?.characteristics).toEqual(monitoring.characteristics);
  });

  it('refuses to run a scorecard with an unmapped characteristic, even as a draft', async () => {
    await expect(
      runRating(sut, { modelId: 'borrowers_draft', actor: 'op', draft: true }),
    ).rejects.toMatchObject({
      code: 'SCORECARD_UNMAPPED',
      message: expect.stringContaining('max_dpd (MAX_DPD)'),
    });
    expect(await sut.store.listRatingRuns(10)).toEqual([]);
  });
});
