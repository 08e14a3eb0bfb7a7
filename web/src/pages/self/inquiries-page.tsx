import { Link, useSearchParams } from 'react-router';
import { ScrollRegion } from '../../charts/contributions';
import { ErrorNote, Loading } from '../../components/status';
import { unsettled, useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useNames } from '../public/subject';
import { dateTime } from './format';
import { useNaming, usePurposes } from './names';
import type { Inquiry } from './report-types';

const PAGE = 20;

/** Who read the full file, when, and for what purpose: the inquiry log, a page at a time. */
export function InquiriesPage({ identifier }: { identifier: string }) {
  const { t, pick, lang, date } = useI18n();
  const { call, account } = useSession();
  const [params, setParams] = useSearchParams();
  const cursor = params.get('cursor') ?? '';
  const log = useLoad(
    (signal) =>
      call<{ items: Inquiry[]; next: string | null }>(
        `/v1/subjects/${encodeURIComponent(identifier)}/inquiries`,
        { signal, query: { limit: PAGE, cursor } },
      ),
    [identifier, cursor],
  );
  const names = useNames();
  const naming = useNaming(names.data);
  const purposes = usePurposes();
  const purpose = (id: string) => {
    const found = purposes.data?.get(id);
    return found ? pick(found.name) : id;
  };

  return (
    <>
      <h1>{t('self.inquiries.title')}</h1>
      <p className="muted">{t('self.inquiries.intro')}</p>
      {log.error ? (
        <ErrorNote error={log.error} />
      ) : !log.data || unsettled(names, purposes) ? (
        <Loading height="24rem" />
      ) : log.data.items.length === 0 ? (
        <p>{t('self.inquiries.none')}</p>
      ) : (
        <ScrollRegion card label={t('self.inquiries.title')}>
          <table id="inquiry-log">
            <caption className="small muted">
              {t('self.inquiries.caption', { count: log.data.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('self.inquiries.when')}</th>
                <th scope="col">{t('self.inquiries.who')}</th>
                <th scope="col">{t('self.inquiries.purpose')}</th>
                <th scope="col">{t('self.inquiries.read')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((q) => (
                <tr key={q.seq}>
                  <td>{dateTime(lang, q.at)}</td>
                  <td>
                    {q.accountId === account?.id ? t('self.inquiries.you') : q.accountName}
                    {q.authorityId && (
                      <div className="small muted">{naming.authority(q.authorityId)}</div>
                    )}
                  </td>
                  <td>
                    {purpose(q.purpose)}
                    {q.consent && (
                      <div className="small muted consent">
                        {t('self.inquiries.consent', { ...q.consent, date: date(q.consent.date) })}
                      </div>
                    )}
                  </td>
                  <td>
                    {t('self.inquiries.records', { count: q.read.recordIds.length })}
                    {q.read.restricted.length > 0 && (
                      <div className="small">
                        {t('self.inquiries.restricted', { count: q.read.restricted.length })}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <div className="row no-print">
        {cursor && (
          <Link className="button secondary" to="/me/inquiries">
            {t('self.inquiries.first')}
          </Link>
        )}
        {log.data?.next && (
          <button type="button" onClick={() => setParams({ cursor: log.data!.next! })}>
            {t('self.inquiries.next')}
          </button>
        )}
      </div>
    </>
  );
}
