import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api';
import { ErrorNote } from '../../../components/status';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { BatchResults, type Answered } from './batch-results';
import { BATCH_MAX, type BatchLine, parseBatch } from './batch-lines';
import type { CheckError, CheckNames, CheckResult } from './measures';

/** Many checks at once: pasted lines or a CSV file, one request, a table of answers. */
export function BatchCheck({ names }: { names: CheckNames }) {
  const { t, number } = useI18n();
  const { call } = useSession();
  const [text, setText] = useState('');
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setProblem(null);
    const { checks, unreadable } = parseBatch(text);
    if (checks.length === 0 && unreadable.length === 0) {
      setProblem(t('checks.batchEmpty'));
      return;
    }
    setBusy(true);
    try {
      const sent = checks.map(({ line: _line, ...c }) => c);
      const { results } =
        sent.length > 0
          ? await call<{ results: Array<CheckResult | CheckError> }>('/v1/checks/batch', {
              body: { checks: sent },
            })
          : { results: [] };
      setAnswered({ lines: checks, results, unreadable });
    } catch (e) {
      setAnswered(null);
      setError(e);
      setProblem(lineOf(e, checks, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="batch-title">
      <h2 id="batch-title">{t('checks.batch')}</h2>
      <form className="card" onSubmit={submit}>
        <div className="field">
          <label htmlFor="batch-lines">{t('checks.batchLines')}</label>
          <textarea
            id="batch-lines"
            rows={6}
            className="console-full"
            spellCheck={false}
            aria-describedby={`batch-hint${problem ? ' batch-problem' : ''}`}
            aria-invalid={problem ? true : undefined}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div id="batch-hint" className="hint">
            {t('checks.batchHint', { max: number(BATCH_MAX) })}
          </div>
          {problem && (
            <div id="batch-problem" className="problem small" role="alert">
              {problem}
            </div>
          )}
        </div>
        <div className="field">
          <label htmlFor="batch-file">{t('checks.batchFile')}</label>
          <input
            id="batch-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="batch-file-hint"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
          <div id="batch-file-hint" className="hint">
            {t('checks.batchFileHint')}
          </div>
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t('checks.running') : t('checks.runBatch')}
        </button>
      </form>
      <ErrorNote error={error} />
      {answered && <BatchResults answered={answered} names={names} />}
    </section>
  );
}

/** A refused batch names the item by its index (`checks.3.date`); say which line that is. */
function lineOf(error: unknown, sent: BatchLine[], t: ReturnType<typeof useI18n>['t']) {
  if (!(error instanceof ApiError) || !error.field) return null;
  const m = /^checks\.(\d+)/.exec(error.field);
  const line = m ? sent[Number(m[1])]?.line : undefined;
  return line ? t('checks.batchLineProblem', { line, message: error.message }) : null;
}
