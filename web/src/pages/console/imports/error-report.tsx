import { apiText } from '../../../api';
import { ErrorNote, Loading } from '../../../components/status';
import { useLoad } from '../../../components/use-load';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { BlobLink } from './blob-link';
import { useColumnLabel } from './column-label';
import { parseCsv } from './csv';

/** rows shown on the page; the download has them all */
const SHOWN = 20;

/** The bad rows of a finished import: the CSV to download, and its first rows. */
export function ErrorReport({ importId }: { importId: string }) {
  const { t, number, lang } = useI18n();
  const fieldLabel = useColumnLabel();
  const zh = lang === 'zh';
  const { token } = useSession();
  const report = useLoad(
    (signal) => apiText(`/v1/imports/${encodeURIComponent(importId)}/errors`, { token, signal }),
    [importId, token],
  );
  if (report.error) return <ErrorNote error={report.error} />;
  if (report.data === null) return <Loading height="10rem" />;
  // the first line is the header: line, field, code, message, rule_zh
  const rows = parseCsv(report.data)
    .slice(1)
    .filter((r) => r.length >= 4);
  return (
    <section aria-labelledby="error-report-title">
      <h3 id="error-report-title">{t('imports.errorsTitle', { count: number(rows.length) })}</h3>
      <p>
        <BlobLink
          text={report.data}
          type="text/csv;charset=utf-8"
          filename={`${importId}-errors.csv`}
        >
          {t('imports.download')}
        </BlobLink>
      </p>
      {/* focusable, so a keyboard can scroll a table wider than the screen */}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="error-report-title">
        <table>
          <caption className="small muted">
            {rows.length > SHOWN
              ? t('imports.errorsFirst', { shown: SHOWN, count: number(rows.length) })
              : t('imports.errorsAll')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.col.line')}</th>
              <th scope="col">{t('imports.col.field')}</th>
              {!zh && <th scope="col">{t('imports.col.code')}</th>}
              <th scope="col">{t('imports.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map(([line, field = '', code, message, ruleZh], i) =>
              zh ? (
                <tr key={i}>
                  <td>{line}</td>
                  <td>{fieldLabel(field)}</td>
                  <td>{ruleZh || t('common.errorUnknown')}</td>
                </tr>
              ) : (
                <tr key={i}>
                  <td>{line}</td>
                  <td>
                    <code>{field}</code>
                  </td>
                  <td>
                    <code>{code}</code>
                  </td>
                  <td>{message}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
