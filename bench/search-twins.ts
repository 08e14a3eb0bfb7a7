/**
 * How ambiguous a noisy query is: the other subjects it fits at least as well as its true
 * answer by the very form it was made from (its twins), so that no name search can tell them
 * apart. Initials and pinyin are shared by names of other characters (xdkj, xindakeji), an
 * English name by homophones, and a typo can land as near another name as its own.
 */
import { distance } from 'fastest-levenshtein';
import type { KnownName, NoisyQuery } from '../src/domain/search/noise.js';
import { editNeighbours } from '../src/domain/search/neighbours.js';
import { analyseName, foldText } from '../src/domain/search/normalise.js';
import type { Store } from '../src/store/store.js';

export interface TwinTruth extends KnownName {
  nameEn: string | null;
  id: string;
}

const HAN = /\p{Script=Han}/u;
const ROWS = 10_000;
const unspaced = (text: string) => foldText(text).replaceAll(' ', '');

/**
 * The identifiers (each subject's first) of the other subjects the query fits as well as its
 * truth, by the form it was made from: each is as right an answer as the truth.
 */
export async function twinsOf(store: Store, q: NoisyQuery<TwinTruth>): Promise<string[]> {
  const truth = analyseName(q.truth.name, 'business');
  const form = unspaced(q.query);
  const others = async (ids: Iterable<string>) => {
    const twins = [...new Set(ids)].filter((id) => id !== q.truth.id);
    const subjects = await store.getSubjects(twins);
    return subjects.map((s) => s.identifiers[0]!.value);
  };
  const keyed = async (values: string[], kinds: string[]) =>
    (await store.matchSearchKeys(values, {}, ROWS))
      .filter((m) => kinds.includes(m.kind))
      .map((m) => m.subjectId);
  switch (q.noise) {
    case 'initials':
      return others(await keyed([form], ['initials', 'region-initials']));
    case 'pinyin':
      return others(await keyed([form], ['pinyin', 'region-pinyin']));
    case 'typo': {
      if (!HAN.test(q.query)) {
        const own = Math.min(distance(form, truth.pinyin), distance(form, truth.regionPinyin));
        const near = await store.matchSearchKeys(editNeighbours(form, Infinity), {}, ROWS);
        return others(
          near
            .filter(
              (m) =>
                (m.kind === 'pinyin' || m.kind === 'region-pinyin') && distance(form, m.key) <= own,
            )
            .map((m) => m.subjectId),
        );
      }
      // a mistyped character changes at most one initial: every name as near is among these
      const initials = analyseName(q.query, 'business').regionInitials;
      const ids = await keyed(editNeighbours(initials, Infinity), ['region-initials']);
      const own = distance(form, unspaced(q.truth.name));
      const subjects = await store.getSubjects([...new Set(ids)]);
      return others(
        subjects
          .filter((s) => s.names.some((n) => distance(form, unspaced(n.name)) <= own))
          .map((s) => s.id),
      );
    }
    default: {
      // the other kinds keep the name's characters, or are its English name
      if (HAN.test(q.query) || !q.truth.nameEn) return [];
      const en = analyseName(q.truth.nameEn, 'business').latin;
      const subjects = await store.getSubjects(await keyed([en], ['latin']));
      const wanted = unspaced(q.truth.nameEn);
      return others(
        subjects.filter((s) => s.names.some((n) => unspaced(n.name) === wanted)).map((s) => s.id),
      );
    }
  }
}
