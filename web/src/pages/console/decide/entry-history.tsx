import { type MessageKey, useI18n } from '../../../i18n';
import { removalKey } from './entry-actions';
import { stateKey, useLabels } from './labels';
import type { Transition } from './types';

/** Every transition of the entry, oldest first: who, when, why, and what it set. */
export function EntryHistory({ history }: { history: Transition[] }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  if (history.length === 0) return <p>{t('common.none')}</p>;
  // a list, not a table: five columns of ids and reasons do not fit a phone
  return (
    <ol className="results history">
      {history.map((step) => (
        <li key={step.seq}>
          <div className="row" style={{ alignItems: 'baseline' }}>
            <strong>{t(stepKey(step))}</strong>
            <span className="small">{date(step.effectiveDate)}</span>
            <span className="small muted">
              {step.fromState ? `${t(stateKey(step.fromState))} → ` : ''}
              {t(stateKey(step.toState))}
            </span>
          </div>
          <dl className="facts small">
            <dt>{t('common.reason')}</dt>
            <dd>{step.reason}</dd>
            <dt>{t('decide.history.effect')}</dt>
            <dd>
              <Effects data={step.data} />
            </dd>
            <dt>{t('decide.history.by')}</dt>
            <dd>
              {step.actorRole
                ? `${labels.authority(step.actorAuthority ?? null)} · ${t(`role.${step.actorRole}` as MessageKey)}`
                : t('decide.history.system')}
            </dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** A notice with `noticeWaived` is the subject's waiver, not a second notice. */
const stepKey = (step: Transition): MessageKey =>
  step.kind === 'notice' && step.data.noticeWaived
    ? 'decide.step.waiver'
    : (`decide.step.${step.kind}` as MessageKey);

function Effects({ data }: { data: Record<string, unknown> }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  const lines: string[] = [];
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (data.noticeEnds)
    lines.push(t('decide.effect.noticeEnds', { date: date(text(data.noticeEnds)) }));
  if (data.effectiveFrom)
    lines.push(t('decide.effect.from', { date: date(text(data.effectiveFrom)) }));
  if ('endsOn' in data)
    lines.push(
      data.endsOn
        ? t('decide.effect.endsOn', { date: date(text(data.endsOn)) })
        : t('decide.entry.endsOpen'),
    );
  if (data.extension) lines.push(t('decide.effect.extension', { by: text(data.extension) }));
  if (data.noticeWaived) lines.push(t('decide.effect.waived'));
  if (data.removal) lines.push(t(removalKey(text(data.removal))));
  if (data.circumstance) lines.push(labels.value(text(data.circumstance)));
  if (lines.length === 0) return <>—</>;
  return (
    <>
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
    </>
  );
}
