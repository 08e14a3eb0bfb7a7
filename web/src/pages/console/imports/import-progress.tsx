import { useEffect, useState } from 'react';
import { ErrorNote } from '../../../components/status';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { ErrorReport } from './error-report';

/** An import as GET /v1/imports/{id} describes it. */
export interface ImportJob {
  id: string;
  status: 'running' | 'finished' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: { bytesRead: number; bytesTotal: number; rows: number };
  summary: {
    rows: number;
    created: number;
    unchanged: number;
    rejected: number;
    warnings: number;
    batches: number;
  } | null;
  error: string | null;
}

const POLL_MS = 500;

/** The job, asked for again every half second while it runs. */
function useImportJob(initial: ImportJob) {
  const { call } = useSession();
  const [job, setJob] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (job.status !== 'running' || error) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      call<ImportJob>(`/v1/imports/${encodeURIComponent(job.id)}`, {
        signal: controller.signal,
      }).then(setJob, (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [job, error, call]);
  return { job, error, retry: () => setError(null) };
}

/** Live progress of one import, then its summary and, when rows were refused, the error report. */
export function ImportProgress({ initial }: { initial: ImportJob }) {
  const { t, number } = useI18n();
  const { job, error, retry } = useImportJob(initial);
  const { progress, summary } = job;
  const done = job.status !== 'running';
  const total = Math.max(progress.bytesTotal, 1);
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title" className="card-title">
        {t('imports.job')}
      </h2>
      <div className="field">
        <label htmlFor="import-progress">{t('imports.progress')}</label>
        <progress
          id="import-progress"
          max={total}
          value={done ? total : progress.bytesRead}
          aria-describedby="import-counts"
        />
        <div id="import-counts" className="hint">
          {t('imports.counts', {
            read: number(done ? progress.bytesTotal : progress.bytesRead),
            total: number(progress.bytesTotal),
            rows: number(summary?.rows ?? progress.rows),
          })}
        </div>
      </div>
      <p role="status" className={job.status === 'failed' ? 'problem' : undefined}>
        {t(`imports.status.${job.status}`)}
        {job.error ? ` ${job.error}` : ''}
      </p>
      {error ? (
        <>
          <ErrorNote error={error} />
          <button type="button" className="secondary" onClick={retry}>
            {t('imports.retry')}
          </button>
        </>
      ) : null}
      {summary && (
        <>
          <h3>{t('imports.summary')}</h3>
          <dl className="facts">
            <dt>{t('imports.sum.rows')}</dt>
            <dd>{number(summary.rows)}</dd>
            <dt>{t('imports.sum.created')}</dt>
            <dd>{number(summary.created)}</dd>
            <dt>{t('imports.sum.unchanged')}</dt>
            <dd>{number(summary.unchanged)}</dd>
            <dt>{t('imports.sum.rejected')}</dt>
            <dd>{number(summary.rejected)}</dd>
            <dt>{t('imports.sum.warnings')}</dt>
            <dd>{number(summary.warnings)}</dd>
          </dl>
          {summary.rejected > 0 && <ErrorReport importId={job.id} />}
        </>
      )}
    </section>
  );
}
