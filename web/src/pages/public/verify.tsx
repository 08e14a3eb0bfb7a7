import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api';
import { ErrorNote } from '../../components/status';
import { useI18n } from '../../i18n';

interface Verification {
  issuedOn: string;
  lang: 'zh' | 'en';
  organization: { name: string; identifier: string };
  matches: boolean | null;
}

/**
 * Anyone checks a public credit report: by its code, whether and when the registry issued it
 * and for whom; with the file, whether it is the report issued (the server hashes it as issued).
 */
export function VerifyPage() {
  const { t, date } = useI18n();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Verification | 'not_found' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      const document = file ? await file.text() : undefined;
      setAnswer(
        await api<Verification>('/v1/reports/verify', {
          method: 'POST',
          body: { code: code.trim(), ...(document !== undefined ? { document } : {}) },
        }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.code === 'REPORT_NOT_FOUND') setAnswer('not_found');
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <form className="card" onSubmit={submit} aria-label={t('verify.title')}>
        <div>
          <label htmlFor="verify-code">{t('verify.code')}</label>
          <input
            id="verify-code"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            aria-describedby="verify-code-hint"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <p id="verify-code-hint" className="small muted">
            {t('verify.codeHint')}
          </p>
        </div>
        <div>
          <label htmlFor="verify-file">{t('verify.file')}</label>
          <input
            id="verify-file"
            type="file"
            accept=".html,.htm,text/html"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" disabled={busy} style={{ marginTop: '0.75rem' }}>
          {t('verify.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {answer === 'not_found' && (
          <div className="card problem" role="alert">
            <p style={{ margin: 0 }}>{t('verify.notFound')}</p>
          </div>
        )}
        {answer && answer !== 'not_found' && (
          <section className="card" aria-labelledby="verify-result">
            <h2 id="verify-result" style={{ marginTop: 0 }}>
              {t('verify.issued', { date: date(answer.issuedOn) })}
            </h2>
            <dl className="facts">
              <dt>{t('verify.organization')}</dt>
              <dd>
                <Link to={`/subjects/${encodeURIComponent(answer.organization.identifier)}`}>
                  {answer.organization.name}
                </Link>
              </dd>
              <dt>{t('verify.identifier')}</dt>
              <dd>{answer.organization.identifier}</dd>
              <dt>{t('verify.language')}</dt>
              <dd>{t(answer.lang === 'zh' ? 'verify.lang.zh' : 'verify.lang.en')}</dd>
            </dl>
            <p role={answer.matches === false ? 'alert' : undefined}>
              <strong>
                {answer.matches === null
                  ? t('verify.noFile')
                  : answer.matches
                    ? t('verify.matches')
                    : t('verify.differs')}
              </strong>
            </p>
          </section>
        )}
        <ErrorNote error={error} />
      </div>
    </article>
  );
}
