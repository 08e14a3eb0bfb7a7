import { useState } from 'react';
import { Link } from 'react-router';
import { useErrorText } from '../../../components/status';
import { type MessageKey, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import {
  ActionForm,
  FieldProblem,
  FormProblem,
  invalidProps,
  problemFor,
  type Status,
} from './action-form';
import { RecordReader } from '../../inquire/record-read';
import { CaseFactsRows, OverdueBadge, useLabels } from './labels';
import type { Objection } from './types';

/** One objection of the queue, with the answer form (uphold or dismiss, with reasons). */
export function ObjectionItem({ objection, status }: { objection: Objection; status: Status }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  const o = objection;
  const typeName =
    o.item === 'record'
      ? labels.recordType(o.itemType)
      : o.item === 'rating'
        ? labels.ratingModel(o.itemType)
        : labels.listType(o.itemType);
  return (
    <li>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h2 id={`${o.id}-title`} className="item-title">
          {t('decide.item.title', {
            item: t(`decide.item.${o.item}` as MessageKey),
            type: typeName,
          })}
        </h2>
        <OverdueBadge overdue={o.overdue} />
      </div>
      <dl className="facts">
        <dt>{t('decide.objection.answerBy')}</dt>
        <dd className="deadline">{date(o.answerBy)}</dd>
        <dt>{t('decide.objection.filedOn')}</dt>
        <dd>{date(o.filedOn)}</dd>
        <CaseFactsRows facts={o} />
        {o.item === 'list_entry' && (
          <>
            <dt>{t('decide.objection.item')}</dt>
            <dd>
              <Link to={`/console/proposals?entry=${encodeURIComponent(o.itemId)}`}>
                {t('decide.case.openEntry')}
              </Link>
            </dd>
          </>
        )}
        <dt>{t('decide.objection.grounds')}</dt>
        <dd>{o.grounds}</dd>
        {o.documents.length > 0 && (
          <>
            <dt>{t('decide.objection.documents')}</dt>
            <dd>
              {o.documents.map((d) => (
                <div key={d}>{d}</div>
              ))}
            </dd>
          </>
        )}
        <dt>{t('common.authority')}</dt>
        <dd>{o.authorityId ? labels.authority(o.authorityId) : t('decide.objection.platform')}</dd>
      </dl>
      {o.item === 'record' && <RecordReader recordId={o.itemId} />}
      <details>
        <summary>{t('decide.objection.answer')}</summary>
        <AnswerForm objection={o} status={status} />
      </details>
    </li>
  );
}

function AnswerForm({ objection, status }: { objection: Objection; status: Status }) {
  const { t } = useI18n();
  const say = useErrorText();
  const { call } = useSession();
  const [outcome, setOutcome] = useState<'upheld' | 'rejected'>('rejected');
  const [revoke, setRevoke] = useState(false);
  const [correction, setCorrection] = useState('');
  const id = `answer-${objection.id}`;
  const record = objection.item === 'record';

  const submit = (reasons: string) => {
    const body: Record<string, unknown> = { outcome, reasons };
    if (record && outcome === 'upheld') {
      if (revoke) body.revoke = true;
      else body.correction = parseCorrection(correction, t('decide.objection.correctionBad'));
    }
    return call(`/v1/objections/${encodeURIComponent(objection.id)}/answer`, {
      method: 'POST',
      body,
    });
  };

  return (
    <ActionForm
      id={id}
      title={t('decide.objection.answerTitle')}
      reasonField="reasons"
      reasonLabel={t('decide.reasons')}
      submitLabel={t('decide.objection.answerSubmit')}
      doneMessage={t(outcome === 'upheld' ? 'decide.done.upheld' : 'decide.done.dismissed')}
      fieldNames={['outcome', 'correction', 'revoke']}
      onSubmit={submit}
      {...status}
      fields={(error) => {
        const problem = problemFor(error, 'correction', say);
        return (
          <>
            <fieldset className="field choice">
              <legend>{t('decide.objection.outcome')}</legend>
              {(['rejected', 'upheld'] as const).map((value) => (
                <label key={value} className="inline">
                  <input
                    type="radio"
                    name={`${id}-outcome`}
                    value={value}
                    checked={outcome === value}
                    onChange={() => setOutcome(value)}
                  />{' '}
                  {t(`decide.objection.${value}`)}
                </label>
              ))}
            </fieldset>
            {record && outcome === 'upheld' && (
              <div className="field">
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={revoke}
                    onChange={(e) => setRevoke(e.target.checked)}
                  />{' '}
                  {t('decide.objection.revoke')}
                </label>
                {!revoke && (
                  <>
                    <label htmlFor={`${id}-correction`}>{t('decide.objection.correction')}</label>
                    <div id={`${id}-correction-hint`} className="hint">
                      {t('decide.objection.correctionHint')}
                    </div>
                    <textarea
                      id={`${id}-correction`}
                      rows={3}
                      value={correction}
                      onChange={(e) => setCorrection(e.target.value)}
                      {...invalidProps(
                        `${id}-correction-problem`,
                        problem,
                        `${id}-correction-hint`,
                      )}
                    />
                    <FieldProblem id={`${id}-correction-problem`} message={problem} />
                  </>
                )}
              </div>
            )}
          </>
        );
      }}
    />
  );
}

/** "field = value" lines as the correction's columns. */
function parseCorrection(text: string, bad: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n').filter((l) => l.trim())) {
    const at = line.indexOf('=');
    if (at < 1) throw new FormProblem('correction', bad);
    fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  if (Object.keys(fields).length === 0) throw new FormProblem('correction', bad);
  return fields;
}
