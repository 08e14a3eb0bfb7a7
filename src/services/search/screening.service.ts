import { dateOf } from '../../domain/clock.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import { publicIdentifier } from '../../domain/masking.js';
import { normaliseIdentifier } from '../../domain/search/normalise.js';
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
  const ids = (q.identifiers ?? []).map(normaliseIdentifier).filter(Boolean);
  for (const id of ids) {
    const found = await identifierHit(deps, id, today, persons);
    // a person outside the purpose's reach is answered as no one
    if (found && (found.subject.kind !== 'person' || admits?.(found.subject))) {
      const features: Feature[] = [
        { feature: 'identifier', outcome: 'match', effect: 1, detail: found.reasons[0] ?? '' },
      ];
      return answered(deps, [{ r: found, score: 1, features }], threshold, today);
    }
  }
  if (!q.name?.trim()) return { answer: { threshold, candidates: [] }, subjects: [] };
  const filter = { ...(q.kind ? { kind: q.kind } : {}) };
  const ranked = (await rankSubjects(deps, q.name.trim(), filter, today, persons))
    // without a purpose a person is no candidate: nothing is compared with what is on file
    .filter((r) => r.subject.kind !== 'person' || admits?.(r.subject) === true)
    .slice(0, CANDIDATES * 2);
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
  return answered(deps, scored.slice(0, CANDIDATES), threshold, today);
}

/** The answer to one query, and the subjects it names (whose inquiry logs it lands in). */
async function answered(
  deps: ServiceDeps,
  scored: readonly Scored[],
  threshold: number,
  today: string,
): Promise<{ answer: ScreenResult; subjects: Subject[] }> {
  return {
    answer: { threshold, candidates: await candidates(deps, scored, threshold, today) },
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
    const ric = s.identifiers.find((i) => i.scheme === 'ric');
    const born = ric ? safeParseIdentifier(ric.value, { today, field: 'ric' }) : null;
    const date = born?.ok ? born.info.birthDate : undefined;
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

const rounded = (score: number): number => Math.round(score * 1000) / 1000;

/** The candidates as answered, with their list entries in force (one read for them all). */
async function candidates(
  deps: ServiceDeps,
  scored: readonly Scored[],
  threshold: number,
  today: string,
): Promise<Candidate[]> {
  const entries = await deps.store.listEntriesOf(scored.map((c) => c.r.subject.id));
  return scored.map(({ r, score, features }) => ({
    kind: r.subject.kind,
    name: displayName(r.subject),
    identifiers: r.subject.identifiers.map((i) => publicIdentifier(r.subject.kind, i)),
    region: r.subject.region,
    score: rounded(score),
    hit: score >= threshold,
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
