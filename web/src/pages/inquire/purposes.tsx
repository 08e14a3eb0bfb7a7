import { type CatalogEntry, legalBasisText, type LegalBasis } from '../../catalog';
import { useI18n } from '../../i18n';
import type { Inquiry } from '../self/report-types';
import { dateTime } from '../self/format';
import type { useNaming } from '../self/names';

/** An inquiry purpose as the catalog serves it (catalogs/default/purposes.yaml). */
export type Purpose = CatalogEntry & {
  recordTypes: string[];
  roles: string[];
  jurisdiction: 'national' | 'own';
  consent?: boolean;
  legalBasis?: LegalBasis[];
};

/** The purposes a role may state, optionally only those needing no consent, in catalog order. */
export function purposesFor(
  purposes: Map<string, CatalogEntry> | null,
  role: string,
  consent = true,
): Purpose[] {
  return [...(purposes?.values() ?? [])]
    .map((p) => p as Purpose)
    .filter((p) => p.roles.includes(role) && (consent || !p.consent));
}

/** What a purpose lets its reader see, said before anything is read. */
export function PurposeAllows({
  purpose,
  naming,
}: {
  purpose: Purpose;
  naming: ReturnType<typeof useNaming>;
}) {
  const { t, lang } = useI18n();
  // a Chinese reader gets a law's title without its English note: once per law
  const bases = [...new Set((purpose.legalBasis ?? []).map((b) => legalBasisText(b, lang)))];
  return (
    <dl className="facts purpose-allows">
      <dt>{t('inquire.allows')}</dt>
      <dd>
        <div>{t('inquire.allows.public')}</div>
        <div>
          {purpose.recordTypes.length > 0
            ? t('inquire.allows.restricted', {
                types: purpose.recordTypes.map(naming.recordType).join(lang === 'zh' ? '、' : ', '),
              })
            : t('inquire.allows.noRestricted')}
        </div>
        <div>{t(`inquire.allows.scope.${purpose.jurisdiction}`)}</div>
        <div>{t(purpose.consent ? 'inquire.consentNeeded' : 'inquire.consentNone')}</div>
      </dd>
      {bases.length > 0 && (
        <>
          <dt>{t('inquire.legalBasis')}</dt>
          <dd>
            {bases.map((text) => (
              <div key={text}>{text}</div>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}

/** The page says the read was logged: by whom, when, for what purpose (and on what consent). */
export function InquiryNotice({ inquiry, purpose }: { inquiry: Inquiry; purpose: string }) {
  const { t, lang, date } = useI18n();
  return (
    <p className="card inquiry-logged" role="status">
      {t('inquire.logged', {
        who: inquiry.accountName,
        when: dateTime(lang, inquiry.at),
        purpose,
      })}
      {inquiry.consent &&
        ` ${t('inquire.loggedConsent', { document: inquiry.consent.document, date: date(inquiry.consent.date) })}`}
    </p>
  );
}
