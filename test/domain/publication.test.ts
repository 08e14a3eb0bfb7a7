import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { Catalog, RecordType } from '../../src/domain/catalog.js';
import {
  isPublicOn,
  publicationWindow,
  retentionEnds,
  type PublicationInput,
} from '../../src/domain/publication.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
});
const typeOf = (id: string): RecordType => catalog.recordTypes.get(id)!;

const record = (over: Partial<PublicationInput> = {}): PublicationInput => ({
  decisionDate: '2025-03-10',
  effectiveDate: null,
  endDate: null,
  severity: null,
  fields: {},
  ...over,
});
const penalty = (severity: string | null, classes: string[] = []) =>
  publicationWindow(
    typeOf('admin_penalty'),
    record({ severity, fields: { penalty_classes: classes } }),
  );

describe('publicationWindow for administrative penalties', () => {
  it('publishes a minor penalty for 3 months from the decision date, with nothing to repair', () => {
    expect(penalty('minor', ['warning'])).toEqual({
      mode: 'window',
      publicFrom: '2025-03-10',
      publicUntil: '2025-06-10',
      repairFrom: null,
      tier: 'minor',
    });
  });

  it('publishes a general penalty for 1 year, repairable after 3 months', () => {
    expect(penalty('general', ['fine'])).toMatchObject({
      publicUntil: '2026-03-10',
      repairFrom: '2025-06-10',
      tier: 'general',
    });
  });

  it('publishes a serious penalty for 3 years, repairable after 1 year', () => {
    expect(penalty('serious')).toMatchObject({
      publicUntil: '2028-03-10',
      repairFrom: '2026-03-10',
      tier: 'serious',
    });
  });

  it('gives a decision with several penalty classes the longest window', () => {
    expect(penalty('minor', ['warning', 'fine', 'licence_revocation'])).toMatchObject({
      tier: 'serious',
      publicUntil: '2028-03-10',
    });
    expect(penalty('minor', ['warning', 'confiscation'])).toMatchObject({ tier: 'general' });
  });

  it('never lets the classes shorten the window the severity set', () => {
    expect(penalty('serious', ['warning'])).toMatchObject({ tier: 'serious' });
  });

  it('counts month ends by the calendar', () => {
    const w = publicationWindow(
      typeOf('admin_penalty'),
      record({ decisionDate: '2024-11-30', severity: 'minor', fields: {} }),
    );
    expect(w.publicUntil).toBe('2025-02-28');
  });

  it('publishes nothing when no tier can be determined', () => {
    expect(penalty(null)).toMatchObject({ mode: 'not_published', publicFrom: null });
  });
});

describe('isPublicOn', () => {
  it('is public from the decision date up to the day before publicUntil', () => {
    const w = penalty('general');
    expect(isPublicOn(w, '2025-03-09')).toBe(false);
    expect(isPublicOn(w, '2025-03-10')).toBe(true);
    expect(isPublicOn(w, '2026-03-09')).toBe(true);
    expect(isPublicOn(w, '2026-03-10')).toBe(false);
  });

  it('answers court enforcement records by the list state', () => {
    const sut = publicationWindow(typeOf('court_enforcement'), record());
    expect(sut.mode).toBe('while_listed');
    expect(isPublicOn(sut, '2025-04-01')).toBe(false);
    expect(isPublicOn(sut, '2025-04-01', { listed: true })).toBe(true);
  });

  it('keeps licences and commendations public with no end', () => {
    const sut = publicationWindow(typeOf('admin_licence'), record());
    expect(sut).toMatchObject({ mode: 'always', publicUntil: null });
    expect(isPublicOn(sut, '2099-01-01')).toBe(true);
  });
});

describe('publicationWindow for the other types', () => {
  it('publishes a tax rating only for grade A, for one year', () => {
    const rating = (grade: string) =>
      publicationWindow(
        typeOf('tax_rating'),
        record({ decisionDate: '2025-04-15', fields: { year: 2024, grade } }),
      );
    expect(rating('A')).toMatchObject({
      mode: 'window',
      publicFrom: '2025-04-15',
      publicUntil: '2026-04-15',
    });
    for (const grade of ['B', 'M', 'C', 'D']) expect(rating(grade).mode).toBe('not_published');
  });

  it('publishes tax violations and wage arrears for 3 years', () => {
    expect(publicationWindow(typeOf('tax_violation'), record()).publicUntil).toBe('2028-03-10');
    expect(publicationWindow(typeOf('wage_arrears'), record())).toMatchObject({
      publicUntil: '2028-03-10',
      repairFrom: '2025-09-10',
    });
  });

  it('never publishes a loan default or an overdue bill', () => {
    for (const id of ['loan_default', 'bill_overdue']) {
      const sut = publicationWindow(typeOf(id), record());
      expect(sut).toEqual({
        mode: 'never',
        publicFrom: null,
        publicUntil: null,
        repairFrom: null,
        tier: null,
      });
      expect(isPublicOn(sut, '2025-03-10')).toBe(false);
    }
  });
});

describe('retentionEnds', () => {
  it('keeps a loan default 5 years after the conduct ends', () => {
    expect(retentionEnds(typeOf('loan_default'), record({ endDate: '2025-06-30' }))).toBe(
      '2030-06-30',
    );
  });

  it('has no end while the default is ongoing', () => {
    expect(retentionEnds(typeOf('loan_default'), record({ endDate: null }))).toBeNull();
  });

  it('is null for types without retention', () => {
    expect(retentionEnds(typeOf('admin_penalty'), record({ endDate: '2025-06-30' }))).toBeNull();
  });
});
