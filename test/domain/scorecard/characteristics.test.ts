import { describe, expect, it } from 'vitest';
import {
  characteristicVector,
  monthsBetween,
} from '../../../src/domain/scorecard/characteristics.js';
import type { ScorecardCharacteristic } from '../../../src/domain/scorecard/model.js';
import type { RecordVersion } from '../../../src/domain/record.js';

let counter = 0;
/** a record version; `recordId` and `version` let a test supersede one */
function record(
  type: string,
  decisionDate: string,
  over: Partial<RecordVersion> = {},
): RecordVersion {
  const id = `v${++counter}`;
  return {
    id,
    recordId: id,
    subjectId: 's1',
    version: 1,
    supersedes: null,
    action: 'submit',
    reason: null,
    disclosure: 'restricted',
    contentHash: id,
    recordedAt: `${decisionDate}T00:00:00.000Z`,
    recordedBy: 'test',
    type,
    authorityId: 'a1',
    legalBasis: 'basis',
    documentNumber: null,
    decisionDate,
    effectiveDate: null,
    endDate: null,
    facts: null,
    severity: null,
    fields: {},
    amounts: [],
    sourceRef: id,
    ...over,
  };
}

const characteristic = (
  name: string,
  source?: ScorecardCharacteristic['source'],
): ScorecardCharacteristic => ({
  name,
  label: name,
  kind: 'numeric',
  coefficient: 1,
  informationValue: 0.1,
  ...(source ? { source } : {}),
  bins: [{ label: 'all', count: 1, goods: 1, bads: 0, woe: 0, points: 50, displayPoints: 50 }],
});

const model = {
  characteristics: [
    characteristic('bills_overdue', { recordType: 'bill_overdue', aggregate: 'count' }),
    characteristic('bills_overdue_12m', {
      recordType: 'bill_overdue',
      aggregate: 'count',
      window: 'P12M',
    }),
    characteristic('overdue_amount', {
      recordType: 'bill_overdue',
      field: 'amount',
      aggregate: 'sum',
    }),
    characteristic('max_cycles', {
      recordType: 'bill_overdue',
      field: 'cycles_overdue',
      aggregate: 'max',
    }),
    characteristic('months_since_bill', {
      recordType: 'bill_overdue',
      aggregate: 'months_since_latest',
    }),
    characteristic('worst_default_days', {
      recordType: 'loan_default',
      field: 'days_past_due',
      aggregate: 'max',
    }),
    characteristic('income'),
  ],
};

const bill = (date: string, fen: number, cycles: number, over: Partial<RecordVersion> = {}) =>
  record('bill_overdue', date, {
    fields: { provider: 'grid', cycles_overdue: cycles },
    amounts: [{ field: 'amount', minor: fen, currency: 'CNY' }],
    ...over,
  });

describe('characteristicVector', () => {
  it('aggregates the subject records each sourced characteristic names, as of a date', () => {
    const records = [
      bill('2024-03-15', 12_000, 2),
      bill('2025-09-01', 5_000, 4),
      bill('2026-02-01', 100_000, 9), // after the as-of date: not counted
    ];
    expect(characteristicVector(model, records, '2025-12-31')).toEqual({
      bills_overdue: 2,
      bills_overdue_12m: 1,
      overdue_amount: 17_000,
      max_cycles: 4,
      months_since_bill: 3,
      // no loan default: a maximum of nothing is missing, scored in the missing or worst bin
      worst_default_days: null,
    });
  });

  it('counts nothing as zero and has no latest record without records', () => {
    expect(characteristicVector(model, [], '2025-12-31')).toMatchObject({
      bills_overdue: 0,
      overdue_amount: 0,
      max_cycles: null,
      months_since_bill: null,
    });
  });

  it('uses the latest version of a record and leaves revoked records out', () => {
    const first = bill('2025-06-01', 5_000, 1);
    const corrected = bill('2025-06-01', 2_000, 1, {
      recordId: first.recordId,
      version: 2,
      supersedes: first.id,
      action: 'correct',
    });
    const revokedFirst = bill('2025-07-01', 9_000, 3);
    const revoked = { ...revokedFirst, id: 'r2', version: 2, action: 'revoke' as const };
    const sut = characteristicVector(
      model,
      [corrected, first, revokedFirst, revoked],
      '2025-12-31',
    );
    expect(sut).toMatchObject({ bills_overdue: 1, overdue_amount: 2_000, max_cycles: 1 });
  });
});

describe('monthsBetween', () => {
  it('counts a month once its day is reached', () => {
    expect(monthsBetween('2025-01-31', '2025-02-28')).toBe(0);
    expect(monthsBetween('2025-01-15', '2025-02-15')).toBe(1);
    expect(monthsBetween('2024-12-20', '2025-12-19')).toBe(11);
  });
});
