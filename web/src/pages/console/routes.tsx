import { Link, Navigate, Route, Routes } from 'react-router';
import { type MessageKey, useI18n } from '../../i18n';
import { type Role, useSession } from '../../session';
import { ChecksPage } from './checks';
import { FurnishPage } from './furnish';
import { ImportsPage } from './imports';
import { InquirePage } from './inquire';
import { ObjectionsPage } from './objections';
import { ProposalsPage } from './proposals';
import { RepairsPage } from './repairs';

/** The console's screens and the roles that use each (the API decides; this only guides). */
const SCREENS: Array<{ path: string; title: MessageKey; roles: Role[] }> = [
  { path: 'records/new', title: 'console.furnish', roles: ['furnisher'] },
  { path: 'imports', title: 'console.imports', roles: ['furnisher'] },
  { path: 'proposals', title: 'console.proposals', roles: ['decider'] },
  { path: 'objections', title: 'console.objections', roles: ['decider', 'operator'] },
  { path: 'repairs', title: 'console.repairs', roles: ['operator', 'decider'] },
  { path: 'checks', title: 'console.checks', roles: ['implementer'] },
  { path: 'inquire', title: 'console.inquire', roles: ['inquirer'] },
];

/** The officers' console: only for a logged-in officer account. */
export default function ConsoleRoutes() {
  const session = useSession();
  if (!session.account || session.account.role === 'subject') return <Navigate to="/login" />;
  return (
    <Routes>
      <Route index element={<ConsoleHome />} />
      <Route path="records/new" element={<FurnishPage />} />
      <Route path="imports" element={<ImportsPage />} />
      <Route path="proposals" element={<ProposalsPage />} />
      <Route path="objections" element={<ObjectionsPage />} />
      <Route path="repairs" element={<RepairsPage />} />
      <Route path="checks" element={<ChecksPage />} />
      <Route path="inquire" element={<InquirePage />} />
    </Routes>
  );
}

function ConsoleHome() {
  const { t } = useI18n();
  const { account } = useSession();
  if (!account) return null;
  const mine = SCREENS.filter((s) => s.roles.includes(account.role));
  return (
    <>
      <h1>{t('nav.console')}</h1>
      <p>
        {t('login.signedIn', {
          name: account.name,
          role: t(`role.${account.role}` as MessageKey),
        })}
      </p>
      <ul className="results">
        {mine.map((s) => (
          <li key={s.path}>
            <Link to={`/console/${s.path}`}>{t(s.title)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
