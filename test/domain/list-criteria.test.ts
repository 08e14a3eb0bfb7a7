import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { Catalog, ListCriterion, ListType } from '../../src/domain/catalog.js';
import {
  matchesCriterion,
  matchingCriteria,
  periodChoice,
  periodFor,
  type CriterionRecord,
} from '../../src/domain/list-criteria.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
});
const list = (id: string): ListType => catalog.listTypes.get(id)!;

const record = (type: string, over: Partial<CriterionRecord> = {}): CriterionRecord => ({
  type,
  severity: null,
  fields: {},
  amounts: [],
  authorityDomains: [],
  ...over,
});
const enforcement = (performance: string, circumstances: string[] = []) =>
  record('court_enforcement', { fields: { performance, circumstances } });
const penalty = (severity: string, classes: string[], authorityDomains = ['market']) =>
  record('admin_penalty', { severity, fields: { penalty_classes: classes }, authorityDomains });
/** evasion of `fen` minor units at `percent` of the tax due */
const evasion = (fen: number, percent: number | undefined, currency = 'CNY') =>
  record('tax_violation', {
    fields: {
      violation_kind: 'evasion',
      ...(percent === undefined ? {} : { evaded_share_percent: percent }),
    },
    amounts: [{ field: 'evaded_amount', minor: fen, currency }],
  });

describe('matchingCriteria on the dishonest judgment debtor list', () => {
  it('makes an unperformed obligation with a dishonest circumstance a candidate', () => {
    const sut = matchingCriteria(
      list('dishonest_judgment_debtors'),
      enforcement('none', ['evades_enforcement']),
    );
    expect(sut).toHaveLength(1);
  });

  it('does not list a debtor who performed in full or shows no circumstance', () => {
    const dishonest = list('dishonest_judgment_debtors');
    expect(matchingCriteria(dishonest, enforcement('full', ['able_but_refuses']))).toEqual([]);
    expect(matchingCriteria(dishonest, enforcement('partial', []))).toEqual([]);
  });

  it('ignores records of other types', () => {
    expect(matchingCriteria(list('dishonest_judgment_debtors'), record('tax_rating'))).toEqual([]);
  });

  it('restricts consumption on any unperformed obligation, circumstance or not', () => {
    expect(matchingCriteria(list('consumption_restriction'), enforcement('partial'))).toHaveLength(
      1,
    );
  });
});

describe('matchingCriteria on the serious market violation list', () => {
  it('takes a serious penalty, or a heavy penalty class at any severity', () => {
    const sut = list('serious_market_violations');
    expect(matchingCriteria(sut, penalty('serious', ['fine']))).toHaveLength(1);
    expect(matchingCriteria(sut, penalty('general', ['fine', 'licence_revocation']))).toHaveLength(
      1,
    );
    expect(matchingCriteria(sut, penalty('serious', ['employment_ban']))).toHaveLength(2);
  });

  it('leaves out minor and general penalties without a heavy class', () => {
    expect(
      matchingCriteria(
        list('serious_market_violations'),
        penalty('general', ['fine', 'confiscation']),
      ),
    ).toEqual([]);
  });

  it("takes only market regulators' penalties", () => {
    const sut = list('serious_market_violations');
    expect(matchingCriteria(sut, penalty('serious', ['fine'], ['tax']))).toEqual([]);
    expect(matchingCriteria(sut, penalty('serious', ['fine'], ['tax', 'market']))).toHaveLength(1);
    expect(matchingCriteria(sut, penalty('serious', ['fine'], []))).toEqual([]);
  });
});

describe('money and decimal conditions on the major tax violation list', () => {
  it('lists evasion of 1,000,000 yuan at 10% of the tax due, compared in fen', () => {
    const sut = list('major_tax_violations');
    expect(matchingCriteria(sut, evasion(100_000_000, 10))).toHaveLength(1);
    expect(matchingCriteria(sut, evasion(99_999_999, 50))).toEqual([]);
    expect(matchingCriteria(sut, evasion(500_000_000, 9.99))).toEqual([]);
  });

  it('does not list when the share or the amount is missing', () => {
    const sut = list('major_tax_violations');
    expect(matchingCriteria(sut, evasion(500_000_000, undefined))).toEqual([]);
    expect(
      matchingCriteria(
        sut,
        record('tax_violation', {
          fields: { violation_kind: 'evasion', evaded_share_percent: 50 },
        }),
      ),
    ).toEqual([]);
  });

  it('never meets a money threshold in another currency', () => {
    expect(matchingCriteria(list('major_tax_violations'), evasion(500_000_000, 50, 'USD'))).toEqual(
      [],
    );
  });

  it('lists export refund fraud whatever the amount', () => {
    const fraud = record('tax_violation', { fields: { violation_kind: 'export_refund_fraud' } });
    expect(matchingCriteria(list('major_tax_violations'), fraud)).toHaveLength(1);
  });
});

