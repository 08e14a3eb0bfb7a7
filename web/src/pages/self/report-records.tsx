import type { ReactNode } from 'react';
import { fieldValueText, legalBasisText } from '../../catalog';
import { DisputedBadge } from '../../components/status';
import { type MessageKey, useI18n } from '../../i18n';
import { money } from './format';
import { ItemActions } from './item-actions';
import type { useNaming } from './names';
import type { ReportEntry, ReportItem, ReportMeasure } from './report-types';
import { objectionLink, repairLink } from './use-report';

type Naming = ReturnType<typeof useNaming>;

const STATUS: Record<ReportItem['status'], MessageKey> = {
  active: 'self.status.active',
  expired: 'self.status.expired',
  repaired: 'self.status.repaired',
  corrected: 'self.status.corrected',
  revoked: 'self.status.revoked',
};

const VISIBILITY: Record<ReportItem['visibility'], MessageKey> = {
  public: 'self.visibility.public',
  not_public: 'self.visibility.not_public',
  restricted: 'self.visibility.restricted',
};

const TIER: Record<string, MessageKey> = {
  minor: 'self.tier.minor',
  general: 'self.tier.general',
  serious: 'self.tier.serious',
};

const EFFECT: Record<string, MessageKey> = {
  deny: 'self.measure.deny',
  review: 'self.measure.review',
  fast_track: 'self.measure.fastTrack',
};

const ENTRY_STATE: Record<ReportEntry['entry']['state'], MessageKey> = {
  proposed: 'self.entry.proposed',
  noticed: 'self.entry.noticed',
  effective: 'self.entry.effective',
  removed: 'self.entry.removed',
  rejected: 'self.entry.rejected',
};

/** A record can be repaired when it is published and its type and tier give a repair period. */
export const repairable = (item: ReportItem) =>
  item.status === 'active' && item.visibility === 'public' && item.window.repairFrom !== null;

function Window({ item }: { item: ReportItem }) {
  const { t, date } = useI18n();
  const w = item.window;
  if (w.mode === 'always') return <>{t('self.window.always', { from: date(w.publicFrom) })}</>;
  if (w.mode === 'never') return <>{t('self.window.never')}</>;
  if (w.mode === 'while_listed') return <>{t('self.window.whileListed')}</>;
  if (w.mode === 'not_published') return <>{t('self.window.notPublished')}</>;
  return w.publicUntil ? (
    <>{t('self.window.window', { from: date(w.publicFrom), until: date(w.publicUntil) })}</>
  ) : (
    <>{t('self.window.always', { from: date(w.publicFrom) })}</>
  );
}

