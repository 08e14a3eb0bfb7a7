import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api';
import {
  type CatalogEntry,
  catalogSection,
  enumValueWords,
  type FieldDef,
  fieldValueText,
  legalBasisText,
} from '../../catalog';
import {
  ColourBadge,
  DisputedBadge,
  ErrorNote,
  LIST_COLOURS,
  Loading,
} from '../../components/status';
import { useLoad } from '../../components/use-load';
import { type Label, useI18n } from '../../i18n';
import { RegionInput } from './region-input';
import { schemeName } from './subject';

/** The public directories (GET /v1/directory/…): the lists in force and 双公示. */

interface DirectorySubject {
  kind: string;
  name: string;
  identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
  region: string | null;
  regionName: string | null;
  pageIdentifier: string | null;
}

interface Authority {
  id: string;
  /** null: the registry listed the subject itself, under the list's rules */
  name: string | null;
  nameEn: string | null;
}

interface ListRow {
  entryId: string;
  subject: DirectorySubject;
  list: { id: string; name: Label; colour: string; sanction: boolean };
  authority: Authority;
  legalBasis: Array<{ title: string; provision?: string }>;
  circumstance: string | null;
  decidedOn: string | null;
  endsOn: string | null;
  disputed: boolean;
}

interface DisclosureRow {
  kind: 'licence' | 'penalty';
  subject: DirectorySubject;
  typeName: Label;
  authority: Authority;
  record: {
    recordId: string;
    type: string;
    documentNumber: string | null;
    decisionDate: string;
    legalBasis: string;
    facts: string | null;
    fields: Record<string, string | number | boolean | string[]>;
    publicUntil: string | null;
    disputed: boolean;
  };
}

interface Page<T> {
  items: T[];
  next: string | null;
}

/** the filters each directory keeps in the address, so a filtered page can be shared */
const FILTERS = ['listType', 'colour', 'kind', 'region', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

function useDirectory<T>(path: string) {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {};
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  const cursor = params.get('cursor') ?? undefined;
  const page = useLoad(
    (signal) => api<Page<T>>(path, { query: { ...filters, cursor, limit: 20 }, signal }),
    [path, params.toString()],
  );
  const apply = (next: Filters) => setParams(clean(next));
  const nextPage = (next: string) => setParams({ ...clean(filters), cursor: next });
  return { filters, cursor, page, apply, nextPage };
}

const clean = (filters: Filters): Record<string, string> =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v && v.trim())) as Record<
    string,
    string
  >;

