import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../api';
import { ErrorNote } from '../../../components/status';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { CheckResultView } from './check-result';
import { actionLabels, type CheckNames, type CheckResult } from './measures';

/** "May we grant this action to this subject?": one identifier, one action, an optional date. */
export function SingleCheck({ names }: { names: CheckNames }) {
  const { t, pick, lang } = useI18n();
  const actionNames = actionLabels(names.actions, lang, pick);
  const { call } = useSession();
  const [query, setQuery] = useState({ identifier: '', action: '', date: '' });
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wrong = error instanceof ApiError ? error.field : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        identifier: query.identifier.trim(),
        action: query.action,
        ...(query.date ? { date: query.date } : {}),
      };
      setResult(await call<CheckResult>('/v1/checks', { body }));
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // the API's message goes beside the input it names, and is announced
  const invalid = (field: string, hint?: string) =>
    wrong === field
      ? { 'aria-invalid': true, 'aria-describedby': ['single-error', hint].join(' ').trim() }
      : { 'aria-describedby': hint };

  return (
    <section aria-labelledby="single-title">
      <h2 id="single-title">{t('checks.single')}</h2>
      <form className="card" onSubmit={submit}>
        <div className="row">
          <div className="field grow">
            <label htmlFor="check-identifier">{t('checks.identifier')}</label>
            <input
              id="check-identifier"
              required
              maxLength={64}
              autoComplete="off"
              value={query.identifier}
              onChange={(e) => setQuery((q) => ({ ...q, identifier: e.target.value }))}
              {...invalid('identifier')}
            />
          </div>
          <div className="field grow">
            <label htmlFor="check-action">{t('checks.action')}</label>
            <select
              id="check-action"
              required
              value={query.action}
              onChange={(e) => setQuery((q) => ({ ...q, action: e.target.value }))}
              {...invalid('action')}
            >
              <option value="">{t('checks.chooseAction')}</option>
              {names.actions.map((a) => (
                <option key={a.code} value={a.code}>
                  {actionNames.get(a.code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="check-date">{t('checks.date')}</label>
            <input
              id="check-date"
              type="date"
              value={query.date}
              onChange={(e) => setQuery((q) => ({ ...q, date: e.target.value }))}
              {...invalid('date', 'check-date-hint')}
            />
            <div id="check-date-hint" className="hint">
              {t('checks.dateHint')}
            </div>
          </div>
        </div>
        <button type="submit" disabled={busy}>
          {t('checks.run')}
        </button>
      </form>
      <div id="single-error">
        <ErrorNote error={error} />
      </div>
      {result && <CheckResultView result={result} names={names} />}
    </section>
  );
}
