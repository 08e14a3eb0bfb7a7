import { useState } from 'react';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { ObjectionItem } from './decide/objection-item';
import { WithNames } from './decide/labels';
import type { Objection } from './decide/types';

/** The objection queue by deadline, overdue marked (decider, operator). */
export function ObjectionsPage() {
  const { t } = useI18n();
  const { call } = useSession();
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const queue = useLoad(
    (signal) =>
      call<{ items: Objection[] }>('/v1/objections', {
        query: { limit: 200, overdue: onlyOverdue ? 'true' : undefined },
        signal,
      }),
    [onlyOverdue],
  );
  const [message, setMessage] = useState('');
  const status = {
    onDone: (done: string) => {
      setMessage(done);
      queue.reload();
    },
    onStart: () => setMessage(''),
  };
  // earliest deadline first: the API orders it so, and the answered ones leave on reload
  const items = [...(queue.data?.items ?? [])].sort(
    (a, b) => a.answerBy.localeCompare(b.answerBy) || a.id.localeCompare(b.id),
  );
  return (
    <>
      <h1>{t('console.objections')}</h1>
      <p className="muted">{t('decide.objections.intro')}</p>
      <p>
        <input
          id="only-overdue"
          type="checkbox"
          checked={onlyOverdue}
          onChange={(e) => setOnlyOverdue(e.target.checked)}
        />{' '}
        <label htmlFor="only-overdue" style={{ display: 'inline' }}>
          {t('decide.objections.onlyOverdue')}
        </label>
      </p>
      <p role="status" className="status-line">
        {message}
      </p>
      <WithNames height="16rem">
        {queue.error ? (
          <ErrorNote error={queue.error} />
        ) : !queue.data ? (
          <Loading height="16rem" />
        ) : items.length === 0 ? (
          <p>{t('decide.objections.none')}</p>
        ) : (
          <ol className="results queue" aria-label={t('decide.objections.queue')}>
            {items.map((o) => (
              <ObjectionItem key={o.id} objection={o} status={status} />
            ))}
          </ol>
        )}
      </WithNames>
    </>
  );
}
