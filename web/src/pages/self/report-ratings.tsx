import { type ContributionBar, Contributions, useSigned } from '../../charts/contributions';
import { type HistorySeries, ScoreHistory } from '../../charts/score-history';
import { DisputedBadge } from '../../components/status';
import { useI18n } from '../../i18n';
import type { useNaming } from './names';
import { ItemActions } from './item-actions';
import type { PointsResult, RatingPoint, ReportRating, ScorecardResult } from './report-types';
import { objectionLink } from './use-report';
import { type GroupCount, GroupCountBlock } from '../public/group-count';

type Naming = ReturnType<typeof useNaming>;

/** The score history per model and, for each rating, how its rules moved the score. */
export function RatingsSection({
  ratings,
  history,
  naming,
}: {
  ratings: ReportRating[];
  history: RatingPoint[];
  naming: Naming;
}) {
  const { t } = useI18n();
  const byModel = new Map<string, HistorySeries>();
  for (const rating of history) {
    const series = byModel.get(rating.modelId) ?? {
      id: rating.modelId,
      label: naming.model(rating.modelId),
      points: [],
    };
    series.points.push({
      asOf: rating.asOf,
      score: rating.score,
      grade: rating.grade,
      gradeLabel: naming.grade(rating.modelId, rating.grade),
    });
    byModel.set(rating.modelId, series);
  }
  return (
    <section aria-labelledby="ratings">
      <h2 id="ratings">{t('self.ratings.title', { count: ratings.length })}</h2>
      {ratings.length === 0 ? (
        <p>{t('self.ratings.none')}</p>
      ) : (
        <>
          <div className="card" id="score-history">
            <h3 className="item-title">{t('self.ratings.history')}</h3>
            <p className="small muted">{t('self.ratings.historyHint')}</p>
            <ScoreHistory series={[...byModel.values()]} />
          </div>
          {ratings.map((r) => (
            <RatingCard key={r.rating.id} view={r} naming={naming} />
          ))}
        </>
      )}
    </section>
  );
}

function RatingCard({ view, naming }: { view: ReportRating; naming: Naming }) {
  const { t, date, number, pick } = useI18n();
  const { rating } = view;
  const model = naming.model(rating.modelId);
  const result = rating.result;
  const headingId = `rating-${rating.id}`;
  return (
    <section className="card rating-card" aria-labelledby={headingId}>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h3 id={headingId} className="item-title">
          {model}
        </h3>
        <span className="badge">
          {t('self.ratings.grade', { grade: naming.grade(rating.modelId, rating.grade) })}
        </span>
        {rating.score !== null && (
          <span className="small">{t('subject.score', { score: number(rating.score) })}</span>
        )}
        <span className="small muted">{t('subject.asOf', { date: date(rating.asOf) })}</span>
        <DisputedBadge disputed={view.disputed} />
      </div>
      {result.kind === 'points' && (
        <PointsBreakdown model={model} result={result as PointsResult} grade={rating.grade} />
      )}
      {result.kind === 'scorecard' && (
        <ScorecardBreakdown model={model} result={result as ScorecardResult} />
      )}
      {result.kind === 'group' && <GroupCountBlock group={result as unknown as GroupCount} />}
      {result.kind === 'points' && (result as PointsResult).directGrade && (
        <p className="small">
          {t('self.ratings.direct', {
            grade: (result as PointsResult).directGrade!.grade,
            rule: pick((result as PointsResult).directGrade!.label),
          })}
        </p>
      )}
      {/* on paper the table above carries the explanation */}
      <details className="no-print">
        <summary>{t('subject.explanation')}</summary>
        <pre className="small explanation">{view.explanation.join('\n')}</pre>
      </details>
      <ItemActions
        label={model}
        objection={view.disputed ? null : objectionLink('rating', rating.id)}
        repair={null}
      />
    </section>
  );
}

function PointsBreakdown({
  model,
  result,
  grade,
}: {
  model: string;
  result: PointsResult;
  grade: string;
}) {
  const { t, pick } = useI18n();
  const signed = useSigned();
  const starts = result.contributions.filter((c) => c.source === 'start');
  const start = starts.length === 1 ? starts[0]! : null;
  const bars: ContributionBar[] = result.contributions
    .filter((c) => c !== start)
    .map((c) => ({
      key: c.rule,
      label: pick(c.label),
      points: c.points,
      note: [
        c.source === 'carry_over' ? t('self.ratings.carryOver') : '',
        c.uncapped !== undefined ? t('self.ratings.capped', { uncapped: signed(c.uncapped) }) : '',
        c.recordIds.length > 0 ? t('self.ratings.records', { count: c.recordIds.length }) : '',
        c.entryIds.length > 0 ? t('self.ratings.entries', { count: c.entryIds.length }) : '',
      ]
        .filter(Boolean)
        .join('；'),
    }));
  const special = result.specialGrade ?? null;
  return (
    <>
      <Contributions
        title={t('self.ratings.contribTitle', { model })}
        start={start ? { label: pick(start.label), points: start.points } : null}
        bars={bars}
        total={{ score: result.score, grade }}
      />
      {special && (
        <p className="small">
          {t('self.ratings.special', { grade: special.grade, rule: pick(special.label) })}
        </p>
      )}
    </>
  );
}

function ScorecardBreakdown({ model, result }: { model: string; result: ScorecardResult }) {
  const { t, number } = useI18n();
  const bars: ContributionBar[] = result.characteristics.map((c) => ({
    key: c.name,
    label: c.label,
    points: c.displayPoints,
    note: t('self.ratings.bin', { bin: c.bin, best: number(c.maxPoints) }),
  }));
  return (
    <>
      <Contributions
        title={t('self.ratings.cardTitle', { model })}
        bars={bars}
        total={{ score: result.score, grade: result.grade }}
      />
      {result.reasons.length > 0 && (
        <>
          <h4 className="small">{t('self.ratings.reasons')}</h4>
          <ol className="small reasons">
            {result.reasons.map((r) => (
              <li key={r.characteristic}>
                {t('self.ratings.reason', {
                  label: r.label,
                  bin: r.bin,
                  shortfall: number(r.shortfall),
                })}
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