describe('matchesCriterion conditions', () => {
  const criterion = (conditions: ListCriterion['conditions']): ListCriterion => ({
    recordType: 'admin_penalty',
    conditions,
  });
  const sut = (conditions: ListCriterion['conditions'], over: Partial<CriterionRecord> = {}) =>
    matchesCriterion(criterion(conditions), record('admin_penalty', over));

  it('matches any record of the type when there are no conditions', () => {
    expect(sut([])).toBe(true);
  });

  it('notIn: passes an absent value, fails an enum_list holding a listed value', () => {
    expect(sut([{ field: 'penalty_classes', notIn: ['warning'] }])).toBe(true);
    expect(
      sut([{ field: 'penalty_classes', notIn: ['warning'] }], {
        fields: { penalty_classes: ['fine', 'warning'] },
      }),
    ).toBe(false);
  });

  it('in on severity reads the record severity', () => {
    expect(sut([{ field: 'severity', in: ['serious'] }], { severity: 'serious' })).toBe(true);
    expect(sut([{ field: 'severity', in: ['serious'] }], { severity: null })).toBe(false);
  });

  it('needs every condition to hold', () => {
    const both = [
      { field: 'severity', in: ['serious'] },
      { field: 'penalty_classes', in: ['fine'] },
    ];
    expect(sut(both, { severity: 'serious', fields: { penalty_classes: ['fine'] } })).toBe(true);
    expect(sut(both, { severity: 'serious', fields: { penalty_classes: ['warning'] } })).toBe(
      false,
    );
  });
});

describe('periodFor', () => {
  it('gives circumstances 2-6 the fixed 2 years, naming the circumstance', () => {
    const sut = periodChoice(
      list('dishonest_judgment_debtors'),
      enforcement('none', ['obstructs_enforcement']),
    );
    expect(sut).toEqual({
      period: { kind: 'fixed', duration: 'P2Y' },
      value: 'obstructs_enforcement',
    });
  });

  it('keeps a debtor able but refusing listed until performance', () => {
    const sut = periodChoice(
      list('dishonest_judgment_debtors'),
      enforcement('none', ['able_but_refuses']),
    );
    expect(sut).toEqual({ period: { kind: 'until_performed' }, value: 'able_but_refuses' });
  });

  it('lets the open-ended period win when several circumstances apply', () => {
    const sut = periodFor(
      list('dishonest_judgment_debtors'),
      enforcement('none', ['evades_enforcement', 'able_but_refuses']),
    );
    expect(sut).toEqual({ kind: 'until_performed' });
  });

  it('picks the longest fixed period among several values', () => {
    const sut: ListType = {
      ...list('dishonest_judgment_debtors'),
      periodByField: {
        field: 'circumstances',
        periods: {
          obstructs_enforcement: { kind: 'fixed', duration: 'P3Y' },
          evades_enforcement: { kind: 'fixed', duration: 'P30M' },
        },
      },
    };
    const choice = periodChoice(
      sut,
      enforcement('none', ['evades_enforcement', 'obstructs_enforcement']),
    );
    expect(choice).toEqual({
      period: { kind: 'fixed', duration: 'P3Y' },
      value: 'obstructs_enforcement',
    });
  });

  it("falls back to the list type's own period without periodByField", () => {
    expect(periodFor(list('major_tax_violations'), evasion(200_000_000, 20))).toEqual({
      kind: 'fixed',
      duration: 'P3Y',
    });
    expect(periodFor(list('abnormal_operations'), record('annual_report_missing'))).toEqual({
      kind: 'until_performed',
    });
  });
});
