import { Fragment } from 'react';
import { DisputedBadge } from '../../components/status';
import { useI18n } from '../../i18n';
import type { useNaming } from './names';
import type { ObjectionItem, OwnReport } from './report-types';

type Naming = ReturnType<typeof useNaming>;

export const ITEM_KINDS: ObjectionItem[] = ['record', 'list_entry', 'rating', 'repair'];

/** The item of the own file a form is about, found in the report by kind and id. */
export function findItem(report: OwnReport, kind: ObjectionItem, id: string) {
  if (kind === 'record') {
    const item = report.items.find((i) => i.current.id === id || i.recordId === id);
    return item ? { kind, item } : null;
  }
  if (kind === 'list_entry') {
    const item = report.listEntries.find((e) => e.entry.id === id);
    return item ? { kind, item } : null;
  }
  if (kind === 'rating') {
    const item = report.ratings.find((r) => r.rating.id === id);
    return item ? { kind, item } : null;
  }
  const item = report.repairs.find((r) => r.id === id);
  return item ? { kind, item } : null;
}

export type FoundItem = NonNullable<ReturnType<typeof findItem>>;

/** A short card naming the item: what it is, who decided it, when. */
export function ItemSummary({ found, naming }: { found: FoundItem; naming: Naming }) {
  const { t, date } = useI18n();
  let title: string;
  let facts: Array<[string, string]>;
  let disputed = false;
  if (found.kind === 'record') {
    const r = found.item.current;
    title = naming.recordType(r.type);
    disputed = found.item.disputed;
    facts = [
      [t('common.authority'), naming.authority(r.authorityId)],
      [t('subject.decisionDate'), date(r.decisionDate)],
      [t('subject.documentNumber'), r.documentNumber ?? '—'],
    ];
  } else if (found.kind === 'list_entry') {
    const e = found.item.entry;
    title = naming.listType(e.listType);
    disputed = found.item.disputed;
    facts = [
      [t('common.authority'), naming.authority(e.authorityId)],
      [t('self.entry.proposedOn'), date(e.proposedOn)],
    ];
  } else if (found.kind === 'rating') {
    const r = found.item.rating;
    title = naming.model(r.modelId);
    disputed = found.item.disputed;
    facts = [
      [t('self.ratings.gradeLabel'), naming.grade(r.modelId, r.grade)],
      [t('charts.history.asOf'), date(r.asOf)],
    ];
  } else {
    const r = found.item;
    title = t('self.item.repairRefusal', { type: naming.recordType(r.itemType) });
    facts = [
      [t('self.cases.filedOn'), date(r.filedOn)],
      [t('self.cases.outcome'), `${date(r.decidedOn)} ${r.reasons ?? ''}`],
    ];
  }
  return (
    <section className="card" aria-labelledby="item-title">
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h2 id="item-title" className="item-title">
          {title}
        </h2>
        <DisputedBadge disputed={disputed} />
      </div>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
