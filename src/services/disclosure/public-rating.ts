import type { LocalizedText } from '../../domain/catalog.js';
import type { ListEntry } from '../../domain/list-entry.js';
import type { GradeBasis } from '../../domain/rating-model.js';
import type { StoredRating } from '../../domain/rating-run.js';
import type { GroupResult } from '../../domain/ratings/group-engine.js';
import type { PointsResult } from '../../domain/ratings/points-result.js';
import type { RecordVersion } from '../../domain/record.js';

/**
 * A public rating's explanation as data (principle 2.5): each step with its points and what is
 * behind it, named by record type or list and date, so that a reader gets a table, not the
 * CLI's text with internal ids. Records not public today are counted but not named.
 */

/** One record or list entry behind a step; `recordId` only when the record is public today. */
export interface PublicEvidence {
  kind: 'record' | 'list_entry';
  /** the record type or list type */
  type: string;
  /** the decision date of a record, the first day in force of an entry */
  date: string | null;
  /** the decay weight applied, 1 at full weight */
  factor: number;
  recordId: string | null;
}

export interface PublicRatingStep {
  /** start and rule move the score; direct and special set the grade; ceiling bounds it */
  kind: 'start' | 'rule' | 'carry_over' | 'cap' | 'range' | 'direct' | 'special' | 'ceiling';
  rule: string;
  label: LocalizedText;
  points: number | null;
  /** the rule's points before its cap, when the cap cut them */
  uncapped: number | null;
  /** the grade a direct, special or ceiling step set */
  grade: string | null;
  evidence: PublicEvidence[];
}

export interface PublicRatingReason {
  /** how the grade was reached: by score, set directly, or a special grade */
  basis: GradeBasis;
  /** the band the score alone falls in: differs from the grade when a rule set or bounded it */
  scoreGrade: string | null;
  steps: PublicRatingStep[];
}

/** The evidence a public reader may see of a file: its versions and its entries. */
export interface EvidenceSource {
  versions: readonly RecordVersion[];
  entries: readonly ListEntry[];
  /** ids of records (chains) public today */
  publicRecords: ReadonlySet<string>;
}

/** The structured explanation of a stored rating, in the public view's terms. */
export function publicRatingReason(
  rating: StoredRating,
  source: EvidenceSource,
): PublicRatingReason {
  if (rating.result.kind !== 'points') return { basis: 'score', scoreGrade: null, steps: [] };
  const result = rating.result as unknown as PointsResult;
  const version = new Map(source.versions.map((v) => [v.id, v]));
  const entry = new Map(source.entries.map((e) => [e.id, e]));
  const record = (id: string, factor = 1): PublicEvidence => {
    const v = version.get(id);
    const shown = v && source.publicRecords.has(v.recordId);
    return {
      kind: 'record',
      type: v?.type ?? '',
      date: v?.decisionDate ?? null,
      factor,
      recordId: shown ? v.recordId : null,
    };
  };
  const listed = (id: string, factor = 1): PublicEvidence => ({
    kind: 'list_entry',
    type: entry.get(id)?.listType ?? '',
    date: entry.get(id)?.effectiveFrom ?? null,
    factor,
    recordId: null,
  });
  const behind = (recordIds: readonly string[], entryIds: readonly string[]) => [
    ...entryIds.map((id) => listed(id)),
    ...(entryIds.length > 0 ? [] : recordIds.map((id) => record(id))),
  ];
  const steps: PublicRatingStep[] = result.contributions.map((c) => ({
    kind: c.source,
    rule: c.rule,
    label: c.label,
    points: c.points,
    uncapped: c.uncapped ?? null,
    grade: null,
    evidence: c.items
      ? c.items.map((i) =>
          i.entryId ? listed(i.entryId, i.factor) : record(i.recordId ?? '', i.factor),
        )
      : behind(c.recordIds, c.entryIds),
  }));
  const graded = (
    kind: 'direct' | 'special' | 'ceiling',
    g: {
      rule: string;
      label: LocalizedText;
      grade: string;
      recordIds: string[];
      entryIds: string[];
    },
  ): PublicRatingStep => ({
    kind,
    rule: g.rule,
    label: g.label,
    points: null,
    uncapped: null,
    grade: g.grade,
    evidence: behind(g.recordIds, g.entryIds),
  });
  if (result.directGrade) steps.push(graded('direct', result.directGrade));
  if (result.specialGrade) steps.push(graded('special', result.specialGrade));
  for (const c of result.ceilings ?? []) steps.push(graded('ceiling', c));
  return { basis: result.basis, scoreGrade: result.scoreGrade, steps };
}

/** What the public reads of a group rating (issue 22): the count and share behind it, nothing of a member. */
export interface PublicGroupCount {
  membership: string;
  /** the members' plural noun, as the count reads (households, villages) */
  plural: LocalizedText;
  members: number;
  atOrAbove: number;
  withoutRating: number;
  share: number;
  met: boolean;
  gradeLabel: LocalizedText;
  threshold: GroupResult['threshold'];
}

/** The count and share of a group rating; null for a rating of any other kind. */
export function publicGroupCount(rating: StoredRating): PublicGroupCount | null {
  if (rating.result.kind !== 'group') return null;
  const r = rating.result as unknown as GroupResult;
  return {
    membership: r.membership,
    plural: r.plural,
    members: r.members,
    atOrAbove: r.atOrAbove,
    withoutRating: r.withoutRating,
    share: r.share,
    met: r.met,
    gradeLabel: r.gradeLabel,
    threshold: r.threshold,
  };
}
