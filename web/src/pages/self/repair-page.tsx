import { Link, useSearchParams } from 'react-router';
import { ErrorNote, Loading } from '../../components/status';
import { unsettled } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useNames } from '../public/subject';
import { findItem, ItemSummary } from './item-summary';
import { useNaming } from './names';
import { RepairForm } from './repair-form';
import { RepairConditions, ruleFor, useDuration, useRepairRules } from './repair-rules';
import { useOwnReport } from './use-report';

/** Apply for credit repair of a record or a list entry: the conditions first, then the form. */
export function RepairPage({ identifier }: { identifier: string }) {
  const { t, date } = useI18n();
  const [params] = useSearchParams();
  const kind = params.get('item');
  const id = params.get('id') ?? '';
  const report = useOwnReport(identifier);
  const names = useNames();
  const naming = useNaming(names.data);
  const rules = useRepairRules();
  const duration = useDuration();
  if ((kind !== 'record' && kind !== 'list_entry') || !id) {
    return <p className="problem">{t('self.item.missing')}</p>;
  }
  if (report.error || rules.error) return <ErrorNote error={report.error ?? rules.error} />;
  if (!report.data || !rules.data || unsettled(names)) return <Loading height="30rem" />;
  const found = findItem(report.data, kind, id);
  const type =
    found?.kind === 'record'
      ? found.item.current.type
      : found?.kind === 'list_entry'
        ? found.item.entry.listType
        : null;
  const rule = type ? ruleFor(rules.data, kind, type) : undefined;

  // the minimum period, as the report (records) and the catalog (lists) state it
  let minimum: string | null = null;
  let possibleFrom: string | null = null;
  if (found?.kind === 'record' && found.item.window.repairFrom) {
    possibleFrom = found.item.window.repairFrom;
    minimum = t('self.repair.minimumRecord', { date: date(possibleFrom) });
  } else if (found?.kind === 'list_entry') {
    const early = naming.earlyRemoval(found.item.entry.listType);
    if (early) {
      minimum = t('self.repair.minimumEntry', {
        served: duration(early.minServed),
        from: date(found.item.entry.effectiveFrom),
        conditions: early.conditions,
      });
    }
  }

  return (
    <>
      <h1>{t('self.repair.title')}</h1>
      <p className="muted">{t('self.repair.intro')}</p>
      {!found || !rule ? (
        <p className="problem">{t('self.item.notInFile')}</p>
      ) : (
        <>
          <ItemSummary found={found} naming={naming} />
          <RepairConditions rule={rule} minimum={minimum} />
          <RepairForm
            item={kind}
            itemId={found.kind === 'record' ? found.item.current.id : id}
            rule={rule}
            possibleFrom={possibleFrom}
          />
        </>
      )}
      <p className="no-print">
        <Link to="/me">{t('self.backToReport')}</Link>
      </p>
    </>
  );
}
