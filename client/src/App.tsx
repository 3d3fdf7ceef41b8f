import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionUser } from '@mashboard/shared';
import { api, type SessionInfo } from './data/api.ts';
import { LiveClient } from './data/live.ts';
import { removeUserData } from './data/storage.ts';
import { SessionContext, useSession, type AppSession } from './context.ts';
import { Header } from './components/Header.tsx';
import { Toasts } from './components/Toasts.tsx';
import { SkipLink } from './components/SkipLink.tsx';
import { LargeScreenToggle } from './components/LargeScreen.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { CasesPage } from './pages/CasesPage.tsx';
import { NewCasePage } from './pages/NewCasePage.tsx';
import { CaseBoardPage } from './pages/CaseBoardPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { FailedJobsPage } from './pages/FailedJobsPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { AlertBanner, AlertNotifier } from './components/Alerts.tsx';
import { ADMIN_ROLES, CASE_ROLES, homePageFor, REPORT_ROLES } from './data/roles.ts';
import { hrefFor, useRoute, type Route } from './router.ts';

type Phase =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'signed-out'; message?: string }
  | { kind: 'signed-in'; client: LiveClient };

export function App() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const clientRef = useRef<LiveClient | null>(null);

  const startSession = useCallback((info: SessionInfo) => {
    clientRef.current?.stop();
    const client = new LiveClient(info.user, {
      onSessionEnded: (message) => {
        if (clientRef.current === client) clientRef.current = null;
        client.stop();
        setPhase({ kind: 'signed-out', message });
      },
    });
    clientRef.current = client;
    client.start();
    setPhase({ kind: 'signed-in', client });
  }, []);

  const checkSession = useCallback(() => {
    setPhase({ kind: 'loading' });
    api
      .getSession()
      .then((info) => (info ? startSession(info) : setPhase({ kind: 'signed-out' })))
      .catch(() => setPhase({ kind: 'unreachable' }));
  }, [startSession]);

  useEffect(() => {
    checkSession();
    return () => clientRef.current?.stop();
  }, [checkSession]);

  const session = useMemo<AppSession | null>(() => {
    if (phase.kind !== 'signed-in') return null;
    const client = phase.client;
    return {
      client,
      async signOut() {
        const waiting = client.getState().outbox.length;
        if (
          waiting &&
          !window.confirm(
            `${waiting} ${waiting === 1 ? 'change has' : 'changes have'} not been sent yet. Signing out deletes ${waiting === 1 ? 'it' : 'them'} from this device. Sign out anyway?`,
          )
        ) {
          return;
        }
        const user: SessionUser = client.user;
        client.stop();
        clientRef.current = null;
        try {
          await api.signOut();
        } catch {
          /* the cookie may already be gone; we still forget everything locally */
        }
        removeUserData(user.userId);
        setPhase({ kind: 'signed-out', message: 'You have signed out.' });
      },
    };
  }, [phase]);

  if (phase.kind === 'loading') {
    return (
      <div className="page-loading" role="status">
        Loading Mashboard…
      </div>
    );
  }
  if (phase.kind === 'unreachable') {
    return (
      <>
        <SkipLink />
        <PlainHeader />
        <main id="main" tabIndex={-1} className="main main--narrow">
          <h1>Mashboard cannot reach its server</h1>
          <p>Check your network connection, then try again.</p>
          <button type="button" className="button" onClick={checkSession}>
            Try again
          </button>
        </main>
      </>
    );
  }
  if (phase.kind === 'signed-out' || !session) {
    return (
      <>
        <SkipLink />
        <PlainHeader />
        <main id="main" tabIndex={-1} className="main main--narrow">
          <SignInPage message={phase.kind === 'signed-out' ? phase.message : undefined} onSignedIn={startSession} />
        </main>
      </>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <SignedIn key={session.client.user.userId} />
    </SessionContext.Provider>
  );
}

function PlainHeader() {
  return (
    <header className="header" role="banner">
      <div className="header__inner">
        <span className="header__brand">Mashboard</span>
        <div className="header__actions">
          <LargeScreenToggle />
        </div>
      </div>
    </header>
  );
}

function NotAllowed({ what }: { what: string }) {
  return (
    <>
      <h1 tabIndex={-1}>You cannot see {what}</h1>
      <p>Your role does not include it. Ask an administrator if you need it.</p>
      <p>
        <a href={hrefFor({ page: 'home' })}>Go to your home page</a>
      </p>
    </>
  );
}

/** The page for a route; "home" depends on the role. */
function pageFor(route: Route, role: string) {
  const page = route.page === 'home' ? homePageFor(role) : route.page;
  const cases = CASE_ROLES.has(role);
  switch (page) {
    case 'dashboard':
      return cases ? <DashboardPage /> : <NotAllowed what="the dashboard" />;
    case 'cases':
      return cases ? <CasesPage /> : <NotAllowed what="cases" />;
    case 'new-case':
      return <NewCasePage />;
    case 'case':
      return route.page === 'case' ? <CaseBoardPage key={route.caseId} caseId={route.caseId} /> : null;
    case 'alerts':
      return <AlertsPage />;
    case 'report':
      return REPORT_ROLES.has(role) ? <ReportPage /> : <NotAllowed what="the timeliness report" />;
    case 'policy':
      return ADMIN_ROLES.has(role) ? <PolicyPage /> : <NotAllowed what="the timeliness policy" />;
    case 'failed-jobs':
      return ADMIN_ROLES.has(role) ? <FailedJobsPage /> : <NotAllowed what="failed jobs" />;
    default:
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            <a href={hrefFor({ page: 'home' })}>Go to your home page</a>
          </p>
        </>
      );
  }
}

function SignedIn() {
  const route = useRoute();
  const { client } = useSession();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A new page: move focus to its heading so screen readers and keyboards start there.
    const h1 = document.querySelector<HTMLElement>('main h1');
    (h1 ?? document.getElementById('main'))?.focus();
    window.scrollTo(0, 0);
  }, [route]);

  const page = pageFor(route, client.user.role);
  return (
    <>
      <SkipLink />
      <Header route={route} />
      <AlertBanner />
      <AlertNotifier />
      <Toasts />
      <main id="main" tabIndex={-1} className={route.page === 'case' || route.page === 'dashboard' || (route.page === 'home' && homePageFor(client.user.role) === 'dashboard') ? 'main main--wide' : 'main'}>
        {page}
      </main>
    </>
  );
}
