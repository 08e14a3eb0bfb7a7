import type { Subject, SubjectName } from './subject.js';

/**
 * Merging a duplicate subject into the one kept (SPEC 4.1): a human decision, recorded with
 * exactly what moved, so that undoing it moves back exactly that.
 */

/** An identifier or name row that moved: its position in the duplicate, and in the subject kept. */
export interface PositionMove {
  from: number;
  to: number;
}

/** A name that moved, and whether it was current in the duplicate (an undo restores it). */
export interface NameMove extends PositionMove {
  current: boolean;
}

/** A moved relation a merge ended on its day, and the end it had before (an undo gives it back). */
export interface EndedRelation {
  id: number;
  validTo: string | null;
}

/** Every row a merge moved from the duplicate to the subject kept, by key. */
export interface MergeMoves {
  identifiers: PositionMove[];
  names: NameMove[];
  /** the duplicate's own relations (by relation id) */
  relations: number[];
  /** relations of other subjects that named the duplicate, now naming the subject kept */
  relationsTo: number[];
  /**
   * moved relations the merge ended as redundant, with the end each had: one that came to relate
   * the subject kept to itself, or to repeat a relation its subject already held in force
   */
  ended: EndedRelation[];
  versions: string[];
  entries: string[];
  /** list transitions, by seq */
  transitions: number[];
  ratings: string[];
  objections: string[];
  repairs: string[];
  /** inquiry log entries, by seq */
  inquiries: number[];
  /** the duplicate's own (subject role) accounts */
  accounts: string[];
}

/**
 * Rows added to the subject kept after the merge that belong to a moved item (a later version
 * of a moved record, a transition of a moved entry, an objection or repair application about a
 * moved item): an undo sends them back with it, so no item's history is split in two.
 */
export interface MergeFollowers {
  versions: string[];
  transitions: number[];
  objections: string[];
  repairs: string[];
}

export interface MergeUndo {
  at: string;
  by: string;
  reason: string;
  followers: MergeFollowers;
}

export interface SubjectMerge {
  id: string;
  /** the subject kept: it keeps its id */
  subjectId: string;
  /** the duplicate merged into it: its row stays, marked merged */
  duplicateId: string;
  reason: string;
  mergedAt: string;
  mergedBy: string;
  moved: MergeMoves;
  undone: MergeUndo | null;
}

/** Of the duplicate's names (by index, in its order), one that moves, with its flag in the subject kept. */
export interface NamePlan {
  index: number;
  current: boolean;
}

/** What a store needs to carry out a merge; it finds the rows to move itself. */
export interface MergePlan {
  id: string;
  subjectId: string;
  duplicateId: string;
  reason: string;
  at: string;
  by: string;
  names: NamePlan[];
}

const sameName = (a: SubjectName, b: SubjectName): boolean =>
  a.lang === b.lang && a.name === b.name;

/**
 * Which of the duplicate's names move to the subject kept: each it does not already have. A
 * moved name stays current only where the subject kept has no current name in its language
 * (the subject kept speaks for itself); otherwise it becomes former, still found by search.
 */
export function mergedNames(
  kept: Pick<Subject, 'names'>,
  duplicate: Pick<Subject, 'names'>,
): NamePlan[] {
  const currentLangs = new Set(kept.names.filter((n) => n.current).map((n) => n.lang));
  const plan: NamePlan[] = [];
  duplicate.names.forEach((name, index) => {
    if (kept.names.some((k) => sameName(k, name))) return;
    const current = name.current && !currentLangs.has(name.lang);
    if (current) currentLangs.add(name.lang);
    plan.push({ index, current });
  });
  return plan;
}

/** The merge still in force that merged `subjectId` away, if any. */
export const activeMergeOf = (
  merges: readonly SubjectMerge[],
  subjectId: string,
): SubjectMerge | undefined => merges.find((m) => m.duplicateId === subjectId && !m.undone);

export const RENAME_LANGS = ['zh', 'en'] as const;
export type RenameLang = (typeof RENAME_LANGS)[number];

const HAN = /\p{Script=Han}/u;

/** A new current name: Chinese (simplified script) when it has Han characters, else English. */
export function currentName(name: string, lang?: RenameLang): SubjectName {
  const chosen = lang ?? (HAN.test(name) ? 'zh' : 'en');
  return { name, lang: chosen, script: chosen === 'zh' ? 'Hans' : 'Latn', current: true };
}
