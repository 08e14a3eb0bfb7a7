import { api } from '../../api';
import { legalBasisText, type LegalBasis } from '../../catalog';
import { useLoad } from '../../components/use-load';
import { type Label, type MessageKey, useI18n } from '../../i18n';

/** A day count of the catalog: calendar days or working days. */
export interface DayCount {
  days?: number;
  workingDays?: number;
}

/** A repair rule as GET /v1/catalog/repair-rules serves it, with the policy's deadlines. */
export interface RepairRule {
  id: string;
  name: Label;
  recordTypes: string[];
  listTypes: string[];
  default: boolean;
  obligations: Array<{ id: string; name: Label }>;
  answer: DayCount;
  decide: DayCount;
  legalBasis: LegalBasis[];
}

let rules: Promise<RepairRule[]> | null = null;

/** The repair rules, read once per page load. */
export function useRepairRules() {
  return useLoad(() => {
    rules ??= api<{ items: RepairRule[] }>('/v1/catalog/repair-rules').then((r) => r.items);
    rules.catch(() => (rules = null));
    return rules;
  }, []);
}

/** The rule for an item as the catalog says: the first that names its type, else the default. */
export function ruleFor(
  all: RepairRule[],
  item: 'record' | 'list_entry',
  type: string,
): RepairRule | undefined {
  const named = all.find((r) =>
    item === 'record' ? r.recordTypes.includes(type) : r.listTypes.includes(type),
  );
  return named ?? all.find((r) => r.default);
}

/** "10 working days", "20 days" */
export function useDayCount() {
  const { t } = useI18n();
  return (count: DayCount) =>
    count.workingDays !== undefined
      ? t('self.days.working', { count: count.workingDays })
      : t('self.days.calendar', { count: count.days ?? 0 });
}

const UNITS: Array<[RegExp, MessageKey]> = [
  [/(\d+)Y/, 'self.duration.years'],
  [/(\d+)M/, 'self.duration.months'],
  [/(\d+)D/, 'self.duration.days'],
];

/** An ISO 8601 duration of the catalog (P1Y, P6M) in words; as written when it is another form. */
export function useDuration() {
  const { t } = useI18n();
  return (iso: string) => {
    const date = iso.split('T')[0] ?? iso;
    const parts = UNITS.flatMap(([unit, key]) => {
      const n = Number(unit.exec(date)?.[1] ?? 0);
      return n > 0 ? [t(key, { count: n })] : [];
    });
    if (parts.length > 0) return parts.join(' ');
    return /^P(0[YMD])+$/.test(iso) ? t('self.duration.none') : iso;
  };
}

/** What a repair asks for: the obligations, the commitment, the deadlines, that it is free. */
export function RepairConditions({
  rule,
  minimum,
}: {
  rule: RepairRule;
  /** the minimum period as the report and the catalog give it */
  minimum: string | null;
}) {
  const { t, pick, lang } = useI18n();
  const days = useDayCount();
  return (
    <section className="card" aria-labelledby="conditions">
      <h2 id="conditions" style={{ marginTop: 0 }}>
        {t('self.repair.conditions')}
      </h2>
      <p>
        <strong>{pick(rule.name)}</strong>
      </p>
      <ol className="conditions">
        {minimum && <li>{minimum}</li>}
        <li>
          {t('self.repair.obligationsIntro')}
          <ul>
            {rule.obligations.map((o) => (
              <li key={o.id}>{pick(o.name)}</li>
            ))}
          </ul>
        </li>
        <li>{t('self.repair.commitmentIntro')}</li>
      </ol>
      <p>{t('self.repair.deadlines', { answer: days(rule.answer), decide: days(rule.decide) })}</p>
      <p>
        <strong>{t('self.repair.free')}</strong>
      </p>
      <p className="small muted">
        {t('common.legalBasis')}: {rule.legalBasis.map((b) => legalBasisText(b, lang)).join('；')}
      </p>
    </section>
  );
}
