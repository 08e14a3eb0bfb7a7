import { RecordReader } from '../../inquire/record-read';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorNote, Loading } from '../../../components/status';
import { useLoad } from '../../../components/use-load';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { EntryActions, removalKey } from './entry-actions';
import { EntryHistory } from './entry-history';
import {
  NoticeCountdown,
  ReadOnlyNote,
  StateBadge,
  SubjectIds,
  SubjectName,
  useLabels,
} from './labels';
import type { ListEntry, Transition } from './types';

/** One entry: what it rests on, its notice period, its full history, and the decider's actions. */
export function EntryPanel({ id, back }: { id: string; back: string }) {
  const { t } = useI18n();
  const { call } = useSession();
  const view = useLoad(
    (signal) =>
      call<{ entry: ListEntry; history: Transition[] }>(
        `/v1/list-entries/${encodeURIComponent(id)}`,
        { signal },
      ),
    [id],
  );
  const [status, setStatus] = useState('');
  const labels = useLabels();

  const body = view.error ? (
    <ErrorNote error={view.error} />
  ) : !view.data ? (
    <Loading height="32rem" />
  ) : (
    <>
      <h1>
        <SubjectName subject={view.data.entry.subject} ids={false} />
      </h1>
      <div className="row" style={{ alignItems: 'baseline', marginBottom: '0.75rem' }}>
        <strong>{labels.listType(view.data.entry.listType)}</strong>
        <StateBadge state={view.data.entry.state} />
      </div>
      <p role="status" className="status-line">
        {status}
      </p>
      <EntryFacts entry={view.data.entry} />
      <section aria-labelledby="entry-actions">
        <h2 id="entry-actions">{t('decide.entry.actions')}</h2>
        <ReadOnlyNote entry={view.data.entry} />
        {view.data.entry.mayAct?.allowed !== false && (
          <EntryActions
            entry={view.data.entry}
            type={labels.listTypeEntry(view.data.entry.listType)}
            onDone={(message) => {
              setStatus(message);
              view.reload();
            }}
            onStart={() => setStatus('')}
          />
        )}
      </section>
      <section aria-labelledby="entry-history">
        <h2 id="entry-history">{t('decide.history.title')}</h2>
        <EntryHistory history={view.data.history} />
      </section>
    </>
  );
  return (
    <article>
      <p className="no-print">
        <Link to={back}>{t('decide.entry.back')}</Link>
      </p>
      {body}
    </article>
  );
}

function EntryFacts({ entry }: { entry: ListEntry }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  return (
    <section className="card" aria-label={t('decide.entry.facts')}>
      <dl className="facts">
        <dt>{t('decide.entry.identifiers')}</dt>
        <dd>
          <SubjectIds subject={entry.subject} />
        </dd>
        <dt>{t('decide.entry.proposer')}</dt>
        <dd>{labels.authority(entry.authorityId)}</dd>
        <dt>{t('decide.entry.records')}</dt>
        <dd>
          {t('decide.entry.recordCount', { count: entry.recordIds.length })}
          {entry.recordIds.map((id) => (
            <RecordReader key={id} recordId={id} />
          ))}
        </dd>
        {entry.circumstance && (
          <>
            <dt>{t('decide.entry.circumstance')}</dt>
            <dd>{labels.value(entry.circumstance)}</dd>
          </>
        )}
        <dt>{t('decide.entry.proposedOn')}</dt>
        <dd>{date(entry.proposedOn)}</dd>
        <dt>{t('decide.entry.noticeEnds')}</dt>
        <dd>
          {entry.noticeEnds ? date(entry.noticeEnds) : t('decide.entry.noNotice')}
          {entry.state === 'noticed' && (
            <div>
              <NoticeCountdown entry={entry} />
            </div>
          )}
        </dd>
        {entry.effectiveFrom && (
          <>
            <dt>{t('decide.entry.effectiveFrom')}</dt>
            <dd>{date(entry.effectiveFrom)}</dd>
            <dt>{t('decide.entry.endsOn')}</dt>
            <dd className="ends-on">
              {entry.endsOn ? date(entry.endsOn) : t('decide.entry.endsOpen')}
            </dd>
          </>
        )}
        {entry.removedOn && (
          <>
            <dt>{t('decide.entry.removedOn')}</dt>
            <dd>
              {date(entry.removedOn)}
              {entry.removal ? ` · ${t(removalKey(entry.removal))}` : ''}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