export function ListDirectoryPage() {
  const { t, pick } = useI18n();
  const dir = useDirectory<ListRow>('/v1/directory/list-entries');
  const catalog = useLoad(
    async () => ({
      listTypes: await catalogSection('list-types'),
      recordTypes: await catalogSection('record-types'),
    }),
    [],
  );
  const listTypes = [...(catalog.data?.listTypes.values() ?? [])];
  return (
    <>
      <h1>{t('dir.lists.title')}</h1>
      <p className="muted">{t('dir.lists.intro')}</p>
      <FilterForm filters={dir.filters} onApply={dir.apply}>
        <div>
          <label htmlFor="dir-list">{t('dir.listType')}</label>
          <select id="dir-list" name="listType" defaultValue={dir.filters.listType ?? ''}>
            <option value="">{t('dir.listTypeAll')}</option>
            {listTypes.map((l) => (
              <option key={l.id} value={l.id}>
                {pick(l.name)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="dir-colour">{t('search.colour')}</label>
          {/* a redlist commends and a blacklist sanctions: never one filter for both */}
          <select id="dir-colour" name="colour" defaultValue={dir.filters.colour ?? ''}>
            <option value="">{t('search.colourAll')}</option>
            {LIST_COLOURS.map((c) => (
              <option key={c} value={c}>
                {t(`search.colourOnly.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </FilterForm>
      <Results page={dir.page} cursor={dir.cursor} onNext={dir.nextPage}>
        {(rows: ListRow[]) =>
          rows.map((row) => (
            <ListRowCard key={row.entryId} row={row} recordTypes={catalog.data?.recordTypes} />
          ))
        }
      </Results>
    </>
  );
}

function ListRowCard({
  row,
  recordTypes,
}: {
  row: ListRow;
  recordTypes: Map<string, CatalogEntry> | undefined;
}) {
  const { t, pick, date, lang } = useI18n();
  const circumstance = (value: string) => enumValueWords(recordTypes?.values(), value, pick);
  return (
    <li className="card">
      <SubjectLine subject={row.subject}>
        <ColourBadge colour={row.list.colour} />
        <DisputedBadge disputed={row.disputed} />
      </SubjectLine>
      <dl className="facts">
        <dt>{t('dir.listType')}</dt>
        <dd>{pick(row.list.name)}</dd>
        <dt>{t('dir.decidingAuthority')}</dt>
        <dd>{authorityName(row.authority, lang, t('dir.automatic'))}</dd>
        {row.circumstance && (
          <>
            <dt>{t('subject.circumstance')}</dt>
            <dd>{circumstance(row.circumstance)}</dd>
          </>
        )}
        <dt>{t('common.legalBasis')}</dt>
        <dd>
          {[...new Set(row.legalBasis.map((b) => legalBasisText(b, lang)))].map((text) => (
            <div key={text}>{text}</div>
          ))}
        </dd>
        <dt>{t('dir.decidedOn')}</dt>
        <dd>{date(row.decidedOn)}</dd>
        <dt>{t('subject.endsOn')}</dt>
        <dd>{row.endsOn ? date(row.endsOn) : t('subject.endsOnOpen')}</dd>
      </dl>
    </li>
  );
}

export function DisclosuresPage() {
  const { t } = useI18n();
  const dir = useDirectory<DisclosureRow>('/v1/directory/disclosures');
  const recordTypes = useLoad(() => catalogSection('record-types'), []);
  return (
    <>
      <h1>{t('dir.disclosures.title')}</h1>
      <p className="muted">{t('dir.disclosures.intro')}</p>
      <FilterForm filters={dir.filters} onApply={dir.apply}>
        <div>
          <label htmlFor="dir-kind">{t('dir.kind')}</label>
          <select id="dir-kind" name="kind" defaultValue={dir.filters.kind ?? ''}>
            <option value="">{t('dir.kindAll')}</option>
            <option value="licence">{t('dir.kind.licence')}</option>
            <option value="penalty">{t('dir.kind.penalty')}</option>
          </select>
        </div>
      </FilterForm>
      <Results page={dir.page} cursor={dir.cursor} onNext={dir.nextPage}>
        {(rows: DisclosureRow[]) =>
          rows.map((row) => (
            <DisclosureCard key={row.record.recordId} row={row} recordTypes={recordTypes.data} />
          ))
        }
      </Results>
    </>
  );
}

function DisclosureCard({
  row,
  recordTypes,
}: {
  row: DisclosureRow;
  recordTypes: Map<string, CatalogEntry> | null;
}) {
  const { t, pick, date, lang } = useI18n();
  const { record } = row;
  const defs: FieldDef[] = recordTypes?.get(record.type)?.fields ?? [];
  const words = { yes: t('common.yes'), no: t('common.no'), pick, date };
  return (
    <li className="card">
      <SubjectLine subject={row.subject}>
        <span className={`badge ${row.kind === 'penalty' ? 'warning' : ''}`}>
          {pick(row.typeName)}
        </span>
        <DisputedBadge disputed={record.disputed} />
      </SubjectLine>
      <dl className="facts">
        <dt>{t('dir.decidingAuthority')}</dt>
        <dd>{authorityName(row.authority, lang, t('dir.automatic'))}</dd>
        <dt>{t('dir.decidedOn')}</dt>
        <dd>{date(record.decisionDate)}</dd>
        {record.documentNumber && (
          <>
            <dt>{t('subject.documentNumber')}</dt>
            <dd>{record.documentNumber}</dd>
          </>
        )}
        <dt>{t('common.legalBasis')}</dt>
        <dd>{record.legalBasis}</dd>
        {record.facts && (
          <>
            <dt>{t('subject.facts')}</dt>
            <dd>{record.facts}</dd>
          </>
        )}
        {defs
          .filter((d) => record.fields[d.name] !== undefined)
          .map((d) => (
            <FieldPair key={d.name} label={pick(d.label)}>
              {fieldValueText(d, record.fields[d.name]!, words)}
            </FieldPair>
          ))}
        <dt>{t('subject.publicUntil')}</dt>
        <dd>{record.publicUntil ? date(record.publicUntil) : t('subject.publicAlways')}</dd>
      </dl>
    </li>
  );
}

function FieldPair({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function authorityName(a: Authority, lang: string, automatic: string): string {
  if (a.name === null) return automatic;
  return lang === 'en' && a.nameEn ? a.nameEn : a.name;
}

/** The subject's name, linked to its public page (an organization's; a person has none). */
function SubjectLine({ subject, children }: { subject: DirectorySubject; children: ReactNode }) {
  const { t } = useI18n();
  const path = subject.pageIdentifier
    ? `/subjects/${encodeURIComponent(subject.pageIdentifier)}`
    : null;
  return (
    <>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h3 className="row-title">{path ? <Link to={path}>{subject.name}</Link> : subject.name}</h3>
        {children}
      </div>
      <div className="small">
        {subject.identifiers.map((i) => (
          <span key={`${i.scheme}-${i.value}`}>
            {schemeName(t, i.scheme)} {i.value}
            {i.masked ? ` (${t('subject.masked')})` : ''}
          </span>
        ))}
        {subject.regionName ? ` · ${subject.regionName}` : ''}
      </div>
      {!path && <div className="small muted">{t('dir.personNoPage')}</div>}
    </>
  );
}

/** The filters every directory has (region, decision dates) after its own. */
function FilterForm({
  filters,
  onApply,
  children,
}: {
  filters: Filters;
  onApply: (filters: Filters) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  // a new form (new defaults) whenever the address changes: back, forward, a shared link
  const [key, setKey] = useState(0);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: Filters = {};
    for (const f of FILTERS) {
      const v = data.get(f);
      if (typeof v === 'string' && v.trim()) next[f] = v.trim();
    }
    onApply(next);
  };
  return (
    <form
      key={`${key}-${JSON.stringify(filters)}`}
      className="card filters"
      aria-label={t('dir.filters')}
      onSubmit={submit}
    >
      <div className="row">
        {children}
        <RegionInput id="dir-region" name="region" defaultValue={filters.region ?? ''} />
        <div>
          <label htmlFor="dir-from">{t('dir.from')}</label>
          <input id="dir-from" name="from" type="date" defaultValue={filters.from ?? ''} />
        </div>
        <div>
          <label htmlFor="dir-to">{t('dir.to')}</label>
          <input id="dir-to" name="to" type="date" defaultValue={filters.to ?? ''} />
        </div>
      </div>
      <div className="row" style={{ marginTop: '0.75rem' }}>
        <button type="submit">{t('dir.apply')}</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setKey((k) => k + 1);
            onApply({});
          }}
        >
          {t('dir.reset')}
        </button>
      </div>
    </form>
  );
}

function Results<T>({
  page,
  cursor,
  onNext,
  children,
}: {
  page: { data: Page<T> | null; error: unknown; loading: boolean };
  cursor: string | undefined;
  onNext: (cursor: string) => void;
  children: (rows: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  if (page.error) return <ErrorNote error={page.error} />;
  if (!page.data) return <Loading height="20rem" />;
  const { items, next } = page.data;
  const first = new URLSearchParams(params);
  first.delete('cursor');
  return (
    <section aria-labelledby="dir-results">
      <h2 id="dir-results">{t('dir.rows', { count: items.length })}</h2>
      {items.length === 0 && <p>{t('dir.none')}</p>}
      <ol className="results directory">{children(items)}</ol>
      <nav className="row" aria-label={t('dir.rows', { count: items.length })}>
        {cursor && <Link to={`?${first.toString()}`}>{t('dir.first')}</Link>}
        {next && (
          <button type="button" className="secondary" onClick={() => onNext(next)}>
            {t('dir.next')}
          </button>
        )}
      </nav>
    </section>
  );
}
