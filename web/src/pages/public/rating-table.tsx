import { ScrollRegion, useSigned } from '../../charts/contributions';
import type { CatalogEntry } from '../../catalog';
import { type Label, useI18n } from '../../i18n';

/** A public rating's explanation as the API gives it (PublicRatingReason). */
export interface RatingReason {
  basis: 'score' | 'direct' | 'special';
  scoreGrade: string | null;
  steps: Array<{
    kind: 'start' | 'rule' | 'carry_over' | 'cap' | 'range' | 'direct' | 'special' | 'ceiling';
    rule: string;
    label: { zh: string; en: string };
    points: number | null;
    uncapped: number | null;
    grade: string | null;
    evidence: Array<{
      kind: 'record' | 'list_entry';
      type: string;
      date: string | null;
      factor: number;
      recordId: string | null;
    }>;
  }>;
}

interface Props {
  model: CatalogEntry | undefined;
  modelName: string;
  grade: string;
  score: number | null;
  reason: RatingReason;
  recordTypes: Map<string, CatalogEntry> | undefined;
  listTypes: Map<string, CatalogEntry> | undefined;
}

/** A grade as the model names it: "D（差）". */
export function useGradeName(model: CatalogEntry | undefined) {
  const { pick } = useI18n();
  const grades = (model?.grades ?? []) as Array<{ grade: string; label?: Label }>;
  return (grade: string) => {
    const label = grades.find((g) => g.grade === grade)?.label;
    return label ? `${grade}（${pick(label)}）` : grade;
  };
}

/** Why the grade is what it is, in words: by score, set directly, special, or bounded. */
export function GradeReason({
  grade,
  score,
  reason,
  model,
}: Omit<Props, 'recordTypes' | 'listTypes' | 'modelName'>) {
  const { t, pick, number } = useI18n();
  const gradeName = useGradeName(model);
  const step = (kind: RatingReason['steps'][number]['kind']) =>
    reason.steps.find((s) => s.kind === kind);
  const band = reason.scoreGrade ? gradeName(reason.scoreGrade) : '—';
  const ceiling = step('ceiling');
  let text: string;
  if (reason.basis === 'direct' && step('direct'))
    text = t('rating.why.direct', {
      grade: gradeName(grade),
      rule: pick(step('direct')!.label),
      band,
    });
  else if (reason.basis === 'special' && step('special'))
    text = t('rating.why.special', {
      grade: gradeName(grade),
      rule: pick(step('special')!.label),
      band,
    });
  else if (ceiling && reason.scoreGrade !== grade)
    text = t('rating.why.ceiling', { grade: gradeName(grade), rule: pick(ceiling.label), band });
  else
    text = t('rating.why.score', {
      grade: gradeName(grade),
      score: score === null ? '—' : number(score),
    });
  return <p className="grade-reason">{text}</p>;
}

/** Each rule or condition, its points, and the records and list entries behind it. */
export function RatingTable(props: Props) {
  const { t, pick, date, number } = useI18n();
  const signed = useSigned();
  const gradeName = useGradeName(props.model);
  const typeName = (e: RatingReason['steps'][number]['evidence'][number]) => {
    const entry = (e.kind === 'record' ? props.recordTypes : props.listTypes)?.get(e.type);
    return entry ? pick(entry.name) : t('rating.evidence.unknown');
  };
  return (
    <ScrollRegion label={t('rating.table', { model: props.modelName })}>
      <table className="rating-table small">
        <caption className="skip">{t('rating.table', { model: props.modelName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rating.col.rule')}</th>
            <th scope="col">{t('rating.col.points')}</th>
            <th scope="col">{t('rating.col.evidence')}</th>
            <th scope="col">{t('rating.col.factor')}</th>
          </tr>
        </thead>
        <tbody>
          {props.reason.steps.map((s) => (
            <tr key={`${s.kind}-${s.rule}`}>
              <th scope="row">
                {pick(s.label)}
                <div className="muted">{t(`rating.kind.${s.kind}`)}</div>
              </th>
              <td>
                {s.points !== null && signed(s.points)}
                {s.grade !== null &&
                  t(`rating.sets.${s.kind === 'ceiling' ? 'ceiling' : 'grade'}`, {
                    grade: gradeName(s.grade),
                  })}
                {s.uncapped !== null && (
                  <div className="muted">
                    {t('rating.capped', { uncapped: signed(s.uncapped) })}
                  </div>
                )}
              </td>
              <td>
                {s.evidence.length === 0 && '—'}
                {s.evidence.map((e, i) => (
                  <div key={i}>
                    {e.recordId ? <a href={`#record-${e.recordId}`}>{typeName(e)}</a> : typeName(e)}{' '}
                    {date(e.date)}
                    {e.kind === 'record' && !e.recordId && (
                      <span className="muted"> {t('rating.evidence.notPublic')}</span>
                    )}
                  </div>
                ))}
              </td>
              <td>
                {s.evidence.length === 0
                  ? '—'
                  : s.evidence.map((e, i) => <div key={i}>{number(e.factor)}</div>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
