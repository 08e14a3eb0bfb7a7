import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../i18n';
import { EntryList } from './decide/entry-list';
import { EntryPanel } from './decide/entry-panel';
import { stateKey, WithNames } from './decide/labels';

/** the states a decider works on: proposals to notice, notices to decide, entries to extend or end */
const STATES = ['proposed', 'noticed', 'effective'] as const;

/** Proposed and noticed list entries, notice countdown in working days, decisions (decider). */
export function ProposalsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const asked = params.get('state');
  const state = STATES.find((s) => s === asked) ?? 'proposed';
  const entry = params.get('entry');
  if (entry)
    return (
      <WithNames height="32rem">
        <EntryPanel key={entry} id={entry} back={`?state=${state}`} />
      </WithNames>
    );
  return (
    <>
      <h1>{t('console.proposals')}</h1>
      <p className="muted">{t('decide.proposals.intro')}</p>
      <nav aria-label={t('decide.proposals.states')} className="tabs">
        <ul>
          {STATES.map((s) => (
            <li key={s}>
              <Link to={`?state=${s}`} aria-current={s === state ? 'page' : undefined}>
                {t(stateKey(s))}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <WithNames height="16rem">
        <EntryList state={state} />
      </WithNames>
    </>
  );
}
