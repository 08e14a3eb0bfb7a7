import { Link, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api';
import {
  authorityNames,
  type CatalogEntry,
  catalogSection,
  enumValueWords,
  type FieldDef,
  fieldValueText,
  type LegalBasis,
  legalBasisText,
} from '../../catalog';
import { Timeline, type Span } from '../../charts/timeline';
import {
  ColourBadge,
  DisputedBadge,
  ErrorNote,
  LayerBadge,
  Loading,
} from '../../components/status';
import { unsettled, useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { Representatives } from './representatives';
import { ReportDownload } from './report-download';
import { PersonLookup } from './person-lookup';
import { GradeReason, type RatingReason, RatingTable } from './rating-table';
import { type GroupCount, GroupCountBlock } from './group-count';
import { kindKey } from './search';

export interface PublicView {
  asOf: string;
  subject: {
    kind: string;
    name: string;
    names: Array<{ name: string; lang: string; current: boolean }>;
    identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
    region: string | null;
    regionName: string | null;
    registrationAuthority: { zh: string; en: string } | null;
  };
  records: Array<{
    recordId: string;
    type: string;
    typeName: string;
    authority: string;
    legalBasis: string;
    documentNumber: string | null;
    decisionDate: string;
    effectiveDate: string | null;
    facts: string | null;
    severity: string | null;
    fields: Record<string, string | number | boolean | string[]>;
    publicUntil: string | null;
    corrected: boolean;
    disputed: boolean;
    layer?: Layer | null;
  }>;
  listEntries: Array<{
    entryId: string;
    listType: string;
    listName: string;
    colour: string;
    authority: string;
    circumstance: string | null;
    effectiveFrom: string | null;
    endsOn: string | null;
    legalBasis: LegalBasis[];
    disputed: boolean;
    layer?: Layer | null;
  }>;
  ratings: Array<{
    modelId: string;
    modelVersion: string;
    asOf: string;
    score: number | null;
    grade: string;
    explanation: string[];
    reason: RatingReason;
    /** a group rating's count and share (a credit village); null for a rating of one subject */
    group?: GroupCount | null;
    layer?: Layer | null;
  }>;
}

/** the regional catalog layer an item comes from (issue 22) */
interface Layer {
  region: string;
  name: { zh: string; en: string };
}

interface Names {
  recordTypes: Map<string, CatalogEntry>;
  listTypes: Map<string, CatalogEntry>;
  ratingModels: Map<string, CatalogEntry>;
  authorities: Map<string, { name: string; nameEn?: string | null }>;
}

/** The names in the catalog and of the authorities, for showing ids in the reader's language. */
export function useNames() {
  return useLoad<Names>(async () => {
    const [recordTypes, listTypes, ratingModels, authorities] = await Promise.all([
      catalogSection('record-types'),
      catalogSection('list-types'),
      catalogSection('rating-models'),
      authorityNames(),
    ]);
    return { recordTypes, listTypes, ratingModels, authorities };
  }, []);
}

export function SubjectPage() {
  const { identifier = '' } = useParams();
  // a person is found by the full number together with the name (SPEC 4.9)
  const name = useSearchParams()[0].get('name') ?? '';
  const view = useLoad(
    (signal) =>
      api<PublicView>(`/v1/subjects/${encodeURIComponent(identifier)}`, {
        query: { name },
        signal,
      }),
    [identifier, name],
  );
  const names = useNames();
  if (view.error instanceof ApiError && view.error.code === 'PUBLIC_LOOKUP_NAME_REQUIRED')
    return <PersonLookup identifier={identifier} />;
  if (view.error) return <ErrorNote error={view.error} />;
  if (!view.data || unsettled(names)) return <Loading height="30rem" />;
  return <SubjectView view={view.data} names={names.data} />;
}

function SubjectView({ view, names }: { view: PublicView; names: Names | null }) {
  const { t, pick, date, lang } = useI18n();
  const { subject } = view;
  const authority = (id: string) => {
    // sweeps and automatic lists act for no authority of their own
    if (id === 'system') return t('dir.automatic');
    const a = names?.authorities.get(id);
    return a ? (lang === 'en' && a.nameEn ? a.nameEn : a.name) : id;
  };
  const recordName = (r: PublicView['records'][number]) =>
    names?.recordTypes.get(r.type) ? pick(names.recordTypes.get(r.type)!.name) : r.typeName;
  const fieldDef = (type: string, field: string) =>
    names?.recordTypes.get(type)?.fields?.find((f) => f.name === field);
  const fieldLabel = (type: string, field: string) => {
    const def = fieldDef(type, field);
    return def ? pick(def.label) : field;
  };
  const whileListed = (type: string) =>
    (names?.recordTypes.get(type)?.publication as { kind?: string } | undefined)?.kind ===
    'while_listed';
  // a circumstance is a value of one of the criteria's enum fields: shown by its words
  const valueWords = (value: string) => enumValueWords(names?.recordTypes.values(), value, pick);
  const listName = (e: PublicView['listEntries'][number]) =>
    names?.listTypes.get(e.listType) ? pick(names.listTypes.get(e.listType)!.name) : e.listName;

  const spans: Span[] = [
    ...view.listEntries.map((e) => ({
      id: e.entryId,
      label: listName(e),
      from: e.effectiveFrom ?? view.asOf,
      to: e.endsOn,
      tone: e.colour,
    })),
    ...view.records.map((r) => ({
      id: r.recordId,
      label: recordName(r),
      from: r.effectiveDate ?? r.decisionDate,
      to: r.publicUntil,
      tone: 'record',
    })),
  ];

  return (
    <article>
      <div className="row" style={{ alignItems: 'baseline' }}>
        <h1>{subject.name}</h1>
        {/* a clear flag by the name while a blacklist entry is in force */}
        {view.listEntries.some((e) => e.colour === 'black') && (
          <span className="badge black">{t('subject.listedFlag')}</span>
        )}
      </div>
      <p className="muted small">{t('subject.asOf', { date: date(view.asOf) })}</p>
      {subject.kind !== 'person' && (
        <ReportDownload identifier={subject.identifiers[0]?.value ?? ''} name={subject.name} />
      )}
      <section className="card" aria-labelledby="identity">
        <h2 id="identity" style={{ marginTop: 0 }}>
          {t('subject.identity')}
        </h2>
        <dl className="facts">
          <dt>{t('search.kind')}</dt>
          <dd>{t(kindKey(subject.kind))}</dd>
          <dt>{t('subject.identifiers')}</dt>
          <dd>
            {subject.identifiers.map((i) => (
              <div key={`${i.scheme}-${i.value}`}>
                {i.value}{' '}
                <span className="small muted">
                  {schemeName(t, i.scheme)}
                  {i.masked ? ` · ${t('subject.masked')}` : ''}
                </span>
              </div>
            ))}
          </dd>
          <dt>{t('subject.region')}</dt>
          <dd>{subject.regionName ?? subject.region ?? '—'}</dd>
          {subject.registrationAuthority && (
            <>
              <dt>{t('subject.registrationAuthority')}</dt>
              <dd>{pick(subject.registrationAuthority)}</dd>
            </>
          )}
          {subject.kind !== 'person' && subject.identifiers[0] && (
            <Representatives identifier={subject.identifiers[0].value} />
          )}
          {subject.names.length > 1 && (
            <>
              <dt>{t('subject.otherNames')}</dt>
              <dd>
                {subject.names
                  .filter((n) => n.name !== subject.name)
                  .map((n) => n.name)
                  .join('; ')}
              </dd>
            </>
          )}
        </dl>
      </section>

      <SubjectTabs view={view} />

      <section aria-labelledby="entries">
        <h2 id="entries">{t('subject.entries', { count: view.listEntries.length })}</h2>
        {view.listEntries.length === 0 && <p>{t('subject.noEntries')}</p>}
        {view.listEntries.map((e) => (
          <div className="card" key={e.entryId}>
            <div className="row" style={{ alignItems: 'baseline' }}>
              <strong>{listName(e)}</strong>
              <LayerBadge layer={e.layer} />
              <ColourBadge colour={e.colour} />
              <DisputedBadge disputed={e.disputed} />
            </div>
            <dl className="facts">
              <dt>{t('common.authority')}</dt>
              <dd>{authority(e.authority)}</dd>
              {e.circumstance && (
                <>
                  <dt>{t('subject.circumstance')}</dt>
                  <dd>{valueWords(e.circumstance)}</dd>
                </>
              )}
              <dt>{t('subject.effectiveFrom')}</dt>
              <dd>{date(e.effectiveFrom)}</dd>
              <dt>{t('subject.endsOn')}</dt>
              <dd>{e.endsOn ? date(e.endsOn) : t('subject.endsOnOpen')}</dd>
              <dt>{t('common.legalBasis')}</dt>
              <dd>
                {/* without its provision note a title can repeat: each shown once */}
                {[...new Set(e.legalBasis.map((b) => legalBasisText(b, lang)))].map((text) => (
                  <div key={text}>{text}</div>
                ))}
              </dd>
            </dl>
          </div>
        ))}
      </section>

      <section aria-labelledby="records">
        <h2 id="records">{t('subject.records', { count: view.records.length })}</h2>
        {view.records.length === 0 && <p>{t('subject.noRecords')}</p>}
        {GROUPS.map((group) => {
          const shown = view.records.filter((r) => groupOf(r.type) === group);
          if (shown.length === 0) return null;
          return (
            <section key={group} aria-labelledby={`group-${group}`}>
              <h3 id={`group-${group}`}>{t(`subject.group.${group}`, { count: shown.length })}</h3>
              {shown.map((r) => (
                <div className="card" key={r.recordId} id={`record-${r.recordId}`}>
                  <div className="row" style={{ alignItems: 'baseline' }}>
                    <strong>{recordName(r)}</strong>
                    {r.corrected && <span className="badge">{t('subject.corrected')}</span>}
                    <LayerBadge layer={r.layer} />
                    <DisputedBadge disputed={r.disputed} />
                  </div>
                  <dl className="facts">
                    <dt>{t('common.authority')}</dt>
                    <dd>{authority(r.authority)}</dd>
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
                    <dt>{t('subject.publicUntil')}</dt>
                    <dd>
                      {r.publicUntil
                        ? date(r.publicUntil)
                        : whileListed(r.type)
                          ? t('subject.publicWhileListed')
                          : t('subject.publicAlways')}
                    </dd>
                    {r.facts && (
                      <>
                        <dt>{t('subject.facts')}</dt>
                        <dd>{r.facts}</dd>
                      </>
                    )}
                    {Object.entries(r.fields).map(([name, value]) => (
                      <FieldRow
                        key={name}
                        label={fieldLabel(r.type, name)}
                        value={value}
                        def={fieldDef(r.type, name)}
                      />
                    ))}
                  </dl>
                </div>
              ))}
            </section>
          );
        })}
      </section>

      {spans.length > 0 && (
        <section aria-labelledby="timeline">
          <h2 id="timeline">{t('subject.timeline')}</h2>
          <p className="small muted">{t('subject.timelineHint')}</p>
          <div className="card">
            <Timeline spans={spans} today={view.asOf} />
          </div>
        </section>
      )}

      <section aria-labelledby="ratings">
        <h2 id="ratings">{t('subject.ratings')}</h2>
        {view.ratings.length === 0 && <p>{t('subject.noRatings')}</p>}
        {view.ratings.map((r) => {
          const model = names?.ratingModels.get(r.modelId);
          const modelName = model ? pick(model.name) : r.modelId;
          return (
            <div className="card" key={`${r.modelId}-${r.asOf}`}>
              <div className="row" style={{ alignItems: 'baseline' }}>
                <strong>{modelName}</strong>
                <span className="badge">
                  {r.group ? pick(r.group.gradeLabel) : t('subject.grade', { grade: r.grade })}
                </span>
                <LayerBadge layer={r.layer} />
                {r.score !== null && !r.group && (
                  <span className="small">{t('subject.score', { score: r.score })}</span>
                )}
                <span className="small muted">{t('subject.asOf', { date: date(r.asOf) })}</span>
              </div>
              {r.group ? (
                <GroupCountBlock group={r.group} />
              ) : (
                <>
                  <GradeReason model={model} grade={r.grade} score={r.score} reason={r.reason} />
                  <details>
                    <summary>{t('subject.explanation')}</summary>
                    <RatingTable
                      model={model}
                      modelName={modelName}
                      grade={r.grade}
                      score={r.score}
                      reason={r.reason}
                      recordTypes={names?.recordTypes}
                      listTypes={names?.listTypes}
                    />
                  </details>
                </>
              )}
            </div>
          );
        })}
      </section>
      <p className="small muted">
        {t('subject.contest')} <Link to="/login">{t('nav.login')}</Link>
      </p>
    </article>
  );
}

/** 双公示's penalty types (the server's DOUBLE_PUBLICITY): the penalties tab */
const PENALTY_TYPES = new Set(['admin_penalty', 'food_safety_penalty', 'securities_penalty']);
const GROUPS = ['licences', 'penalties', 'commitments', 'commendations', 'other'] as const;
type Group = (typeof GROUPS)[number];

/** which tab a public record belongs to */
function groupOf(type: string): Group {
  if (type === 'admin_licence') return 'licences';
  if (PENALTY_TYPES.has(type)) return 'penalties';
  if (type === 'credit_commitment') return 'commitments';
  if (type === 'commendation') return 'commendations';
  return 'other';
}

/** The kinds of information on the page, each with its count, each a link to its part. */
function SubjectTabs({ view }: { view: PublicView }) {
  const { t } = useI18n();
  const records = (group: Group) => view.records.filter((r) => groupOf(r.type) === group).length;
  const red = view.listEntries.filter((e) => e.colour === 'red').length;
  const tabs: Array<[string, string, number]> = [
    [
      '#group-licences',
      t('subject.tab.licences', { count: records('licences') }),
      records('licences'),
    ],
    [
      '#group-penalties',
      t('subject.tab.penalties', { count: records('penalties') }),
      records('penalties'),
    ],
    [
      '#entries',
      t('subject.tab.lists', { count: view.listEntries.length - red }),
      view.listEntries.length - red,
    ],
    [
      '#group-commitments',
      t('subject.tab.commitments', { count: records('commitments') }),
      records('commitments'),
    ],
    ['#ratings', t('subject.tab.ratings', { count: view.ratings.length }), view.ratings.length],
    [
      red > 0 ? '#entries' : '#group-commendations',
      t('subject.tab.commendations', { count: red + records('commendations') }),
      red + records('commendations'),
    ],
  ];
  return (
    <nav className="subject-tabs" aria-label={t('subject.tabs')}>
      <ul>
        {tabs.map(([href, label, count]) => (
          <li key={label}>
            {count > 0 ? <a href={href}>{label}</a> : <span className="muted">{label}</span>}
          </li>
        ))}
      </ul>
    </nav>
  );
}

const SCHEMES = ['uscc', 'ric', 'lei', 'passport', 'legacy_reg'] as const;

/** An identifier scheme by its name in the reader's language (USCC: 统一社会信用代码). */
export function schemeName(t: ReturnType<typeof useI18n>['t'], scheme: string): string {
  return (SCHEMES as readonly string[]).includes(scheme)
    ? t(`common.scheme.${scheme as (typeof SCHEMES)[number]}`)
    : scheme.toUpperCase();
}

function FieldRow({
  label,
  value,
  def,
}: {
  label: string;
  value: string | number | boolean | string[];
  def: FieldDef | undefined;
}) {
  const { t, pick, date } = useI18n();
  const shown = fieldValueText(def, value, {
    yes: t('common.yes'),
    no: t('common.no'),
    pick,
    date,
  });
  return (
    <>
      <dt>{label}</dt>
      <dd>{shown}</dd>
    </>
  );
}
