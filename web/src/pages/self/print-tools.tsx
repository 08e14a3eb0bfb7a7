import { useEffect, useRef, useState } from 'react';
import { apiText } from '../../api';
import { ErrorNote } from '../../components/status';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { reportPath } from './use-report';

/**
 * Print this page (the print stylesheet hides the navigation and the actions), or open the
 * registry's own printable report. That page needs the token, which a plain link cannot send,
 * so it is fetched and opened from a Blob URL; the URL is let go when the page goes.
 */
export function PrintTools({ identifier }: { identifier: string }) {
  const { t } = useI18n();
  const { token } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  const openPrintable = async () => {
    setBusy(true);
    setError(null);
    try {
      const html = await apiText(`${reportPath(identifier)}/printable`, { token });
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      urls.current.push(url);
      // a blocked pop-up leaves a link to open it by hand
      if (!window.open(url, '_blank')) setBlocked(url);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="no-print">
      <div className="row print-tools">
        <button type="button" onClick={() => window.print()}>
          {t('self.print.page')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={openPrintable}>
          {t('self.print.server')}
        </button>
      </div>
      <p className="small muted">{t('self.print.hint')}</p>
      {blocked && (
        <p>
          <a href={blocked} target="_blank" rel="noreferrer">
            {t('self.print.open')}
          </a>
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
