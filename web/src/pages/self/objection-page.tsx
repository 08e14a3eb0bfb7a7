import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { ErrorNote, Loading, useErrorText } from '../../components/status';
import { unsettled } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useNames } from '../public/subject';
import { Field, fieldOf, FormError, lines } from './form-bits';
import { findItem, type FoundItem, ITEM_KINDS, ItemSummary } from './item-summary';
import { useNaming } from './names';
import type { ObjectionItem, ReportObjection } from './report-types';
import { useOwnReport } from './use-report';

const FIELDS = ['grounds', 'documents', 'reconsiders'];

/** Object to one item of the own file: grounds, documents; the answer is due by a date. */
export function ObjectionPage({ identifier }: { identifier: string }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const kind = params.get('item') as ObjectionItem | null;
  const id = params.get('id') ?? '';
  const report = useOwnReport(identifier);
  const names = useNames();
  const naming = useNaming(names.data);
  if (!kind || !ITEM_KINDS.includes(kind) || !id) {
    return <p className="problem">{t('self.item.missing')}</p>;
  }
  if (report.error) return <ErrorNote error={report.error} />;
  if (!report.data || unsettled(names)) return <Loading height="24rem" />;
  const found = findItem(report.data, kind, id);
  // earlier objections to the same item: a rejected one may be reconsidered
  const earlier = report.data.objections.filter((o) => o.item === kind && o.itemId === id);
  return (
    <>
      <h1>{t('self.objection.title')}</h1>
      <p className="muted">{t('self.objection.intro')}</p>
      {found ? (
        <>
          <ItemSummary found={found} naming={naming} />
          <ObjectionForm found={found} id={id} kind={kind} earlier={earlier} />
        </>
      ) : (
        <p className="problem">{t('self.item.notInFile')}</p>
      )}
      <p className="no-print">
        <Link to="/me">{t('self.backToReport')}</Link>
      </p>
    </>
  );
}

function ObjectionForm({
  found,
  kind,
  id,
  earlier,
}: {
  found: FoundItem;
  kind: ObjectionItem;
  id: string;
  earlier: ReportObjection[];
}) {
  const { t, date } = useI18n();
  const say = useErrorText();
  const { call } = useSession();
  const [grounds, setGrounds] = useState('');
  const [documents, setDocuments] = useState('');
  const rejected = earlier.find((o) => o.state === 'rejected');
  const [reconsider, setReconsider] = useState(false);
  const [local, setLocal] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<ReportObjection | null>(null);
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => done.current?.focus(), [filed]);

  const open = earlier.find((o) => o.state === 'open');
  if (open && !filed) {
    return (
      <p className="card" role="status">
        {t('self.objection.alreadyOpen', { filed: date(open.filedOn), due: date(open.answerBy) })}
      </p>
    );
  }
  if (filed) {
    return (
      <div className="card done" role="status" tabIndex={-1} ref={done}>
        <h2 style={{ marginTop: 0 }}>{t('self.objection.filed')}</h2>
        <p id="objection-deadline">
          {t('self.objection.answerBy', { date: date(filed.answerBy), filed: date(filed.filedOn) })}
        </p>
        <p>{t('self.objection.flagged')}</p>
        <Link className="button" to="/me">
          {t('self.backToReport')}
        </Link>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!grounds.trim()) {
      setLocal(t('self.objection.groundsRequired'));
      return;
    }
    setLocal(null);
    setBusy(true);
    try {
      const answer = await call<ReportObjection>('/v1/objections', {
        body: {
          item: kind,
          itemId: found.kind === 'record' ? found.item.current.id : id,
          grounds: grounds.trim(),
          documents: lines(documents),
          ...(reconsider && rejected ? { reconsiders: rejected.id } : {}),
        },
      });
      setFiled(answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: string) =>
    field === 'grounds' && local
      ? local
      : fieldOf(error, FIELDS) === field && error instanceof ApiError
        ? say(error)
        : null;

  return (
    <form className="card" onSubmit={submit} noValidate>
      <Field
        id="grounds"
        label={t('self.objection.grounds')}
        hint={t('self.objection.groundsHint')}
        problem={problem('grounds')}
      >
        {(aria) => (
          <textarea
            {...aria}
            aria-required="true"
            rows={5}
            maxLength={5000}
            value={grounds}
            onChange={(e) => setGrounds(e.target.value)}
            className="wide"
          />
        )}
      </Field>
      <Field
        id="documents"
        label={t('self.objection.documents')}
        hint={t('self.objection.documentsHint')}
        problem={problem('documents')}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={3}
            value={documents}
            onChange={(e) => setDocuments(e.target.value)}
            className="wide"
          />
        )}
      </Field>
      {rejected && (
        <div className="field">
          <input
            type="checkbox"
            id="reconsiders"
            checked={reconsider}
            onChange={(e) => setReconsider(e.target.checked)}
          />{' '}
          <label htmlFor="reconsiders" style={{ display: 'inline' }}>
            {t('self.objection.reconsider', { date: date(rejected.decidedOn) })}
          </label>
          {problem('reconsiders') && (
            <div className="problem" role="alert">
              {problem('reconsiders')}
            </div>
          )}
        </div>
      )}
      <p className="small muted">{t('self.objection.deadlineHint')}</p>
      <button type="submit" disabled={busy}>
        {t('self.objection.submit')}
      </button>
      <FormError error={error} fields={FIELDS} />
    </form>
  );
}
