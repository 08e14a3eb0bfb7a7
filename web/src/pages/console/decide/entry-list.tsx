import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorNote, Loading } from '../../../components/status';
import { useLoad } from '../../../components/use-load';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { NoticeCountdown, ReadOnlyNote, StateBadge, SubjectName, useLabels } from './labels';
import type { ListEntry, Page } from './types';

const PAGE = 20;

/** The entries in one state, a page at a time ("load more" follows the API's cursor). */
export function EntryList({ state }: { state: string }) {
  const { t } = useI18n();
  const { call } = useSession();
  const first = useLoad(
    (signal) =>
      call<Page<ListEntry>>('/v1/list-entries', { query: { state, limit: PAGE }, signal }),
    [state],
  );
  // later pages, kept for the state they were read for
  const [more, setMore] = useState<{ state: string; items: ListEntry[]; next: string | null }>();
  const [moreError, setMoreError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (first.error) return <ErrorNote error={first.error} />;
  if (!first.data) return <Loading height="16rem" />;
  const extra = more?.state === state ? more : null;
  const items = [...first.data.items, ...(extra?.items ?? [])];
  const next = extra ? extra.next : first.data.next;

  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    setMoreError(null);
    try {
      const page = await call<Page<ListEntry>>('/v1/list-entries', {
        query: { state, limit: PAGE, cursor: next },
      });
      setMore({ state, items: [...(extra?.items ?? []), ...page.items], next: page.next });
    } catch (e) {
      setMoreError(e);
    } finally {
      setBusy(false);
    }
  };

  if (items.length === 0) return <p>{t('decide.entries.none')}</p>;
  return (
    <>
      <ol className="results entries">
        {items.map((entry) => (
          <EntryItem key={entry.id} entry={entry} state={state} />
        ))}
      </ol>
      {next && (
        <button type="button" className="secondary" onClick={loadMore} disabled={busy}>
          {t('common.more')}
        </button>
      )}
      <ErrorNote error={moreError} />
    </>
  );
}

function EntryItem({ entry, state }: { entry: ListEntry; state: string }) {
  const { t, date } = useI18n();
  const labels = useLabels();
  return (
    <li>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <strong>
          <SubjectName subject={entry.subject} />
        </strong>
        <StateBadge state={entry.state} />
      </div>
      <dl className="facts">
        <dt>{t('decide.entry.list')}</dt>
        <dd>{labels.listType(entry.listType)}</dd>
        <dt>{t('decide.entry.records')}</dt>
        <dd>{t('decide.entry.recordCount', { count: entry.recordIds.length })}</dd>
        <dt>{t('decide.entry.proposedOn')}</dt>
        <dd>{date(entry.proposedOn)}</dd>
        {entry.state === 'noticed' && (
          <>
            <dt>{t('decide.entry.noticeEnds')}</dt>
            <dd>
              <NoticeCountdown entry={entry} />
            </dd>
          </>
        )}
        {entry.effectiveFrom && (
          <>
            <dt>{t('decide.entry.effectiveFrom')}</dt>
            <dd>{date(entry.effectiveFrom)}</dd>
            <dt>{t('decide.entry.endsOn')}</dt>
            <dd>{entry.endsOn ? date(entry.endsOn) : t('decide.entry.endsOpen')}</dd>
          </>
        )}
      </dl>
      <ReadOnlyNote entry={entry} />
      <Link to={`?state=${state}&entry=${encodeURIComponent(entry.id)}`}>
        {t('decide.entry.open')}
        <span className="skip"> {entry.subject.name}</span>
      </Link>
    </li>
  );
}
