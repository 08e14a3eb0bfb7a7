import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { RepairItem } from './decide/repair-item';
import { WithNames } from './decide/labels';
import type { Repair } from './decide/types';

/** The repair queue by deadline, overdue marked (operator, decider). */
export function RepairsPage() {
  const { t } = useI18n();
  const { call } = useSession();
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === 'true';
  const queue = useLoad(
    (signal) =>
      call<{ items: Repair[] }>('/v1/repairs', {
        query: { overdue: overdue ? 'true' : undefined, limit: 200 },
        signal,
      }),
    [overdue],
  );
  const [message, setMessage] = useState('');
  const status = {
    onDone: (done: string) => {
      setMessage(done);
      queue.reload();
    },
    onStart: () => setMessage(''),
  };
  // by the deadline of the step in progress, as the API gives it
  const items = [...(queue.data?.items ?? [])].sort(
    (a, b) => (a.dueBy ?? '').localeCompare(b.dueBy ?? '') || a.id.localeCompare(b.id),
  );
  return (
    <>
      <h1>{t('console.repairs')}</h1>
      <p className="muted">{t('decide.repairs.intro')}</p>
      <div className="field">
        <label className="inline">
          <input
            type="checkbox"
            checked={overdue}
            onChange={(e) => setParams(e.target.checked ? { overdue: 'true' } : {})}
          />{' '}
          {t('decide.repairs.onlyOverdue')}
        </label>
      </div>
      <p role="status" className="status-line">
        {message}
      </p>
      <WithNames height="16rem">
        {queue.error ? (
          <ErrorNote error={queue.error} />
        ) : !queue.data ? (
          <Loading height="16rem" />
        ) : items.length === 0 ? (
          <p>{t('decide.repairs.none')}</p>
        ) : (
          <ol className="results queue" aria-label={t('decide.repairs.queue')}>
            {items.map((r) => (
              <RepairItem key={r.id} repair={r} status={status} />
            ))}
          </ol>
        )}
      </WithNames>
    </>
  );
}
