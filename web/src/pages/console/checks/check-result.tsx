import { legalBasisText } from '../../../catalog';
import { type MessageKey, useI18n } from '../../../i18n';
import { actionLabels, type CheckNames, type CheckReason, type CheckResult } from './measures';

const TONES = { allow: 'red', deny: 'overdue', review: 'warning' } as const;

export function DecisionBadge({ decision }: { decision: CheckResult['decision'] }) {
  const { t } = useI18n();
  return <span className={`badge ${TONES[decision]}`}>{t(`checks.decision.${decision}`)}</span>;
}

const WORDS: Record<string, readonly string[]> = {
  via: ['subject', 'legal_representative', 'principal', 'actual_controller', 'shareholder'],
  effect: ['deny', 'review', 'fast_track'],
  kind: ['restriction', 'management', 'market', 'incentive'],
};

/** A code the API gives (a role, an effect, a kind) in words; a code the portal does not know, as it came. */
export function useWords() {
  const { t } = useI18n();
  return (group: 'via' | 'effect' | 'kind', code: string) =>
    WORDS[group]?.includes(code) ? t(`checks.${group}.${code}` as MessageKey) : code;
}

/** One answer: the decision, and every measure and list entry that led to it. */
export function CheckResultView({
  result,
  names,
}: {
  result: CheckResult;
  names: CheckNames | null;
}) {
  const { t, date, lang, pick } = useI18n();
  const action = names ? actionLabels(names.actions, lang, pick).get(result.action) : undefined;
  return (
    <section className="card" aria-labelledby="check-answer">
      <h2 id="check-answer" className="card-title row" style={{ alignItems: 'baseline' }}>
        <span>{t('checks.answer')}</span>
        <DecisionBadge decision={result.decision} />
      </h2>
      <p>{t(`checks.meaning.${result.decision}`)}</p>
      <dl className="facts">
        <dt>{t('checks.identifier')}</dt>
        <dd>{result.identifier}</dd>
        <dt>{t('checks.action')}</dt>
        <dd>{action ?? <code>{result.action}</code>}</dd>
        <dt>{t('checks.date')}</dt>
        <dd>{date(result.date)}</dd>
      </dl>
      {result.reasons.length > 0 && (
        <>
          <h3>{t('checks.reasons', { count: result.reasons.length })}</h3>
          <Reasons reasons={result.reasons} names={names} />
        </>
      )}
      {result.incentives.length > 0 && (
        <>
          <h3>{t('checks.incentives', { count: result.incentives.length })}</h3>
          <Reasons reasons={result.incentives} names={names} />
        </>
      )}
    </section>
  );
}

function Reasons({ reasons, names }: { reasons: CheckReason[]; names: CheckNames | null }) {
  const { t, pick, date, lang } = useI18n();
  const words = useWords();
  return (
    <ul className="results">
      {reasons.map((r) => {
        const measure = names?.measures.get(r.measure.id);
        const list = names?.listTypes.get(r.entry.listType);
        return (
          <li key={`${r.measure.id}-${r.entry.id}-${r.via}`}>
            <div className="row" style={{ alignItems: 'baseline' }}>
              <strong>{measure ? pick(measure.name) : r.measure.name}</strong>
              <span className="small muted">
                {words('effect', r.measure.effect)} · {words('kind', r.measure.kind)}
              </span>
            </div>
            <dl className="facts small">
              <dt>{t('checks.list')}</dt>
              <dd>{list ? pick(list.name) : r.entry.listType}</dd>
              <dt>{t('checks.via')}</dt>
              <dd>{words('via', r.via)}</dd>
              <dt>{t('checks.inForce')}</dt>
              <dd>
                {date(r.entry.effectiveFrom)} –{' '}
                {r.entry.endsOn ? date(r.entry.endsOn) : t('checks.openEnded')}
              </dd>
              <dt>{t('common.legalBasis')}</dt>
              <dd>
                {r.measure.legalBasis.map((b) => (
                  <div key={legalBasisText(b, lang)}>{legalBasisText(b, lang)}</div>
                ))}
              </dd>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
