import { type FormEvent, useState } from 'react';
import { ErrorNote } from '../../components/status';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useNames } from '../public/subject';
import { useNaming, usePurposes } from '../self/names';
import { RecordCard } from '../self/report-records';
import type { Inquiry, ReportItem } from '../self/report-types';
import { InquiryNotice, purposesFor } from './purposes';

/** GET /v1/records/{id}/file: one record read for a purpose, and the inquiry that logged it. */
interface RecordRead {
  purpose: string;
  subject: { name: string };
  item: ReportItem;
  inquiry: Inquiry;
}

/**
 * An officer opens a record of its queue: it states a purpose (of those its role may state
 * without consent), and the read lands in the subject's inquiry log, which the page says.
 */
export function RecordReader({ recordId }: { recordId: string }) {
  const { t, pick } = useI18n();
  const { call, account } = useSession();
  const names = useNames();
  const naming = useNaming(names.data);
  const purposes = purposesFor(usePurposes().data ?? null, account?.role ?? '', false);
  const [chosen, setChosen] = useState('');
  const [read, setRead] = useState<RecordRead | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const purpose = chosen || purposes.find((p) => p.id === 'supervision')?.id || purposes[0]?.id;
  const id = `read-${recordId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!purpose) return;
    setBusy(true);
    setError(null);
    try {
      setRead(
        await call<RecordRead>(`/v1/records/${encodeURIComponent(recordId)}/file`, {
          query: { purpose },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (purposes.length === 0) return null;
  const purposeName = (pid: string) => {
    const p = purposes.find((x) => x.id === pid);
    return p ? pick(p.name) : pid;
  };
  return (
    <details className="record-read">
      <summary>{t('inquire.record.open')}</summary>
      {read ? (
        <>
          <InquiryNotice inquiry={read.inquiry} purpose={purposeName(read.purpose)} />
          <dl className="facts">
            <dt>{t('inquire.record.subject')}</dt>
            <dd>{read.subject.name}</dd>
          </dl>
          <RecordCard item={read.item} naming={naming} actions={false} />
        </>
      ) : (
        <form onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-intro`}>
          <p id={`${id}-intro`} className="small muted">
            {t('inquire.record.intro')}
          </p>
          <div className="field">
            <label htmlFor={`${id}-purpose`}>{t('inquire.purpose')}</label>
            <select
              id={`${id}-purpose`}
              value={purpose}
              onChange={(e) => setChosen(e.target.value)}
            >
              {purposes.map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.name)}
                </option>
              ))}
            </select>
          </div>
          <ErrorNote error={error} />
          <button type="submit" disabled={busy}>
            {busy ? t('inquire.reading') : t('inquire.record.submit')}
          </button>
        </form>
      )}
    </details>
  );
}
