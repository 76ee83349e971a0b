/** The frame of every page (skip link, header, navigation, main) and the routes. */
import { useEffect, useRef, type ReactNode } from 'react';
import { can, useAuth } from './auth';
import { Dialog, Loading } from './components/ui';
import { APP_NAME, MESSAGES, ORGANISATION, ROLE_LABELS } from './i18n/fr';
import { ChangePasswordPage, LoginForm, LoginPage } from './pages/LoginPage';
import { DashboardPage } from './pages/DashboardPage';
import { DossiersPage } from './pages/DossiersPage';
import { NewDossierPage } from './pages/NewDossierPage';
import { DossierPage } from './dossier/DossierPage';
import { SessionsPage, SessionPage } from './pages/SessionPage';
import { AdminPage } from './pages/AdminPage';
import { DecisionPage } from './pages/DecisionPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { VerifyDocumentPage } from './pages/VerifyDocumentPage';
import { Link, match, navigate, useLocation } from './router';

function route(path: string): ReactNode {
  if (path === '/' || path === '/tableau-de-bord') return <DashboardPage />;
  if (path === '/dossiers') return <DossiersPage />;
  if (path === '/dossiers/nouveau') return <NewDossierPage />;
  let params = match('/dossiers/:id/decision', path);
  if (params) return <DecisionPage id={params.id} />;
  params = match('/dossiers/:id', path);
  if (params) return <DossierPage key={params.id} id={params.id} />;
  if (path === '/portefeuille') return <PortfolioPage />;
  if (path === '/comite') return <SessionsPage />;
  params = match('/comite/seances/:id', path);
  if (params) return <SessionPage key={params.id} id={params.id} />;
  if (path === '/administration') return <AdminPage />;
  if (path === '/documents/verifier') return <VerifyDocumentPage />;
  return <NotFound />;
}

function NotFound() {
  return (
    <>
      <h1>{MESSAGES.notFoundTitle}</h1>
      <p>{MESSAGES.notFound}</p>
      <Link href="/">{MESSAGES.backToDashboard}</Link>
    </>
  );
}

export function App() {
  const { me, expired, logout } = useAuth();
  const { path, href } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // On a new page, focus moves to the main region so that keyboard and screen-reader
  // users start from its title (not the first page load: the browser starts at the top).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  useEffect(() => {
    if (me === null && path !== '/connexion') {
      navigate(`/connexion?retour=${encodeURIComponent(href)}`, { replace: true });
    }
  }, [me, path, href]);

  if (me === undefined) return <Loading />;
  if (me === null || path === '/connexion') {
    return (
      <main id="contenu" className="login-main">
        <LoginPage />
      </main>
    );
  }

  // A password an administrator reset is one-time: the API refuses everything else until it is replaced.
  if (me.user?.mustChangePassword) {
    return (
      <main id="contenu" className="login-main">
        <ChangePasswordPage />
      </main>
    );
  }

  const role = me.role;
  return (
    <>
      <a className="skip-link" href="#contenu">
        {MESSAGES.skipLink}
      </a>
      <header className="site-header">
        <div className="brand">
          <Link href="/" className="brand-name">
            {APP_NAME}
          </Link>
          <span className="brand-org">{ORGANISATION}</span>
        </div>
        <nav aria-label={MESSAGES.mainNav}>
          <ul>
            <NavItem href="/" current={path === '/'} label={MESSAGES.navDashboard} />
            <NavItem href="/dossiers" current={path.startsWith('/dossiers')} label={MESSAGES.navDossiers} />
            <NavItem href="/comite" current={path.startsWith('/comite')} label={MESSAGES.navCommittee} />
            {can(me, 'export.read') && (
              <NavItem href="/portefeuille" current={path === '/portefeuille'} label={MESSAGES.navPortfolio} />
            )}
            <NavItem href="/documents/verifier" current={path === '/documents/verifier'} label={MESSAGES.navVerify} />
            {role === 'admin' && (
              <NavItem href="/administration" current={path === '/administration'} label={MESSAGES.navAdmin} />
            )}
          </ul>
        </nav>
        <div className="account">
          <span>
            {MESSAGES.loggedAs} <strong>{me.user.displayName}</strong> ({ROLE_LABELS[role] ?? role})
          </span>
          <button type="button" className="button link" onClick={() => void logout()}>
            {MESSAGES.logout}
          </button>
        </div>
      </header>
      <main id="contenu" ref={main} tabIndex={-1}>
        {route(path)}
      </main>
      {expired && (
        <Dialog title={MESSAGES.sessionExpiredTitle} onClose={() => undefined}>
          <p>{MESSAGES.sessionExpired}</p>
          <LoginForm defaultEmail={me.user.email} />
        </Dialog>
      )}
    </>
  );
}

function NavItem({ href, current, label }: { href: string; current: boolean; label: string }) {
  return (
    <li>
      <Link href={href} aria-current={current ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
}
