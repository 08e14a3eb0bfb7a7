import { createContext, type ReactNode, useContext } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../../components/status';
import { unsettled } from '../../../components/use-load';
import { type MessageKey, useI18n } from '../../../i18n';
import { useNames } from '../../public/subject';
import type { CaseFacts, ListEntry } from './types';

type Names = NonNullable<ReturnType<typeof useNames>['data']>;

const NamesContext = createContext<Names | null>(null);

/** Reads the catalog's and the authorities' names once, before what shows them (no id flashes). */
export function WithNames({ children, height }: { children: ReactNode; height: string }) {
  const names = useNames();
  // without names the ids still say what each item is
  if (unsettled(names)) return <Loading height={height} />;
  return <NamesContext.Provider value={names.data}>{children}</NamesContext.Provider>;
}

/** Catalog and authority names in the reader's language, falling back to the id. */
export function useLabels() {
  const { pick, lang } = useI18n();
  const names = useContext(NamesContext);
  return {
    listType: (id: string) => label(names, 'listTypes', id, pick),
    recordType: (id: string) => label(names, 'recordTypes', id, pick),
    ratingModel: (id: string) => label(names, 'ratingModels', id, pick),
    authority: (id: string | null) => {
      if (!id) return '—';
      const a = names?.authorities.get(id);
      return a ? (lang === 'en' && a.nameEn ? a.nameEn : a.name) : id;
    },
    listTypeEntry: (id: string) => names?.listTypes.get(id) ?? null,
    /** an enum value (a circumstance) by its words in the catalog */
    value: (v: string) => {
      for (const type of names?.recordTypes.values() ?? [])
        for (const f of type.fields ?? []) if (f.valueLabels?.[v]) return pick(f.valueLabels[v]);
      return v;
    },
  };
}

function label(
  names: Names | null,
  section: 'listTypes' | 'recordTypes' | 'ratingModels',
  id: string,
  pick: ReturnType<typeof useI18n>['pick'],
): string {
  const entry = names?.[section].get(id);
  return entry ? pick(entry.name) : id;
}

export const stateKey = (state: string) => `decide.state.${state}` as MessageKey;

export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  const tone = state === 'effective' ? 'black' : state === 'noticed' ? 'warning' : '';
  return <span className={`badge ${tone}`}>{t(stateKey(state))}</span>;
}

/** Past its deadline: said in words as well as in colour. */
export function OverdueBadge({ overdue }: { overdue: boolean }) {
  const { t } = useI18n();
  if (!overdue) return null;
  return <span className="badge overdue">{t('decide.overdue')}</span>;
}

/** The notice period as the API counts it: the end date and the working days left. */
export function NoticeCountdown({ entry }: { entry: ListEntry }) {
  const { t, date } = useI18n();
  if (entry.state !== 'noticed') return null;
  const ends = date(entry.noticeEnds);
  let text: string;
  if (entry.noticeWaived) text = t('decide.notice.waived');
  else if (entry.noticeWorkingDaysLeft === null) text = t('decide.notice.over', { date: ends });
  else if (entry.noticeWorkingDaysLeft === 0) text = t('decide.notice.lastDay', { date: ends });
  else text = t('decide.notice.left', { days: entry.noticeWorkingDaysLeft, date: ends });
  const open = !entry.noticeWaived && entry.noticeWorkingDaysLeft !== null;
  return <span className={`countdown${open ? ' open' : ''}`}>{text}</span>;
}

/** The subject's name and identifiers; a link to its public page when the identifier is open. */
export function SubjectName({
  subject,
  ids = true,
}: {
  subject: ListEntry['subject'];
  /** with its identifiers after the name */
  ids?: boolean;
}) {
  const open = subject.identifiers.find((i) => !i.masked);
  return (
    <>
      {open ? (
        <Link to={`/subjects/${encodeURIComponent(open.value)}`}>{subject.name || '—'}</Link>
      ) : (
        <span>{subject.name || '—'}</span>
      )}
      {ids && (
        <>
          {' '}
          <SubjectIds subject={subject} />
        </>
      )}
    </>
  );
}

export function SubjectIds({ subject }: { subject: ListEntry['subject'] }) {
  const { t } = useI18n();
  return (
    <>
      {subject.identifiers.map((i) => (
        <span key={`${i.scheme}-${i.value}`} className="small muted ident">
          {i.value}
          {i.masked ? ` · ${t('decide.masked')}` : ''}
        </span>
      ))}
    </>
  );
}

/** Whose case it is and what its item says: the facts an officer decides on, not ids. */
export function CaseFactsRows({ facts }: { facts: Partial<CaseFacts> }) {
  const { t, date } = useI18n();
  const target = facts.target;
  return (
    <>
      <dt>{t('decide.objection.subject')}</dt>
      <dd>{facts.subject ? <SubjectName subject={facts.subject} /> : '—'}</dd>
      {target && (
        <>
          <dt>{t('decide.case.date')}</dt>
          <dd>{date(target.date)}</dd>
          {target.documentNumber && (
            <>
              <dt>{t('decide.case.document')}</dt>
              <dd>{target.documentNumber}</dd>
            </>
          )}
          {target.facts && (
            <>
              <dt>{t('decide.case.facts')}</dt>
              <dd>{target.facts}</dd>
            </>
          )}
          {target.state && (
            <>
              <dt>{t('decide.case.state')}</dt>
              <dd>{t(stateKey(target.state))}</dd>
            </>
          )}
          {target.grade && (
            <>
              <dt>{t('decide.case.grade')}</dt>
              <dd>{target.grade}</dd>
            </>
          )}
        </>
      )}
    </>
  );
}

/** An entry the reader's authority may not act on: said before any reason is typed. */
export function ReadOnlyNote({ entry }: { entry: ListEntry }) {
  const { t } = useI18n();
  if (!entry.mayAct || entry.mayAct.allowed) return null;
  return (
    <p className="small muted read-only">
      <span className="badge">{t('decide.readOnly')}</span>{' '}
      {t(`decide.readOnly.${entry.mayAct.reason ?? 'no_authority'}`)}
    </p>
  );
}