export function RecordCard({
  item,
  naming,
  actions = true,
}: {
  item: ReportItem;
  naming: Naming;
  /** the subject's own objection and repair links (not for an officer's or a bank's read) */
  actions?: boolean;
}) {
  const { t, date, lang, pick } = useI18n();
  const r = item.current;
  const adverse = naming.adverse(r.type);
  const headingId = `record-${item.recordId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h3 id={headingId} className="item-title">
          {naming.recordType(r.type)}
        </h3>
        <span className="badge">{t(STATUS[item.status])}</span>
        <span className={`badge${item.visibility === 'public' ? '' : ' muted'}`}>
          {t(VISIBILITY[item.visibility])}
        </span>
        {r.severity && (
          <span className="badge">
            {TIER[r.severity] ? t(TIER[r.severity]!) : t('self.record.tier', { tier: r.severity })}
          </span>
        )}
        <DisputedBadge disputed={item.disputed} />
      </div>
      <dl className="facts">
        <dt>{t('common.authority')}</dt>
        <dd>{naming.authority(r.authorityId)}</dd>
        <dt>{t('subject.decisionDate')}</dt>
        <dd>{date(r.decisionDate)}</dd>
        {r.documentNumber && (
          <>
            <dt>{t('subject.documentNumber')}</dt>
            <dd>{r.documentNumber}</dd>
          </>
        )}
        <dt>{t('common.legalBasis')}</dt>
        <dd>{r.legalBasis}</dd>
        <dt>{t('self.record.publication')}</dt>
        <dd>
          <Window item={item} />
        </dd>
        {item.window.repairFrom && (
          <>
            <dt>{t('self.record.repairFrom')}</dt>
            <dd>{date(item.window.repairFrom)}</dd>
          </>
        )}
        {item.retainedUntil && (
          <>
            <dt>{t('self.record.retainedUntil')}</dt>
            <dd>{date(item.retainedUntil)}</dd>
          </>
        )}
        {r.facts && (
          <>
            <dt>{t('subject.facts')}</dt>
            <dd>{r.facts}</dd>
          </>
        )}
        {r.amounts.map((a) => (
          <Fact key={a.field} label={naming.field(r.type, a.field)}>
            {money(lang, a.minor, a.currency)}
          </Fact>
        ))}
        {Object.entries(r.fields).map(([name, value]) => (
          <Fact key={name} label={naming.field(r.type, name)}>
            {fieldValueText(naming.fieldDef(r.type, name), value, {
              yes: t('common.yes'),
              no: t('common.no'),
              pick,
              date,
            })}
          </Fact>
        ))}
        {r.version > 1 && (
          <Fact label={t('self.record.version')}>
            {t('self.record.versionOf', { version: r.version })}
          </Fact>
        )}
      </dl>
      {actions && adverse && item.status !== 'revoked' && (
        <ItemActions
          label={naming.recordType(r.type)}
          objection={item.disputed ? null : objectionLink('record', r.id)}
          repair={repairable(item) ? repairLink('record', r.id) : null}
        />
      )}
    </section>
  );
}

export function EntryCard({
  view,
  naming,
  actions = true,
}: {
  view: ReportEntry;
  naming: Naming;
  actions?: boolean;
}) {
  const { t, date, lang } = useI18n();
  const e = view.entry;
  const early = naming.earlyRemoval(e.listType);
  const headingId = `entry-${e.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h3 id={headingId} className="item-title">
          {naming.listType(e.listType)}
        </h3>
        <span className="badge">{t(ENTRY_STATE[e.state])}</span>
        <DisputedBadge disputed={view.disputed} />
      </div>
      <dl className="facts">
        <dt>{t('common.authority')}</dt>
        <dd>{naming.authority(e.authorityId)}</dd>
        {e.circumstance && (
          <Fact label={t('subject.circumstance')}>{naming.circumstance(e.circumstance)}</Fact>
        )}
        <dt>{t('self.entry.proposedOn')}</dt>
        <dd>{date(e.proposedOn)}</dd>
        {e.noticeEnds && <Fact label={t('self.entry.noticeEnds')}>{date(e.noticeEnds)}</Fact>}
        {e.effectiveFrom && <Fact label={t('subject.effectiveFrom')}>{date(e.effectiveFrom)}</Fact>}
        {e.state === 'effective' && (
          <Fact label={t('subject.endsOn')}>
            {e.endsOn ? date(e.endsOn) : t('subject.endsOnOpen')}
          </Fact>
        )}
        {e.removedOn && (
          <Fact label={t('self.entry.removedOn')}>
            {date(e.removedOn)}
            {e.removal ? ` · ${naming.removal(e.removal)}` : ''}
          </Fact>
        )}
        {early && e.state === 'effective' && (
          <Fact label={t('self.entry.earlyRemoval')}>{early.conditions}</Fact>
        )}
        {naming.listLegalBasis(e.listType).length > 0 && (
          <Fact label={t('common.legalBasis')}>
            {naming.listLegalBasis(e.listType).map((b) => (
              <div key={legalBasisText(b, lang)}>{legalBasisText(b, lang)}</div>
            ))}
          </Fact>
        )}
      </dl>
      {actions && e.state !== 'removed' && e.state !== 'rejected' && (
        <ItemActions
          label={naming.listType(e.listType)}
          objection={view.disputed ? null : objectionLink('list_entry', e.id)}
          repair={early && e.state === 'effective' ? repairLink('list_entry', e.id) : null}
        />
      )}
    </section>
  );
}

export function MeasureCard({ measure, naming }: { measure: ReportMeasure; naming: Naming }) {
  const { t, pick, lang } = useI18n();
  return (
    <li>
      <strong>{pick(measure.name)}</strong>{' '}
      <span className="badge">
        {EFFECT[measure.effect] ? t(EFFECT[measure.effect]!) : measure.effect}
      </span>
      <div className="small">
        {t('self.measure.lists', { lists: measure.lists.map(naming.listType).join('、') })}
      </div>
      <div className="small muted">
        {measure.legalBasis.map((b) => legalBasisText(b, lang)).join('；')}
      </div>
    </li>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
