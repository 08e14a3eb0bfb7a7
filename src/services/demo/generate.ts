/** A seeded, synthetic, realistic demo data set: authorities, subjects, records and relations. */
import type { Catalog } from '../../domain/catalog.js';
import type { SubjectKind } from '../../domain/subject.js';
import type { AuthorityInput } from '../authorities.service.js';
import type { SubmissionInput } from '../records/submission.js';
import { authorityInput, demoAuthorities } from './authorities.js';
import { toDays } from './calendar.js';
import { personNamePool } from './names.js';
import { mixSeed, Rng } from '../../domain/prng.js';
import {
  buildRecord,
  DEMO_RECORD_TYPES,
  TYPE_WEIGHTS,
  type DemoRecordType,
  type RecordContext,
} from './records.js';
import { entityAt, subjectAt, type DemoSubject, type NamePool } from './subjects.js';

export interface DemoOptions {
  subjects: number;
  /** average records per subject (default 5); each subject has at least one */
  recordsPerSubject?: number;
  seed: number;
  /** YYYY-MM-DD: no decision date is later, birth dates and ages count from it */
  today: string;
  /** stop after this many rows */
  maxRows?: number;
  /** when given, types it lacks are left out and each type goes only to the subject kinds it allows */
  catalog?: Pick<Catalog, 'recordTypes'>;
}

/** `other` stands in `kind` to `subject` (both identifiers of subjects in the data set). */
export interface DemoRelation {
  subject: string;
  kind: 'legal_representative';
  other: string;
}

export interface DemoExamples {
  /** an enterprise with several records, one of them an administrative penalty */
  business: string | null;
  person: string | null;
}

export interface DemoData {
  authorities: AuthorityInput[];
  /** every row, generated afresh on each call: the same rows for the same options, in flat memory */
  rows(): Iterable<SubmissionInput>;
  relations(): DemoRelation[];
  examples(): DemoExamples;
  subject(index: number): DemoSubject;
}

// share of enterprises whose legal representative is a person of the data set
const REPRESENTED = 0.08;
const SEARCH = 30;

/** Builds the demo data set; nothing is generated until rows(), relations() or examples() is called. */
export function generateDemo(options: DemoOptions): DemoData {
  const { seed, subjects: count } = options;
  const average = Math.max(1, options.recordsPerSubject ?? 5);
  const names: NamePool = personNamePool(seed);
  const authorities = demoAuthorities();
  // records are dated back from today: a run on another day makes other records, not conflicting ones
  const refPrefix = `DEMO-${seed}-${options.today.replaceAll('-', '')}`;
  const ctx: RecordContext = { today: toDays(options.today), refPrefix, authorities };
  const mix = typeMix(options.catalog);
  const subject = (index: number) => subjectAt(seed, index, names).subject;

  function* rowsOf(index: number): Generator<SubmissionInput> {
    const { subject: s, rng } = subjectAt(seed, index, names);
    const { types, weights } = mix[s.kind];
    if (types.length === 0) return;
    const n = 1 + Math.floor(rng.next() * (2 * average - 1));
    const seen = new Map<string, number>();
    for (let k = 0; k < n; k++)
      yield buildRecord(ctx, rng, s, k, rng.weighted(types, weights), seen);
  }

  return {
    authorities: authorities.map(authorityInput),
    *rows() {
      let left = options.maxRows ?? Infinity;
      for (let i = 0; i < count && left > 0; i++) {
        for (const row of rowsOf(i)) {
          yield row;
          if (--left <= 0) return;
        }
      }
    },
    relations() {
      const out: DemoRelation[] = [];
      for (let i = 0; i < count; i++) {
        if (entityAt(seed, i) !== '91' || !new Rng(mixSeed(seed, i, 3)).chance(REPRESENTED))
          continue;
        for (let j = i + 1; j < Math.min(count, i + SEARCH); j++) {
          if (entityAt(seed, j) !== 'person') continue;
          out.push({
            subject: subject(i).identifier,
            kind: 'legal_representative',
            other: subject(j).identifier,
          });
          break;
        }
      }
      return out;
    },
    examples() {
      let business: string | null = null;
      let person: string | null = null;
      for (let i = 0; i < count && (business === null || person === null); i++) {
        const s = subject(i);
        if (s.kind === 'person') person ??= s.identifier;
        if (s.entity !== '91' || business !== null) continue;
        const types = [...rowsOf(i)].map((r) => r.type);
        if (types.length >= 4 && types.includes('admin_penalty')) business = s.identifier;
      }
      return { business, person };
    },
    subject,
  };
}

function typeMix(catalog: DemoOptions['catalog']) {
  const mix = {} as Record<SubjectKind, { types: DemoRecordType[]; weights: number[] }>;
  for (const kind of Object.keys(TYPE_WEIGHTS) as SubjectKind[]) {
    const types = DEMO_RECORD_TYPES.filter((t) => {
      if (TYPE_WEIGHTS[kind][t] === undefined) return false;
      if (!catalog) return true;
      return catalog.recordTypes.get(t)?.subjectKinds.includes(kind) ?? false;
    });
    mix[kind] = { types, weights: types.map((t) => TYPE_WEIGHTS[kind][t] as number) };
  }
  return mix;
}
