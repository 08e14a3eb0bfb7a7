import { useState } from 'react';
import { type MessageKey, useI18n } from '../../../i18n';
import { type Role, useSession } from '../../../session';
import { ActionForm, type Status } from './action-form';
import { useRepairRules } from '../../self/repair-rules';
import { RecordReader } from '../../inquire/record-read';
import { CaseFactsRows, OverdueBadge, useLabels } from './labels';
import type { Repair } from './types';

/** One application of the repair queue, with the step the reader's role takes. */
export function RepairItem({ repair, status }: { repair: Repair; status: Status }) {
  const { t, date, pick } = useI18n();
  const { account } = useSession();
  const labels = useLabels();
  const r = repair;
  const typeName =
    r.item === 'record' ? labels.recordType(r.itemType) : labels.listType(r.itemType);
  const step = stepFor(account?.role, r);
  const rules = useRepairRules();
  // an obligation by its words in the catalog's repair rules, not its id
  const obligationName = (id: string) => {
    for (const rule of rules.data ?? [])
      for (const o of rule.obligations) if (o.id === id) return pick(o.name);
    return id;
  };
  return (
    <li>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h2 className="item-title">
          {t('decide.item.title', {
            item: t(`decide.item.${r.item}` as MessageKey),
            type: typeName,
          })}
        </h2>
        <span className="badge">{t(`decide.repair.state.${r.state}` as MessageKey)}</span>
        <OverdueBadge overdue={r.overdue} />
      </div>
      <dl className="facts">
        <dt>{t(r.state === 'forwarded' ? 'decide.repair.decideBy' : 'decide.repair.answerBy')}</dt>
        <dd className="deadline">{date(r.dueBy)}</dd>
        <dt>{t('decide.repair.filedOn')}</dt>
        <dd>{date(r.filedOn)}</dd>
        {r.forwardedOn && (
          <>
            <dt>{t('decide.repair.forwardedOn')}</dt>
            <dd>{date(r.forwardedOn)}</dd>
          </>
        )}
        <CaseFactsRows facts={r} />
        <dt>{t('common.authority')}</dt>
        <dd>{labels.authority(r.authorityId)}</dd>
        <dt>{t('decide.repair.obligations')}</dt>
        <dd>
          {r.obligations.map((o) => (
            <div key={o.id}>
              {obligationName(o.id)}：{o.evidence.join('；')}
            </div>
          ))}
        </dd>
        <dt>{t('decide.repair.commitment')}</dt>
        <dd>{r.commitment}</dd>
      </dl>
      {r.item === 'record' && <RecordReader recordId={r.itemId} />}
      {step !== null && (
        <details>
          <summary>
            {t(step === 'review' ? 'decide.repair.reviewOpen' : 'decide.repair.decideOpen')}
          </summary>
          {step === 'review' ? (
            <ReviewForm repair={r} status={status} />
          ) : (
            <DecideForm repair={r} status={status} />
          )}
        </details>
      )}
      {step === null && (
        <p className="small muted">
          {t(
            r.state === 'submitted'
              ? 'decide.repair.awaitPlatform'
              : 'decide.repair.awaitAuthority',
          )}
        </p>
      )}
    </li>
  );
}

/** The platform (an operator) reviews what is submitted; the item's authority decides what is forwarded. */
function stepFor(role: Role | undefined, r: Repair): 'review' | 'decide' | null {
  if (r.state === 'submitted' && role === 'operator') return 'review';
  if (r.state === 'forwarded' && (role === 'decider' || role === 'furnisher')) return 'decide';
  return null;
}

interface FormProps {
  repair: Repair;
  status: Status;
}

function ReviewForm({ repair, status }: FormProps) {
  const { t } = useI18n();
  const { call } = useSession();
  const [outcome, setOutcome] = useState<'forward' | 'refuse'>('forward');
  const id = `review-${repair.id}`;
  return (
    <ActionForm
      id={id}
      title={t('decide.repair.review')}
      reasonField="reasons"
      reasonLabel={t('decide.reasons')}
      reasonHint={t('decide.repair.reviewHint')}
      withoutReason={outcome === 'forward'}
      submitLabel={t(outcome === 'forward' ? 'decide.repair.forward' : 'decide.repair.refuse')}
      doneMessage={t(outcome === 'forward' ? 'decide.done.forwarded' : 'decide.done.refused')}
      fieldNames={['outcome']}
      fields={() => (
        <Outcome<'forward' | 'refuse'>
          name={`${id}-outcome`}
          legend={t('decide.repair.outcome')}
          value={outcome}
          options={['forward', 'refuse']}
          onChange={setOutcome}
        />
      )}
      onSubmit={(reasons) =>
        call(`/v1/repairs/${encodeURIComponent(repair.id)}/review`, {
          method: 'POST',
          body: outcome === 'forward' ? { outcome } : { outcome, reasons },
        })
      }
      {...status}
    />
  );
}

function DecideForm({ repair, status }: FormProps) {
  const { t } = useI18n();
  const { call } = useSession();
  const [outcome, setOutcome] = useState<'approve' | 'refuse'>('approve');
  const id = `decide-${repair.id}`;
  return (
    <ActionForm
      id={id}
      title={t('decide.repair.decide')}
      reasonField="reasons"
      reasonLabel={t('decide.reasons')}
      reasonHint={t('decide.repair.decideHint')}
      reasonOptional={outcome === 'approve'}
      submitLabel={t(outcome === 'approve' ? 'decide.repair.approve' : 'decide.repair.refuse')}
      doneMessage={t(outcome === 'approve' ? 'decide.done.approved' : 'decide.done.refused')}
      fieldNames={['outcome']}
      fields={() => (
        <Outcome<'approve' | 'refuse'>
          name={`${id}-outcome`}
          legend={t('decide.repair.outcome')}
          value={outcome}
          options={['approve', 'refuse']}
          onChange={setOutcome}
        />
      )}
      onSubmit={(reasons) =>
        call(`/v1/repairs/${encodeURIComponent(repair.id)}/decision`, {
          method: 'POST',
          body: reasons ? { outcome, reasons } : { outcome },
        })
      }
      {...status}
    />
  );
}

function Outcome<T extends string>(props: {
  name: string;
  legend: string;
  value: T;
  options: T[];
  onChange(value: T): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="field choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} className="inline">
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />{' '}
          {t(`decide.repair.outcome.${option}` as MessageKey)}
        </label>
      ))}
    </fieldset>
  );
}
