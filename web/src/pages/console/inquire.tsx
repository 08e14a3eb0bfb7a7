import { type FormEvent, useState } from 'react';
import { Loading } from '../../components/status';
import { unsettled } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { InquiryNotice, PurposeAllows, purposesFor } from '../inquire/purposes';
import { useNames } from '../public/subject';
import { Field, fieldOf, FormError } from '../self/form-bits';
import { useNaming, usePurposes } from '../self/names';
import { EntryCard, RecordCard } from '../self/report-records';
import type { Inquiry, OwnReport, ReportEntry, ReportItem } from '../self/report-types';
import { errorText } from '../../components/status';

/** GET /v1/subjects/{identifier}/file as the page reads it. */
interface InquiredFile {
  purpose: string;
  withheld: number;
  subject: OwnReport['subject'];
  items: ReportItem[];
  listEntries: ReportEntry[];
  inquiry: Inquiry;
}

const CONSENT = ['consentDocument', 'consentDate', 'consentScope'] as const;
const FIELDS = ['purpose', 'identifier', ...CONSENT];

/** The inquirer's console (a bank): the purpose-bound read of a subject's full file. */
export function InquirePage() {
  const { t, pick, lang } = useI18n();
  const { call, account } = useSession();
  const names = useNames();
  const naming = useNaming(names.data);
  const loaded = usePurposes();
  const purposes = purposesFor(loaded.data ?? null, account?.role ?? '');
  const [purposeId, setPurposeId] = useState('');
  const [identifier, setIdentifier] = useState('');
  const [consent, setConsent] = useState<Record<(typeof CONSENT)[number], string>>({
    consentDocument: '',
    consentDate: '',
    consentScope: '',
  });
  const [file, setFile] = useState<InquiredFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const purpose = purposes.find((p) => p.id === purposeId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!purpose) return;
    setBusy(true);
    setError(null);
    setFile(null);
    try {
      const query: Record<string, string> = { purpose: purpose.id };
      if (purpose.consent) Object.assign(query, consent);
      setFile(
        await call<InquiredFile>(`/v1/subjects/${encodeURIComponent(identifier.trim())}/file`, {
          query,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const problem = (field: string) =>
    fieldOf(error, FIELDS) === field ? errorText(error, lang, t('common.errorUnknown')) : null;
  const subjectName = (subject: OwnReport['subject']) =>
    (
      subject.names.find((n) => n.current && n.lang === lang) ??
      subject.names.find((n) => n.current) ??
      subject.names[0]
    )?.name ?? '—';

  if (unsettled(loaded, names)) return <Loading height="24rem" />;
  return (
    <>
      <h1>{t('console.inquire')}</h1>
      <p className="muted">{t('inquire.intro')}</p>
      <form className="card" onSubmit={(e) => void submit(e)} noValidate>
        <Field id="inquire-purpose" label={t('inquire.purpose')} problem={problem('purpose')}>
          {(aria) => (
            <select
              {...aria}
              value={purposeId}
              required
              onChange={(e) => {
                setPurposeId(e.target.value);
                setFile(null);
              }}
            >
              <option value="">{t('inquire.purposeChoose')}</option>
              {purposes.map((p) => (
                <option key={p.id} value={p.id}>
                  {pick(p.name)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {purpose && <PurposeAllows purpose={purpose} naming={naming} />}
        <Field
          id="inquire-identifier"
          label={t('inquire.identifier')}
          hint={t('inquire.identifierHint')}
          problem={problem('identifier')}
        >
          {(aria) => (
            <input
              {...aria}
              value={identifier}
              required
              autoComplete="off"
              onChange={(e) => setIdentifier(e.target.value)}
            />
          )}
        </Field>
        {purpose?.consent && (
          <fieldset className="field">
            <legend>{t('inquire.consentNeeded')}</legend>
            {CONSENT.map((name) => (
              <Field
                key={name}
                id={`inquire-${name}`}
                label={t(`inquire.${name}`)}
                {...(name === 'consentScope' ? { hint: t('inquire.consentScopeHint') } : {})}
                problem={problem(name)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type={name === 'consentDate' ? 'date' : 'text'}
                    value={consent[name]}
                    required
                    onChange={(e) => setConsent({ ...consent, [name]: e.target.value })}
                  />
                )}
              </Field>
            ))}
          </fieldset>
        )}
        <FormError error={error} fields={FIELDS} />
        <button type="submit" disabled={busy || !purpose || !identifier.trim()}>
          {busy ? t('inquire.reading') : t('inquire.submit')}
        </button>
      </form>
      {file && (
        <section aria-labelledby="inquired-file">
          <h2 id="inquired-file">{t('inquire.file', { name: subjectName(file.subject) })}</h2>
          <InquiryNotice
            inquiry={file.inquiry}
            purpose={purpose ? pick(purpose.name) : file.purpose}
          />
          <h3>{t('inquire.records', { count: file.items.length })}</h3>
          {file.items.length === 0 && <p>{t('inquire.noRecords')}</p>}
          {file.items.map((item) => (
            <RecordCard key={item.recordId} item={item} naming={naming} actions={false} />
          ))}
          {file.withheld > 0 && (
            <p className="muted">{t('inquire.withheld', { count: file.withheld })}</p>
          )}
          {file.listEntries.length > 0 && (
            <>
              <h3>{t('inquire.entries', { count: file.listEntries.length })}</h3>
              {file.listEntries.map((view) => (
                <EntryCard key={view.entry.id} view={view} naming={naming} actions={false} />
              ))}
            </>
          )}
        </section>
      )}
    </>
  );
}
