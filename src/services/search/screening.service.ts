import { dateOf } from '../../domain/clock.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import { publicIdentifier } from '../../domain/masking.js';
import { analyseName, normaliseIdentifier } from '../../domain/search/normalise.js';
import { displayName, type Subject, type SubjectKind } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import { DEFAULT_THRESHOLD, MAX_BATCH } from './screening-limits.js';
import type { ServiceDeps } from '../deps.js';
import { logScreenedPersons, screeningPurpose, type ScreeningAccess } from './screening-access.js';
import { identifierHit, rankSubjects, type Ranked } from './search.service.js';

export type { ScreeningAccess } from './screening-access.js';

/** One subject to screen, as a bank or a procurement office knows it (SPEC 4.9). */
export interface ScreenQuery {
  name?: string;
  identifiers?: string[];
  /** a person's birth date, YYYY-MM-DD */
  birthDate?: string;
  /** a person's birth year, where the whole date is not known */
  birthYear?: number;
  region?: string;
  kind?: SubjectKind;
}

/** How one feature of the query compares with the candidate, and what it did to the score. */
export interface Feature {
  feature: 'name' | 'identifier' | 'date' | 'region';
  outcome: 'match' | 'conflict' | 'unknown' | 'similar';
  effect: number;
  detail: string;
}

export interface Candidate {
  kind: SubjectKind;
  name: string;
  identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
  region: string | null;
  score: number;
  /** at or above the threshold */
  hit: boolean;
  /** for a person: how many persons on file carry this name, this one included */
  namesakes?: number;
  features: Feature[];
  /** list entries in force today */
  listEntries: Array<{
    listType: string;
    listName: string;
    colour: string;
    effectiveFrom: string | null;
    endsOn: string | null;
  }>;
}

export interface ScreenResult {
  threshold: number;
  candidates: Candidate[];
}

export { DEFAULT_THRESHOLD, MAX_BATCH };
const CANDIDATES = 5;
/** a different identifier of the same scheme, or another birth date: likely someone else */
const CONFLICT = -0.3;
const OTHER_PROVINCE = -0.1;
const SAME_DATE = 0.05;
const SAME_YEAR = 0.02;
/** the most namesakes of a person read to be ranked by region and birth date */
const NAMESAKES = 500;

/**
 * Screens a batch of queries: an identifier that names a subject decides (that subject alone,
 * score 1); otherwise the name finds candidates, and identifiers, the birth date and the region
 * raise or lower each one's score, feature by feature. Persons are candidates only for a
 * purpose (`ScreeningAccess`), and each one answered lands in its inquiry log.
 */
export async function screen(
  deps: ServiceDeps,
  queries: readonly ScreenQuery[],
  access: ScreeningAccess,
  threshold = DEFAULT_THRESHOLD,
): Promise<ScreenResult[]> {
  if (queries.length === 0 || queries.length > MAX_BATCH)
    throw new CredenceError('SCREEN_INVALID', `a batch holds 1 to ${MAX_BATCH} queries`, {
      field: 'queries',
    });
  const today = dateOf(deps.clock.now());
  for (const [at, q] of queries.entries()) {
    if (!q.name?.trim() && (q.identifiers ?? []).map(normaliseIdentifier).every((i) => !i))
      throw new CredenceError('SCREEN_INVALID', 'a query gives a name or an identifier', {
        field: `queries.${at}.name`,
      });
  }
  // before anything is read: persons only for a purpose, and then every one answered is logged
  const purpose = await screeningPurpose(deps, access, queries, today);
  const results: ScreenResult[] = [];
  const persons: Subject[] = [];
  for (const q of queries) {
    const result = await screenOne(deps, q, threshold, purpose?.admits ?? null);
    results.push(result.answer);
    persons.push(...result.subjects.filter((s) => s.kind === 'person'));
  }
  if (purpose !== null) await logScreenedPersons(deps, access, purpose, persons);
  return results;
}

