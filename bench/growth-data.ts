/**
 * The synthetic registry of the growth benchmark, each subject a function of its index, made of
 * the other benchmarks' generators so that a store can be grown a step at a time:
 *
 * - subjects: the search benchmark's (bench/search-data.ts): 80% enterprises with realistic
 *   names, 20% persons, valid USCCs and resident IDs, room for 21 million indices
 * - records: 3 to 7 (5 on average) per subject, the rating benchmark's tax records
 *   (bench/rate-data.ts): tax grades of three years and tax violations, decided 2024 to 2026, so
 *   that on a given day some are public and some past their window; a person, who has no tax
 *   grade, has an overdue utility bill (restricted, never public) in place of each grade
 * - list entries: the check benchmark's (bench/check-data.ts): 5% listed (index mod 40 is 0 or 1)
 */
import { dateOf } from '../src/domain/clock.js';
import { recordVersionId } from '../src/domain/ids.js';
import type { ListEntry, NewListTransition } from '../src/domain/list-entry.js';
import type { RecordVersion } from '../src/domain/record.js';
import type { Subject } from '../src/domain/subject.js';
import { authorityInput, demoAuthorities } from '../src/services/demo/authorities.js';
import type { Authority } from '../src/domain/authority.js';
import { decisionOf, entryAt, isListed, random } from './check-data.js';
import { recordsAt, TAX_AUTHORITY } from './rate-data.js';
import { benchIdentifierAt, benchSubjectAt } from './search-data.js';

export { isListed } from './check-data.js';
export const identifierAt = benchIdentifierAt;
export const isBusinessAt = (i: number): boolean => i % 5 !== 4;

const UTILITY: Authority = (() => {
  const a = demoAuthorities().find((d) => d.role === 'utility')!;
  return { ...authorityInput(a), nameEn: a.nameEn ?? null };
})();

/** the authorities the records name: the demo set (the import's rows name them) and the tax office */
export const AUTHORITIES: readonly Authority[] = [
  ...demoAuthorities().map((a) => ({ ...authorityInput(a), nameEn: a.nameEn ?? null })),
  TAX_AUTHORITY,
];

export const subjectAt = (i: number): Subject => benchSubjectAt(i).subject;

/** A subject's records: a business's as the rating benchmark has them; a person's tax grades become overdue bills. */
export function recordsOf(i: number, subject: Subject): RecordVersion[] {
  const rows = recordsAt(i, subject.id);
  if (subject.kind === 'business') return rows;
  return rows.map((r) => {
    if (r.type !== 'tax_rating') return r;
    const id = recordVersionId(UTILITY.id, r.sourceRef, 1);
    return {
      ...r,
      id,
      recordId: id,
      type: 'bill_overdue',
      authorityId: UTILITY.id,
      legalBasis: '征信业管理条例 第十三条',
      disclosure: 'restricted' as const,
      fields: { provider: UTILITY.name, service: 'electricity', cycles_overdue: 1 + (i % 6) },
      amounts: [{ field: 'amount', minor: 10_000 + (i % 97) * 1_000, currency: 'CNY' }],
    };
  });
}

/** The effective entry of a listed subject and the decision that made it so, as of a month ago. */
export function listingOf(
  i: number,
  subjectId: string,
  now: Date,
): { entry: ListEntry; decision: NewListTransition } | null {
  if (!isListed(i)) return null;
  const entry = entryAt(subjectId, i, dateOf(new Date(now.getTime() - 30 * 86_400_000)));
  return { entry, decision: decisionOf(entry, now.toISOString()) };
}

/**
 * `size` distinct indices drawn uniformly from [0, n) that `keep` accepts, the same for a given
 * seed: a sample of the same size at every store size, spread over the whole store.
 */
export function sampleIndices(
  n: number,
  size: number,
  seed: number,
  keep: (i: number) => boolean = () => true,
): number[] {
  const rand = random(seed);
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < Math.min(size, n) && tries < size * 100; tries++) {
    const i = Math.floor(rand() * n);
    if (keep(i)) chosen.add(i);
  }
  return [...chosen];
}

/** The businesses whose public views the serve phase requests: a sample of the same size at every store size. */
export const servedIndices = (n: number, seed: number): number[] =>
  sampleIndices(n, 20_000, seed + 4, isBusinessAt);
