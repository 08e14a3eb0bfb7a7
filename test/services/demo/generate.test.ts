import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import type { Catalog } from '../../../src/domain/catalog.js';
import { parseIdentifier } from '../../../src/domain/identifiers/index.js';
import { generateDemo } from '../../../src/services/demo/generate.js';
import { SECTOR_RECORD_TYPES } from '../../../src/services/demo/sector-examples.js';
import { authorize } from '../../../src/services/records/record-writer.js';
import {
  prepareSubmission,
  type SubmissionInput,
} from '../../../src/services/records/submission.js';

const TODAY = '2026-03-15';

describe('generateDemo', () => {
  let catalog: Catalog;
  let rows: SubmissionInput[];
  const sut = (subjects = 200, seed = 42) =>
    generateDemo({ subjects, seed, today: TODAY, catalog });

  beforeAll(async () => {
    catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
    rows = [...sut().rows()];
  });

  it('generates the same rows, relations and examples for the same seed', () => {
    const again = sut();
    expect([...again.rows()]).toEqual(rows);
    expect(again.relations()).toEqual(sut().relations());
    expect(again.examples()).toEqual(sut().examples());
  });

  it('generates other rows for another seed', () => {
    const other = [...sut(200, 43).rows()];
    expect(other.map((r) => r.subject_identifier)).not.toEqual(
      rows.map((r) => r.subject_identifier),
    );
  });

  it('keeps a subject the same whatever the size of the data set', () => {
    const small = [...sut(20).rows()];
    expect(rows.slice(0, small.length)).toEqual(small);
  });

  it('averages about recordsPerSubject records per subject, at least one each', () => {
    const perSubject = new Map<unknown, number>();
    for (const r of rows)
      perSubject.set(r.subject_identifier, (perSubject.get(r.subject_identifier) ?? 0) + 1);
    expect(perSubject.size).toBe(200);
    expect(rows.length / 200).toBeGreaterThan(4.3);
    expect(rows.length / 200).toBeLessThan(5.7);
  });

  it('stops after maxRows', () => {
    const limited = [
      ...generateDemo({ subjects: 200, seed: 42, today: TODAY, maxRows: 77 }).rows(),
    ];
    expect(limited).toEqual(rows.slice(0, 77));
  });

  it('gives every subject and authority a valid identifier whose kind and region match the row', () => {
    for (const r of rows) {
      const info = parseIdentifier(String(r.subject_identifier), {
        scheme: r.subject_scheme as 'uscc' | 'ric',
        today: TODAY,
      });
      expect(info.warnings).toEqual([]);
      expect(info.kind).toBe(r.subject_kind);
      expect(info.region).toBe(r.subject_region);
    }
    for (const a of sut().authorities) {
      expect(parseIdentifier(a.id, { scheme: 'uscc', today: TODAY }).warnings).toEqual([]);
    }
    expect(new Set(sut().authorities.map((a) => a.id)).size).toBe(sut().authorities.length);
  });

  it('mixes about 60% businesses, 35% persons and 5% government and social organizations', () => {
    const data = sut(3000);
    const kinds = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const kind = data.subject(i).kind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect(kinds.get('business')! / 3000).toBeCloseTo(0.6, 1);
    expect(kinds.get('person')! / 3000).toBeCloseTo(0.35, 1);
    expect((kinds.get('government')! + kinds.get('social_org')!) / 3000).toBeCloseTo(0.05, 1);
  });

  it('has every national record type of the catalog in a 200-subject data set', () => {
    // the sector types come with the demo's sector examples, not from the generator; a broken
    // commitment (issue 18) is an authority's follow-up finding the generator does not model yet;
    // the regional layers' types (issue 22) are written only by authorities of their regions
    const national = [...catalog.recordTypes.values()].filter((t) => !t.layer).map((t) => t.id);
    const notGenerated = [...SECTOR_RECORD_TYPES, 'commitment_broken'];
    expect(new Set([...rows.map((r) => r.type), ...notGenerated])).toEqual(new Set(national));
  });

  it('writes rows that pass the default catalog with no problem and no warning', () => {
    for (const r of rows) {
      const prepared = prepareSubmission(catalog, r, TODAY);
      expect(prepared.ok ? prepared.value.warnings : prepared.problems, JSON.stringify(r)).toEqual(
        [],
      );
    }
  });

  it('dates no decision after today and no end before its decision', () => {
    for (const r of rows) {
      expect(String(r.decision_date) <= TODAY).toBe(true);
      if (r.end_date) expect(String(r.end_date) >= String(r.decision_date)).toBe(true);
    }
  });

  it('has each record written by an authority whose domains and regions allow it', () => {
    const authorities = new Map(
      sut().authorities.map((a) => [a.id, { ...a, nameEn: a.nameEn ?? null }]),
    );
    for (const r of rows) {
      const type = catalog.recordTypes.get(String(r.type))!;
      const subject = {
        id: 'x',
        kind: r.subject_kind as 'person',
        region: String(r.subject_region),
      };
      expect(authorize(authorities.get(String(r.authority)), type, subject)).toEqual([]);
    }
  });

  it('gives every record its own source reference, naming the seed and the day it is dated from', () => {
    expect(new Set(rows.map((r) => r.source_ref)).size).toBe(rows.length);
    for (const r of rows) expect(r.source_ref).toMatch(/^DEMO-42-20260315-\d+-\d+$/);
  });

  it('relates enterprises to persons of the data set as legal representatives', () => {
    const data = sut(2000);
    const relations = data.relations();
    expect(relations.length).toBeGreaterThan(0);
    const kinds = new Map<string, string>();
    for (let i = 0; i < 2000; i++) kinds.set(data.subject(i).identifier, data.subject(i).kind);
    for (const r of relations) {
      expect(kinds.get(r.subject)).toBe('business');
      expect(kinds.get(r.other)).toBe('person');
    }
  });

  it('names an enterprise example with an administrative penalty among several records', () => {
    const { business, person } = sut().examples();
    const own = rows.filter((r) => r.subject_identifier === business);
    expect(own.length).toBeGreaterThanOrEqual(4);
    expect(own.map((r) => r.type)).toContain('admin_penalty');
    expect(rows.find((r) => r.subject_identifier === person)?.subject_kind).toBe('person');
  });
});
