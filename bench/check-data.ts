/**
 * The synthetic store of the check benchmark, deterministic from the subject index, so that
 * every phase knows what it holds without reading it back:
 *
 * - even indices are businesses (USCC), odd ones persons (resident ID); one identifier, one name
 * - 5% are listed (index mod 40 is 0 or 1): an effective, open-ended `consumption_restriction` entry
 * - 1% of the listed businesses (index mod 4000 is 0) name the person at index + 3 (unlisted)
 *   as their legal representative, so that person is denied as well
 */
import { sha256 } from '../src/domain/audit.js';
import { makeRic, makeUscc } from '../src/domain/identifiers/index.js';
import { subjectIdFor } from '../src/domain/ids.js';
import { BENCH_ID_KEY } from './bench-id-key.js';
import type { ListEntry, NewListTransition } from '../src/domain/list-entry.js';
import type { IdentifierScheme, Subject } from '../src/domain/subject.js';

export const LIST_TYPE = 'consumption_restriction';
export const ACTION = 'rail.g_train_ticket';
const REGION = '110105';
const COURT = 'bench-court';
const CREATED_AT = '2025-01-02T03:04:05.000Z';
const LISTED_EVERY = 40;
const REPRESENTED_EVERY = 4000;
const REPRESENTATIVE_OFFSET = 3;

export interface SampleItem {
  index: number;
  scheme: IdentifierScheme;
  value: string;
  /** listed itself */
  listed: boolean;
  /** legal representative of a listed business */
  represents: boolean;
}

export const isBusiness = (i: number): boolean => i % 2 === 0;
export const isListed = (i: number): boolean => i % LISTED_EVERY < 2;
const hasRepresentative = (i: number, n: number): boolean =>
  i % REPRESENTED_EVERY === 0 && i + REPRESENTATIVE_OFFSET < n;
/** the person stands behind the listed business at i - 3 (which exists, as i < n) */
const represents = (i: number): boolean => i % REPRESENTED_EVERY === REPRESENTATIVE_OFFSET;

export function identifierAt(i: number): { scheme: IdentifierScheme; value: string } {
  if (isBusiness(i)) return { scheme: 'uscc', value: makeUscc(`91${REGION}`, pad8(i / 2)) };
  // 999 people per birth date from 1950: room for ~27 million persons before the dates reach today
  const p = (i - 1) / 2;
  const birth = new Date(Date.UTC(1950, 0, 1 + Math.floor(p / 999))).toISOString().slice(0, 10);
  return { scheme: 'ric', value: makeRic(REGION, birth, (p % 999) + 1) };
}

const pad8 = (n: number): string => String(n).padStart(8, '0');

const subjectIdAt = (i: number): string => {
  const { scheme, value } = identifierAt(i);
  return subjectIdFor(BENCH_ID_KEY, scheme, value);
};

export function subjectAt(i: number, n: number): Subject {
  const { scheme, value } = identifierAt(i);
  const business = isBusiness(i);
  return {
    id: subjectIdFor(BENCH_ID_KEY, scheme, value),
    kind: business ? 'business' : 'person',
    region: REGION,
    identifiers: [{ scheme, value, validFrom: null, validTo: null }],
    names: [
      {
        name: business ? `北京基准测试有限公司${i}` : `测试${i}`,
        lang: 'zh',
        script: 'Hans',
        current: true,
      },
    ],
    relations: hasRepresentative(i, n)
      ? [
          {
            kind: 'legal_representative',
            otherId: subjectIdAt(i + REPRESENTATIVE_OFFSET),
            validFrom: null,
            validTo: null,
          },
        ]
      : [],
    createdAt: CREATED_AT,
  };
}

/** The effective entry of a listed subject, as of `effectiveFrom` (a past date), open-ended. */
export function entryAt(subjectId: string, i: number, effectiveFrom: string): ListEntry {
  return {
    id: `lst_${sha256(`bench entry ${i}`).slice(0, 24)}`,
    subjectId,
    listType: LIST_TYPE,
    state: 'effective',
    authorityId: COURT,
    recordIds: [],
    circumstance: null,
    proposedOn: effectiveFrom,
    noticeEnds: effectiveFrom,
    noticeWaived: false,
    effectiveFrom,
    endsOn: null,
    removedOn: null,
    removal: null,
    lastSeq: 0,
  };
}

/** The decision that made `entry` effective. */
export function decisionOf(entry: ListEntry, at: string): NewListTransition {
  return {
    entryId: entry.id,
    subjectId: entry.subjectId,
    listType: entry.listType,
    kind: 'decide',
    fromState: 'noticed',
    toState: 'effective',
    effectiveDate: entry.effectiveFrom!,
    at,
    actor: 'bench',
    reason: 'benchmark data',
    recordIds: [],
    data: { effectiveFrom: entry.effectiveFrom, endsOn: null },
  };
}

/** A small seeded PRNG (mulberry32): the same sample in every run and every phase. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * `size` distinct subjects drawn uniformly at random (so ~5% listed), plus 1% of the sample
 * drawn from the legal representatives of listed businesses: uniformly there would be only
 * ~2 of them in 10,000, too few to exercise the relation path.
 */
export function sampleOf(n: number, size: number, seed: number): SampleItem[] {
  const rand = random(seed);
  const want = Math.min(size, n);
  const representatives: number[] = [];
  for (let i = REPRESENTATIVE_OFFSET; i < n; i += REPRESENTED_EVERY) representatives.push(i);
  const chosen = new Set(
    shuffle(representatives, rand).slice(0, Math.min(Math.round(want / 100), want)),
  );
  while (chosen.size < want) chosen.add(Math.floor(rand() * n));
  return shuffle([...chosen], rand).map((index) => ({
    index,
    ...identifierAt(index),
    listed: isListed(index),
    represents: represents(index),
  }));
}
