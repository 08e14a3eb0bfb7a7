/**
 * The synthetic store of the rating benchmark, deterministic from the subject index:
 * businesses with 5 records each on average (from 3 to 7), most of them tax ratings of the
 * last years, some tax violations (a few over the direct-D thresholds) and admin penalties.
 */
import { sha256 } from '../src/domain/audit.js';
import { makeUscc } from '../src/domain/identifiers/index.js';
import { recordVersionId, subjectIdFor } from '../src/domain/ids.js';
import { BENCH_ID_KEY } from './bench-id-key.js';
import type { Authority } from '../src/domain/authority.js';
import type { RecordVersion } from '../src/domain/record.js';
import type { Subject } from '../src/domain/subject.js';

export const MODEL = 'tax_credit_rating';
const REGION = '110105';
const CREATED_AT = '2020-01-02T03:04:05.000Z';
const RECORDED_AT = '2026-05-01T08:00:00.000Z';
const GRADES = ['A', 'B', 'B', 'A', 'C', 'M', 'A', 'D'];

export const TAX_AUTHORITY: Authority = {
  id: makeUscc('11100000', '00001324'),
  name: '国家税务总局',
  nameEn: null,
  domains: ['tax'],
  regions: ['000000'],
};

export function subjectAt(i: number): Subject {
  const value = makeUscc(`91${REGION}`, String(i).padStart(8, '0'));
  return {
    id: subjectIdFor(BENCH_ID_KEY, 'uscc', value),
    kind: 'business',
    region: REGION,
    identifiers: [{ scheme: 'uscc', value, validFrom: null, validTo: null }],
    names: [{ name: `北京评级基准有限公司${i}`, lang: 'zh', script: 'Hans', current: true }],
    relations: [],
    createdAt: CREATED_AT,
  };
}

/** 3 to 7 records, 5 on average. */
export const recordCountAt = (i: number): number => 3 + (i % 5);

export function recordsAt(i: number, subjectId: string): RecordVersion[] {
  const rows: RecordVersion[] = [];
  for (let k = 0; k < recordCountAt(i); k++) {
    const ref = `B-${i}-${k}`;
    const id = recordVersionId(TAX_AUTHORITY.id, ref, 1);
    const base = {
      id,
      recordId: id,
      subjectId,
      version: 1,
      supersedes: null,
      action: 'submit' as const,
      reason: null,
      authorityId: TAX_AUTHORITY.id,
      legalBasis: '纳税信用管理办法 第十五条',
      documentNumber: null,
      effectiveDate: null,
      endDate: null,
      facts: null,
      severity: null,
      disclosure: 'public' as const,
      sourceRef: ref,
      contentHash: sha256(ref),
      recordedAt: RECORDED_AT,
      recordedBy: 'bench',
      amounts: [],
    };
    if (k < 3) {
      const year = 2023 + k;
      rows.push({
        ...base,
        type: 'tax_rating',
        decisionDate: `${year + 1}-04-01`,
        fields: { year, grade: GRADES[(i + k) % GRADES.length]! },
      });
    } else {
      // every 40th violation is over the direct-D thresholds (100,000 yuan and 10%)
      const big = (i + k) % 40 === 0;
      rows.push({
        ...base,
        type: 'tax_violation',
        decisionDate: '2025-09-01',
        documentNumber: `税稽罚〔2025〕${i}-${k}号`,
        fields: { violation_kind: 'evasion', evaded_share_percent: big ? 12 : 2 },
        amounts: [{ field: 'evaded_amount', minor: big ? 20_000_000 : 500_000, currency: 'CNY' }],
      });
    }
  }
  return rows;
}
