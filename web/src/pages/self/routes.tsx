import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { CommitmentPage } from './commitment-page';
import { InquiriesPage } from './inquiries-page';
import { ObjectionPage } from './objection-page';
import { RepairPage } from './repair-page';
import { ReportPage } from './report-page';

/** The subject's own screens at /me: its report, who looked, objections and repair. */
export default function SelfRoutes() {
  const { t } = useI18n();
  const session = useSession();
  // only a subject's account has a file of its own; anyone else logs in first
  if (session.account?.role !== 'subject' || !session.identifier) {
    return <Navigate to="/login" replace />;
  }
  return (
    <>
      <nav className="self-nav no-print" aria-label={t('self.nav')}>
        <ul>
          <li>
            <NavLink to="/me" end>
              {t('self.nav.report')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/me/inquiries">{t('self.nav.inquiries')}</NavLink>
          </li>
          <li>
            <NavLink to="/me/commitments/new">{t('commit.nav')}</NavLink>
          </li>
        </ul>
      </nav>
      <Routes>
        <Route index element={<ReportPage identifier={session.identifier} />} />
        <Route path="inquiries" element={<InquiriesPage identifier={session.identifier} />} />
        <Route path="objections/new" element={<ObjectionPage identifier={session.identifier} />} />
        <Route path="repairs/new" element={<RepairPage identifier={session.identifier} />} />
        <Route
          path="commitments/new"
          element={<CommitmentPage identifier={session.identifier} />}
        />
        <Route path="*" element={<p>{t('common.notFound')}</p>} />
      </Routes>
    </>
  );
}
