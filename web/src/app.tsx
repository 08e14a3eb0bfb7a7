import { lazy, type ReactNode, Suspense } from 'react';
import { Link, NavLink, Route, Routes, useNavigate } from 'react-router';
import { Loading } from './components/status';
import { LoginPage } from './pages/login';
import { CatalogPage } from './pages/public/catalog';
import { DisclosuresPage, ListDirectoryPage } from './pages/public/directory';
import { SearchPage } from './pages/public/search';
import { SubjectPage } from './pages/public/subject';
import { VerifyPage } from './pages/public/verify';
import { useI18n } from './i18n';
import { useSession } from './session';

// the officers' and the subjects' screens load only when someone goes there
const ConsoleRoutes = lazy(() => import('./pages/console/routes'));
const SelfRoutes = lazy(() => import('./pages/self/routes'));

export function App() {
  return (
    <>
      <Header />
      <main id="content" tabIndex={-1}>
        <Suspense fallback={<Loading height="20rem" />}>
          <Routes>
            <Route path="/" element={<SearchPage />} />
            <Route path="/subjects/:identifier" element={<SubjectPage />} />
            <Route path="/lists" element={<ListDirectoryPage />} />
            <Route path="/disclosures" element={<DisclosuresPage />} />
            <Route path="/catalog" element={<CatalogPage />} />
            <Route path="/catalog/:section" element={<CatalogPage />} />
            <Route path="/verify" element={<VerifyPage />} />
            <Route path="/login" element={<LoginPage />} />
            <Route path="/console/*" element={<ConsoleRoutes />} />
            <Route path="/me/*" element={<SelfRoutes />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const role = session.account?.role;
  return (
    <header className="top">
      <a className="skip" href="#content">
        {t('app.skip')}
      </a>
      <div className="bar">
        <Link className="brand" to="/">
          {t('app.name')}
        </Link>
        <nav className="main" aria-label={t('nav.main')}>
          <ul>
            <NavItem to="/" end>
              {t('nav.search')}
            </NavItem>
            <NavItem to="/lists">{t('nav.lists')}</NavItem>
            <NavItem to="/disclosures">{t('nav.disclosures')}</NavItem>
            <NavItem to="/catalog">{t('nav.catalog')}</NavItem>
            {role && role !== 'subject' && <NavItem to="/console">{t('nav.console')}</NavItem>}
            {role === 'subject' && <NavItem to="/me">{t('nav.self')}</NavItem>}
          </ul>
        </nav>
        <div className="tools">
          <button
            type="button"
            className="secondary"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            aria-label={`${t('nav.language')}: ${t('nav.switchTo')}`}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          >
            {t('nav.switchTo')}
          </button>
          {session.account ? (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                session.logout();
                navigate('/');
              }}
            >
              {t('nav.logout')}
            </button>
          ) : (
            <Link className="button secondary" to="/login">
              {t('nav.login')}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

function NavItem({ to, end, children }: { to: string; end?: boolean; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end={end}>
        {children}
      </NavLink>
    </li>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('common.notFound')}</h1>
      <Link to="/">{t('nav.search')}</Link>
    </>
  );
}