async function screenOne(
  deps: ServiceDeps,
  q: ScreenQuery,
  threshold: number,
  // which persons may be candidates: null without a purpose (none)
  admits: ((person: Subject) => boolean) | null,
): Promise<{ answer: ScreenResult; subjects: Subject[] }> {
  const today = dateOf(deps.clock.now());
  const persons = admits !== null;
  const admitted = (s: Subject) => s.kind !== 'person' || admits?.(s) === true;
  const ids = (q.identifiers ?? []).map(normaliseIdentifier).filter(Boolean);
  for (const id of ids) {
    const found = await identifierHit(deps, id, today, persons);
    // a person outside the purpose's reach is answered as no one
    if (found && (found.subject.kind !== 'person' || admits?.(found.subject))) {
      const features: Feature[] = [
        { feature: 'identifier', outcome: 'match', effect: 1, detail: found.reasons[0] ?? '' },
      ];
      return answered(deps, [{ r: found, score: 1, features }], threshold, today, admitted);
    }
  }
  if (!q.name?.trim()) return { answer: { threshold, candidates: [] }, subjects: [] };
  const filter = { ...(q.kind ? { kind: q.kind } : {}) };
  const found = (await rankSubjects(deps, q.name.trim(), filter, today, persons))
    // without a purpose a person is no candidate: nothing is compared with what is on file
    .filter((r) => admitted(r.subject));
  // a person's name is shared: what the query gives besides ranks all who carry it
  const ranked =
    persons && (q.region || q.birthDate || q.birthYear)
      ? await withNamesakes(deps, found, admitted)
      : found.slice(0, CANDIDATES * 2);
  const scored: Scored[] = [];
  for (const r of ranked) {
    const features: Feature[] = [
      { feature: 'name', outcome: 'similar', effect: r.score, detail: r.reasons.join('; ') },
      ...compare(q, ids, r.subject, today),
    ];
    const score = Math.min(
      1,
      Math.max(
        0,
        features.reduce((s, f) => s + f.effect, 0),
      ),
    );
    scored.push({ r, score, features });
  }
  scored.sort((a, b) => rounded(b.score) - rounded(a.score));
  return answered(deps, scored.slice(0, CANDIDATES), threshold, today, admitted);
}

/** The answer to one query, and the subjects it names (whose inquiry logs it lands in). */
async function answered(
  deps: ServiceDeps,
  scored: readonly Scored[],
  threshold: number,
  today: string,
  admitted: (s: Subject) => boolean,
): Promise<{ answer: ScreenResult; subjects: Subject[] }> {
  return {
    answer: { threshold, candidates: await candidates(deps, scored, threshold, today, admitted) },
    subjects: scored.map((c) => c.r.subject),
  };
}

interface Scored {
  r: Ranked;
  score: number;
  features: Feature[];
}

/** The query's identifiers, birth date and region against the candidate's. */
function compare(q: ScreenQuery, ids: readonly string[], s: Subject, today: string): Feature[] {
  const features: Feature[] = [];
  const theirs = new Map(s.identifiers.map((i) => [i.scheme, i.value]));
  for (const raw of ids) {
    const parsed = safeParseIdentifier(raw, { today, field: 'identifiers' });
    if (!parsed.ok) continue;
    const other = theirs.get(parsed.info.scheme);
    features.push(
      other === undefined
        ? {
            feature: 'identifier',
            outcome: 'unknown',
            effect: 0,
            detail: `no ${parsed.info.scheme} on file`,
          }
        : {
            feature: 'identifier',
            outcome: 'conflict',
            effect: CONFLICT,
            detail: `${parsed.info.scheme} differs`,
          },
    );
  }
  if (q.birthDate) {
    const date = birthDateOf(s, today);
    features.push(
      date === undefined
        ? { feature: 'date', outcome: 'unknown', effect: 0, detail: 'no birth date on file' }
        : date === q.birthDate
          ? { feature: 'date', outcome: 'match', effect: SAME_DATE, detail: 'birth date matches' }
          : {
              feature: 'date',
              outcome: 'conflict',
              effect: CONFLICT,
              detail: 'birth date differs',
            },
    );
  }
  if (q.birthYear !== undefined && !q.birthDate) {
    const year = birthDateOf(s, today)?.slice(0, 4);
    features.push(
      year === undefined
        ? { feature: 'date', outcome: 'unknown', effect: 0, detail: 'no birth date on file' }
        : Number(year) === q.birthYear
          ? { feature: 'date', outcome: 'match', effect: SAME_YEAR, detail: 'birth year matches' }
          : {
              feature: 'date',
              outcome: 'conflict',
              effect: CONFLICT,
              detail: 'birth year differs',
            },
    );
  }
  if (q.region && s.region) {
    const same = s.region.startsWith(q.region) || q.region.startsWith(s.region);
    const province = s.region.slice(0, 2) === q.region.slice(0, 2);
    features.push({
      feature: 'region',
      outcome: same || province ? 'match' : 'conflict',
      effect: same || province ? 0 : OTHER_PROVINCE,
      detail: same || province ? `region ${s.region}` : `region ${s.region}, not ${q.region}`,
    });
  }
  return features;
}

