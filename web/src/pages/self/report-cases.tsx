import { Link } from 'react-router';
import { ScrollRegion } from '../../charts/contributions';
import { type MessageKey, useI18n } from '../../i18n';
import type { useNaming } from './names';
import type { ObjectionItem, ReportObjection, ReportRepair } from './report-types';
import { objectionLink } from './use-report';

type Naming = ReturnType<typeof useNaming>;

const OBJECTION_STATE: Record<ReportObjection['state'], MessageKey> = {
  open: 'self.objection.open',
  upheld: 'self.objection.upheld',
  rejected: 'self.objection.rejected',
};

const REPAIR_STATE: Record<ReportRepair['state'], MessageKey> = {
  submitted: 'self.repair.submitted',
  forwarded: 'self.repair.forwarded',
  approved: 'self.repair.approved',
  refused: 'self.repair.refused',
};

/** The name of what a case is about: a record type, a list, a rating model. */
export function itemTypeName(naming: Naming, item: ObjectionItem, type: string): string {
  if (item === 'list_entry') return naming.listType(type);
  if (item === 'rating') return naming.model(type);
  return naming.recordType(type);
}

/** The subject's objections and repair applications, with their state and deadlines. */
export function CasesSection({
  objections,
  repairs,
  naming,
}: {
  objections: ReportObjection[];
  repairs: ReportRepair[];
  naming: Naming;
}) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="cases">
      <h2 id="cases">{t('self.cases.title')}</h2>
      {objections.length === 0 && repairs.length === 0 && <p>{t('self.cases.none')}</p>}
      {objections.length > 0 && (
        <ScrollRegion card label={t('self.cases.objections', { count: objections.length })}>
          <table className="small" id="objections">
            <caption>{t('self.cases.objections', { count: objections.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('self.cases.item')}</th>
                <th scope="col">{t('self.cases.filedOn')}</th>
                <th scope="col">{t('self.cases.state')}</th>
                <th scope="col">{t('self.cases.answerBy')}</th>
                <th scope="col">{t('self.cases.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {objections.map((o) => (
                <tr key={o.id}>
                  <td>{itemTypeName(naming, o.item, o.itemType)}</td>
                  <td>{date(o.filedOn)}</td>
                  <td>
                    {t(OBJECTION_STATE[o.state])}{' '}
                    {o.overdue && <span className="badge overdue">{t('self.cases.overdue')}</span>}
                  </td>
                  <td>{date(o.answerBy)}</td>
                  <td>{o.decidedOn ? `${date(o.decidedOn)} ${o.reasons ?? ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {repairs.length > 0 && (
        <ScrollRegion card label={t('self.cases.repairs', { count: repairs.length })}>
          <table className="small" id="repairs">
            <caption>{t('self.cases.repairs', { count: repairs.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('self.cases.item')}</th>
                <th scope="col">{t('self.cases.filedOn')}</th>
                <th scope="col">{t('self.cases.state')}</th>
                <th scope="col">{t('self.cases.dueBy')}</th>
                <th scope="col">{t('self.cases.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {repairs.map((r) => (
                <tr key={r.id}>
                  <td>{itemTypeName(naming, r.item, r.itemType)}</td>
                  <td>{date(r.filedOn)}</td>
                  <td>
                    {t(REPAIR_STATE[r.state])}{' '}
                    {r.overdue && <span className="badge overdue">{t('self.cases.overdue')}</span>}
                  </td>
                  <td>{r.dueBy ? date(r.dueBy) : '—'}</td>
                  <td>
                    {r.decidedOn ? `${date(r.decidedOn)} ${r.reasons ?? ''}` : '—'}
                    {r.state === 'refused' && (
                      <div className="no-print">
                        <Link to={objectionLink('repair', r.id)}>
                          {t('self.cases.objectRefusal')}
                        </Link>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
