import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorNote, Loading } from '../../../components/status';
import { useLoad } from '../../../components/use-load';
import { type MessageKey, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import type { Status } from './action-form';
import { WithNames } from './labels';

interface QueueText {
  title: MessageKey;
  intro: MessageKey;
  onlyOverdue: MessageKey;
  none: MessageKey;
  queue: MessageKey;
}

/**
 * A queue of open cases (objections, repair applications) as the API orders it, by deadline,
 * with an "only overdue" switch kept in the address; each item answers through `status`.
 */
export function QueuePage<T extends { id: string }>({
  path,
  text,
  deadline,
  item,
}: {
  path: string;
  text: QueueText;
  deadline(item: T): string | null;
  item(value: T, status: Status): ReactNode;
}) {
  const { t } = useI18n();
  const { call } = useSession();
  const [params, setParams] = useSearchParams();
  const overdue = params.get('overdue') === 'true';
  // the box shows a click at once: the router applies the address in a transition, and a box
  // bound to the address alone would flick back until it has
  const [box, setBox] = useState({ address: overdue, checked: overdue });
  // the address changed (a click's navigation done, or back and forward): the box follows it
  if (box.address !== overdue) setBox({ address: overdue, checked: overdue });
  const queue = useLoad(
    (signal) =>
      call<{ items: T[] }>(path, {
        query: { overdue: overdue ? 'true' : undefined, limit: 200 },
        signal,
      }),
    [path, overdue],
  );
  const [message, setMessage] = useState('');
  const status: Status = {
    onDone: (done: string) => {
      setMessage(done);
      queue.reload();
    },
    onStart: () => setMessage(''),
  };
  // earliest deadline first, as the API gives it; answered cases leave on the reload
  const items = [...(queue.data?.items ?? [])].sort(
    (a, b) => (deadline(a) ?? '').localeCompare(deadline(b) ?? '') || a.id.localeCompare(b.id),
  );
  return (
    <>
      <h1>{t(text.title)}</h1>
      <p className="muted">{t(text.intro)}</p>
      <div className="field">
        <label className="inline">
          <input
            type="checkbox"
            checked={box.checked}
            onChange={(e) => {
              setBox({ address: overdue, checked: e.target.checked });
              setParams(e.target.checked ? { overdue: 'true' } : {});
            }}
          />{' '}
          {t(text.onlyOverdue)}
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
          <p>{t(text.none)}</p>
        ) : (
          <ol className="results queue" aria-label={t(text.queue)}>
            {items.map((value) => item(value, status))}
          </ol>
        )}
      </WithNames>
    </>
  );
}
