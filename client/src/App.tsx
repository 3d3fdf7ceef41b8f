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
import { CaseHistoryPage } from './pages/CaseHistoryPage.tsx';
import { NewCasePage } from './pages/NewCasePage.tsx';
import { CaseBoardPage } from './pages/CaseBoardPage.tsx';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { PolicyPage } from './pages/PolicyPage.tsx';
import { FailedJobsPage } from './pages/FailedJobsPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { AgenciesPage } from './pages/AgenciesPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { SharingPage } from './pages/SharingPage.tsx';
import { ChronologyPage } from './pages/ChronologyPage.tsx';
import { MeetingsPage } from './pages/MeetingsPage.tsx';
import { MeetingRoomPage } from './pages/MeetingRoomPage.tsx';
import { MeetingPresentationPage } from './pages/MeetingPresentationPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { MyWorkPage, RequestsPage } from './pages/MyWorkPage.tsx';
import { AlertBanner, AlertNotifier } from './components/Alerts.tsx';
import { ADMIN_ROLES, AUDIT_ROLES, CASE_ROLES, homePageFor, REPORT_ROLES } from './data/roles.ts';
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
    case 'my-work':
      return cases ? <MyWorkPage /> : <NotAllowed what="cases" />;
    case 'requests':
      return cases ? <RequestsPage /> : <NotAllowed what="cases" />;
    case 'cases':
      return cases ? <CasesPage /> : <NotAllowed what="cases" />;
    case 'new-case':
      return cases ? <NewCasePage /> : <NotAllowed what="new cases" />;
    case 'case-history':
      return cases ? <CaseHistoryPage /> : <NotAllowed what="cases" />;
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
    case 'users':
      return ADMIN_ROLES.has(role) ? <UsersPage /> : <NotAllowed what="user accounts" />;
    case 'agencies':
      return ADMIN_ROLES.has(role) ? <AgenciesPage /> : <NotAllowed what="agencies" />;
    case 'case-sharing':
      return route.page === 'case-sharing' ? cases ? <SharingPage key={route.caseId} caseId={route.caseId} /> : <NotAllowed what="cases" /> : null;
    case 'case-chronology':
      return route.page === 'case-chronology' ? cases ? <ChronologyPage key={route.caseId} caseId={route.caseId} /> : <NotAllowed what="cases" /> : null;
    case 'meetings':
      return cases ? <MeetingsPage /> : <NotAllowed what="meetings" />;
    case 'meeting':
      return route.page === 'meeting' ? cases ? <MeetingRoomPage key={route.meetingId} meetingId={route.meetingId} /> : <NotAllowed what="meetings" /> : null;
    case 'meeting-present':
      return route.page === 'meeting-present' ? cases ? <MeetingPresentationPage key={route.meetingId} meetingId={route.meetingId} /> : <NotAllowed what="meetings" /> : null;
    case 'search':
      return cases ? <SearchPage /> : <NotAllowed what="case records" />;
    case 'audit':
      return AUDIT_ROLES.has(role) ? <AuditPage /> : <NotAllowed what="the audit log" />;
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

/**
 * After an in-app navigation, focus the new page's heading once it is the final one: a page that
 * is still loading shows a heading marked data-loading, which is never focused (it is about to be
 * replaced, and focus would fall to the body). Gives up if the person moves focus themselves.
 * Returns a cancel function.
 */
export function focusHeadingWhenReady(timeoutMs = 15_000): () => void {
  const main = document.getElementById('main');
  if (!main) return () => {};
  const startedOn = document.activeElement;
  let done = false;
  const finish = () => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
  };
  const tryFocus = (): boolean => {
    if (done) return true;
    const active = document.activeElement;
    // The person has moved on (clicked or tabbed into the new page): leave their focus alone.
    if (active && active !== startedOn && active !== document.body && active !== main && main.contains(active)) {
      finish();
      return true;
    }
    const h1 = main.querySelector<HTMLElement>('h1');
    if (!h1 || h1.hasAttribute('data-loading')) return false;
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    h1.focus();
    finish();
    return true;
  };
  const observer = new MutationObserver(() => void tryFocus());
  const timer = setTimeout(finish, timeoutMs);
  if (!tryFocus()) observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-loading'] });
  return finish;
}

function SignedIn() {
  const route = useRoute();
  const { client } = useSession();
  const shownRoute = useRef(route);
  useEffect(() => {
    // A fresh load leaves focus alone (the first Tab reaches the skip link); an in-app
    // navigation moves focus to the new page's heading so screen readers and keyboards start there.
    // (Compared by route, not a first-run flag, so StrictMode's second effect run is no navigation.)
    if (shownRoute.current === route) return;
    shownRoute.current = route;
    window.scrollTo(0, 0);
    return focusHeadingWhenReady();
  }, [route]);

  const page = pageFor(route, client.user.role);
  if (route.page === 'meeting-present') {
    // The shared meeting-room screen: the case under discussion and the chair's bar only. No
    // personal alerts (banner, bell, tone): they still reach the person's own devices and inbox.
    return (
      <>
        <SkipLink />
        <Toasts />
        <main id="main" tabIndex={-1} className="main main--present">
          {page}
        </main>
      </>
    );
  }
  return (
    <>
      <SkipLink />
      <Header route={route} />
      <AlertBanner />
      <AlertNotifier />
      <Toasts />
      <main id="main" tabIndex={-1} className={route.page === 'case' || route.page === 'meeting' || route.page === 'case-chronology' || route.page === 'dashboard' || (route.page === 'home' && homePageFor(client.user.role) === 'dashboard') ? 'main main--wide' : 'main'}>
        {page}
      </main>
    </>
  );
}
