import { Link } from 'react-router';
import { Timeline, type Span } from '../../charts/timeline';
import { ErrorNote, Loading } from '../../components/status';
import { unsettled } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { kindKey } from '../public/search';
import { schemeName, useNames } from '../public/subject';
import { dateTime } from './format';
import { useNaming } from './names';
import { PrintTools } from './print-tools';
import { CasesSection } from './report-cases';
import { EntryCard, MeasureCard, RecordCard } from './report-records';
import { RatingsSection } from './report-ratings';
import type { OwnReport } from './report-types';
import { subjectName, useOwnReport } from './use-report';

/** The subject's own report: everything in its file, public or not, with what it can do. */
export function ReportPage({ identifier }: { identifier: string }) {
  const report = useOwnReport(identifier);
  const names = useNames();
  if (report.error) return <ErrorNote error={report.error} />;
  if (!report.data || unsettled(names)) return <Loading height="40rem" />;
  return <ReportView report={report.data} names={names.data} identifier={identifier} />;
}

function ReportView({
  report,
  names,
  identifier,
}: {
  report: OwnReport;
  names: ReturnType<typeof useNames>['data'];
  identifier: string;
}) {
  const { t, date, lang } = useI18n();
  const naming = useNaming(names);
  const spans: Span[] = [
    ...report.listEntries
      .filter((e) => e.entry.effectiveFrom)
      .map((e) => ({
        id: e.entry.id,
        label: naming.listType(e.entry.listType),
        from: e.entry.effectiveFrom!,
        to: e.entry.removedOn ?? e.entry.endsOn,
        tone: (names?.listTypes.get(e.entry.listType)?.colour as string | undefined) ?? 'black',
      })),
    ...report.items
      .filter((i) => i.window.publicFrom)
      .map((i) => ({
        id: i.recordId,
        label: naming.recordType(i.current.type),
        from: i.window.publicFrom!,
        to: i.window.publicUntil,
        tone: 'record',
      })),
  ];
  const others = report.inquiries.filter((q) => q.purpose !== 'subject_own').length;

  return (
    <article className="own-report">
      <h1>{t('self.report.title', { name: subjectName(report) })}</h1>
      <p className="muted small">
        {t('self.report.asOf', {
          date: date(report.asOf),
          generated: dateTime(lang, report.generatedAt),
        })}
      </p>
      <PrintTools identifier={identifier} />

      <section className="card" aria-labelledby="identity">
        <h2 id="identity" style={{ marginTop: 0 }}>
          {t('subject.identity')}
        </h2>
        <dl className="facts">
          <dt>{t('search.kind')}</dt>
          <dd>{t(kindKey(report.subject.kind))}</dd>
          <dt>{t('subject.identifiers')}</dt>
          <dd>
            {report.subject.identifiers.map((i) => (
              <div key={`${i.scheme}-${i.value}`}>
                {i.value} <span className="small muted">{schemeName(t, i.scheme)}</span>
              </div>
            ))}
          </dd>
          <dt>{t('subject.region')}</dt>
          <dd>{report.subject.region ?? '—'}</dd>
          <dt>{t('self.report.inquiries')}</dt>
          <dd>
            {t('self.report.inquiryCount', { count: report.inquiries.length, others })}{' '}
            <Link className="no-print" to="/me/inquiries">
              {t('self.report.inquiryLink')}
            </Link>
          </dd>
        </dl>
      </section>

      <CasesSection objections={report.objections} repairs={report.repairs} naming={naming} />

      <section aria-labelledby="entries">
        <h2 id="entries">{t('self.report.entries', { count: report.listEntries.length })}</h2>
        {report.listEntries.length === 0 && <p>{t('self.report.noEntries')}</p>}
        {report.listEntries.map((e) => (
          <EntryCard key={e.entry.id} view={e} naming={naming} />
        ))}
      </section>

      <section aria-labelledby="measures">
        <h2 id="measures">{t('self.report.measures', { count: report.measures.length })}</h2>
        {report.measures.length === 0 ? (
          <p>{t('self.report.noMeasures')}</p>
        ) : (
          <ul className="results">
            {report.measures.map((m) => (
              <MeasureCard key={m.id} measure={m} naming={naming} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="records">
        <h2 id="records">{t('self.report.records', { count: report.items.length })}</h2>
        <p className="small muted">{t('self.report.recordsHint')}</p>
        {report.items.length === 0 && <p>{t('self.report.noRecords')}</p>}
        {report.items.map((i) => (
          <RecordCard key={i.recordId} item={i} naming={naming} />
        ))}
      </section>

      {spans.length > 0 && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t('subject.timeline')}</h2>
          <p className="small muted">{t('self.report.timelineHint')}</p>
          <div className="card">
            <Timeline spans={spans} today={report.asOf} />
          </div>
        </section>
      )}

      <RatingsSection ratings={report.ratings} history={report.ratingHistory} naming={naming} />
    </article>
  );
}
