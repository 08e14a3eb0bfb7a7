import { appliesInRegion } from '../../domain/catalog-layers.js';
import type { ListEntry } from '../../domain/list-entry.js';
import { expireIfDue } from '../../domain/list-lifecycle.js';
import type { RatingModel } from '../../domain/rating-model.js';
import type { StoredRating } from '../../domain/rating-run.js';
import type { RecordFacts } from '../../domain/record.js';
import { currentVersionsOn } from '../../domain/record-versions.js';
import { evaluateGroupModel, type MemberEvidence } from '../../domain/ratings/group-engine.js';
import { evaluatePointsModel } from '../../domain/ratings/points-engine.js';
import type { PointsResult, PreviousResult } from '../../domain/ratings/points-result.js';
import { characteristicVector } from '../../domain/scorecard/characteristics.js';
import type { ScorecardModel } from '../../domain/scorecard/model.js';
import { scoreVector } from '../../domain/scorecard/scorecard.js';
import type { SubjectSummary } from '../../store/store.js';

/** What one subject brings to an evaluation: its records, its entries as of the date, its history. */
export interface SubjectEvidence {
  subject: SubjectSummary;
  /** every stored version of its records; the evaluation picks the current ones */
  versions: readonly RecordFacts[];
  /** its list entries as they stood on the as-of date */
  entries: readonly ListEntry[];
  /** its latest published rating under the model for an earlier period, if any */
  previous: StoredRating | null;
  /** a group model's view of the subject's members; absent when the subject is no group of it */
  members?: MemberEvidence;
}

/** A result ready to store: the explained result, with its score and grade lifted out. */
export interface Evaluation {
  /** the last day of the period evaluated (null for a model without periods) */
  periodEnd: string | null;
  score: number | null;
  grade: string;
  result: Record<string, unknown>;
}

/** Rates one subject under one model as of a date; null when the model does not apply to it. */
export function evaluateModel(
  model: RatingModel,
  evidence: SubjectEvidence,
  asOf: string,
): Evaluation | null {
  // a regional layer's model rates only subjects in its region (issue 22)
  if (!appliesInRegion(model, evidence.subject.region)) return null;
  const records = currentVersionsOn(evidence.versions, asOf).filter((r) => r.decisionDate <= asOf);
  if (model.kind === 'scorecard') return evaluateScorecard(model, evidence, records, asOf);
  if (model.kind === 'group') {
    if (!evidence.members) return null;
    const result = evaluateGroupModel(model, evidence.subject.id, evidence.members, asOf);
    // the score is the share in percent: a number a comparison of runs can show
    const score = Math.round(result.share * 10000) / 100;
    return { periodEnd: null, score, grade: result.grade, result: { ...result } };
  }
  const result = evaluatePointsModel(
    model,
    {
      subject: evidence.subject,
      records,
      listEntries: evidence.entries.map((e) => expireIfDue(e, asOf)),
      previous: previousResult(evidence.previous),
    },
    asOf,
  );
  if (!result) return null;
  return {
    periodEnd: result.period.end,
    score: result.score,
    grade: result.grade,
    result: result as unknown as Evaluation['result'],
  };
}

/** The stored result the engine may carry over from (it checks it is the period right before). */
function previousResult(previous: StoredRating | null): PreviousResult | null {
  const result = previous?.result as unknown as PointsResult | undefined;
  return result?.kind === 'points' ? result : null;
}

function evaluateScorecard(
  model: ScorecardModel,
  evidence: SubjectEvidence,
  records: readonly RecordFacts[],
  asOf: string,
): Evaluation | null {
  const kind = evidence.subject.kind;
  if (kind !== 'person' && kind !== 'business') return null;
  if (!model.subjects.includes(kind)) return null;
  const scored = scoreVector(model, characteristicVector(model, records, asOf));
  // each characteristic names the records it was computed from
  const characteristics = scored.characteristics.map((c) => {
    const source = model.characteristics.find((m) => m.name === c.name)?.source;
    const recordIds = source
      ? records.filter((r) => r.type === source.recordType).map((r) => r.id)
      : [];
    return { ...c, recordIds };
  });
  const score = Math.round(scored.score * 100) / 100;
  const grade = scored.threshold ?? String(Math.round(scored.score));
  return {
    periodEnd: null,
    score,
    grade,
    result: {
      kind: 'scorecard',
      modelId: model.id,
      modelVersion: model.version,
      subjectId: evidence.subject.id,
      asOf,
      score,
      grade,
      characteristics,
      reasons: scored.reasons,
    },
  };
}
