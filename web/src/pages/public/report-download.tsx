import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { apiResponse } from '../../api';
import { ErrorNote } from '../../components/status';
import { useI18n } from '../../i18n';

/**
 * Downloads an organization's public credit report in the reader's language: the registry
 * issues it (a POST: each one has its own code, kept in the audit log) and it is saved from a
 * Blob URL, let go when the page goes. The code is shown with a link to check it.
 */
export function ReportDownload({ identifier, name }: { identifier: string; name: string }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [issued, setIssued] = useState<{ code: string; url: string } | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await apiResponse(
        `/v1/subjects/${encodeURIComponent(identifier)}/public-report`,
        { method: 'POST', query: { lang } },
      );
      const html = await response.text();
      const code = response.headers.get('x-report-code') ?? '';
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      urls.current.push(url);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${name}-${code || 'report'}.html`;
      document.body.append(a);
      a.click();
      a.remove();
      setIssued({ code, url });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="no-print report-download">
      <div className="row">
        <button type="button" disabled={busy} onClick={download}>
          {busy ? t('report.downloading') : t('report.download')}
        </button>
        <Link to="/verify">{t('report.verifyLink')}</Link>
      </div>
      <p className="small muted">{t('report.downloadHint')}</p>
      {issued && (
        <p role="status">
          {t('report.downloaded', { code: issued.code })}{' '}
          <a href={issued.url} download={`${name}-${issued.code}.html`}>
            {t('report.saveLink')}
          </a>
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