/** A person's birth date, as their resident identity number has it. */
function birthDateOf(s: Subject, today: string): string | undefined {
  const ric = s.identifiers.find((i) => i.scheme === 'ric');
  const born = ric ? safeParseIdentifier(ric.value, { today, field: 'ric' }) : null;
  return born?.ok ? born.info.birthDate : undefined;
}

const rounded = (score: number): number => Math.round(score * 1000) / 1000;

/** The candidates as answered, with their list entries in force (one read for them all). */
async function candidates(
  deps: ServiceDeps,
  scored: readonly Scored[],
  threshold: number,
  today: string,
  admitted: (s: Subject) => boolean,
): Promise<Candidate[]> {
  const entries = await deps.store.listEntriesOf(scored.map((c) => c.r.subject.id));
  const namesakes = await namesakeCounts(
    deps,
    scored.map((c) => c.r.subject),
    admitted,
  );
  return scored.map(({ r, score, features }) => ({
    kind: r.subject.kind,
    name: displayName(r.subject),
    identifiers: r.subject.identifiers.map((i) => publicIdentifier(r.subject.kind, i)),
    region: r.subject.region,
    score: rounded(score),
    hit: score >= threshold,
    ...(namesakes.has(r.subject.id) ? { namesakes: namesakes.get(r.subject.id) } : {}),
    features,
    listEntries: entries
      .filter((e) => e.subjectId === r.subject.id && isInForce(e, today))
      .map((e) => {
        const type = deps.catalog.listTypes.get(e.listType);
        return {
          listType: e.listType,
          listName: type?.name.zh ?? e.listType,
          colour: type?.colour ?? 'black',
          effectiveFrom: e.effectiveFrom,
          endsOn: e.endsOn,
        };
      }),
  }));
}

/** The key a person's whole name is found by: its characters, or its Latin letters. */
function nameKeyOf(name: string): string {
  const a = analyseName(name, 'person');
  return a.han || a.latin;
}

/**
 * The hits, and every other person who carries the best hit's name (a person's hit is
 * its name, and namesakes score alike): the region and birth date the query gives decide.
 */
async function withNamesakes(
  deps: ServiceDeps,
  ranked: readonly Ranked[],
  admitted: (s: Subject) => boolean,
): Promise<Ranked[]> {
  const top = ranked[0];
  if (!top || top.subject.kind !== 'person') return [...ranked];
  const rows = await deps.store.matchSearchKeys(
    [nameKeyOf(top.matched)],
    { kind: 'person' },
    NAMESAKES,
    ['han', 'latin'],
  );
  const known = new Set(ranked.map((r) => r.subject.id));
  const others = [...new Set(rows.map((r) => r.subjectId))].filter((id) => !known.has(id));
  const subjects = others.length === 0 ? [] : await deps.store.getSubjects(others);
  return [
    ...ranked,
    ...subjects
      .filter(admitted)
      .map((subject): Ranked => ({ ...top, subject, matched: top.matched })),
  ];
}

/**
 * For each person among the subjects, how many persons the purpose reaches carry its name (up
 * to NAMESAKES): one it does not reach is counted no more than it is answered.
 */
async function namesakeCounts(
  deps: ServiceDeps,
  subjects: readonly Subject[],
  admitted: (s: Subject) => boolean,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const s of subjects) {
    if (s.kind !== 'person') continue;
    const rows = await deps.store.matchSearchKeys(
      [nameKeyOf(displayName(s))],
      { kind: 'person' },
      NAMESAKES,
      ['han', 'latin'],
    );
    const ids = [...new Set(rows.map((r) => r.subjectId))];
    const reached = ids.length === 0 ? [] : (await deps.store.getSubjects(ids)).filter(admitted);
    counts.set(s.id, reached.length);
  }
  return counts;
}
