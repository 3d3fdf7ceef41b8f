/**
 * Everything after sign-in, loaded as its own chunk (the sign-in page needs none of it): the live
 * connection, the header and alerts, and each page in a chunk of its own, fetched when first shown.
 */
import { Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SessionUser } from '@mashboard/shared';
import { api, type SessionInfo } from './data/api.ts';
import { LiveClient } from './data/live.ts';
import { removeUserData } from './data/storage.ts';
import { SessionContext, useSession, type AppSession } from './data/session.ts';
import { Header } from './components/Header.tsx';
import { Toasts } from './components/Toasts.tsx';
import { SkipLink } from './components/SkipLink.tsx';
import { AlertBanner, AlertNotifier } from './components/Alerts.tsx';
import { PageLoading } from './components/PageLoading.tsx';
import { ADMIN_ROLES, AUDIT_ROLES, CASE_ROLES, homePageFor, REPORT_ROLES } from './data/roles.ts';
import { hrefFor, useRoute, type Route } from './router.ts';
import { lazyPage } from './pageChunks.tsx';
import { ErrorBoundary } from './lazyChunk.tsx';

const CasesPage = lazyPage('cases', (m) => m.CasesPage);
const CaseHistoryPage = lazyPage('case-history', (m) => m.CaseHistoryPage);
const NewCasePage = lazyPage('new-case', (m) => m.NewCasePage);
const CaseBoardPage = lazyPage('case', (m) => m.CaseBoardPage);
const DashboardPage = lazyPage('dashboard', (m) => m.DashboardPage);
const AlertsPage = lazyPage('alerts', (m) => m.AlertsPage);
const PolicyPage = lazyPage('policy', (m) => m.PolicyPage);
const FailedJobsPage = lazyPage('failed-jobs', (m) => m.FailedJobsPage);
const ReportPage = lazyPage('report', (m) => m.ReportPage);
const UsersPage = lazyPage('users', (m) => m.UsersPage);
const AgenciesPage = lazyPage('agencies', (m) => m.AgenciesPage);
const AuditPage = lazyPage('audit', (m) => m.AuditPage);
const SharingPage = lazyPage('case-sharing', (m) => m.SharingPage);
const ChronologyPage = lazyPage('case-chronology', (m) => m.ChronologyPage);
const MeetingsPage = lazyPage('meetings', (m) => m.MeetingsPage);
const MeetingRoomPage = lazyPage('meeting', (m) => m.MeetingRoomPage);
const MeetingPresentationPage = lazyPage('meeting-present', (m) => m.MeetingPresentationPage);
const SearchPage = lazyPage('search', (m) => m.SearchPage);
const MyWorkPage = lazyPage('my-work', (m) => m.MyWorkPage);
const RequestsPage = lazyPage('requests', (m) => m.RequestsPage);

/** The signed-in app for one session; `onSessionEnded` hands back to the sign-in page. */
export function SignedInApp({
  info,
  onSessionEnded,
}: {
  info: SessionInfo;
  /** Back to the sign-in page, saying why; after signing out of an SSO account, with the provider's sign-out page to offer. */
  onSessionEnded: (message?: string, providerSignOutUrl?: string) => void;
}) {
  const [session, setSession] = useState<AppSession | null>(null);
  // The connection and sign-out call the latest callback the parent gave (kept current after each
  // commit, never while rendering) without the connection restarting when it changes.
  const ended = useRef(onSessionEnded);
  useLayoutEffect(() => {
    ended.current = onSessionEnded;
  }, [onSessionEnded]);

  useEffect(() => {
    const live = new LiveClient(info.user, {
      onSessionEnded: (message) => {
        live.stop();
        ended.current(message);
      },
    });
    live.start();
    setSession({ client: live, signOut: () => signOut(live, (providerSignOutUrl) => ended.current('You have signed out of Mashboard.', providerSignOutUrl)) });
    return () => live.stop();
  }, [info]);

  if (!session) return <PageLoading />;
  return (
    <SessionContext.Provider value={session}>
      <SignedIn key={session.client.user.userId} />
    </SessionContext.Provider>
  );
}

/** Signs out (after asking, if changes are still waiting to send), forgets the person's data on this device, then `done`. */
async function signOut(client: LiveClient, done: (providerSignOutUrl?: string) => void): Promise<void> {
  const waiting = client.getState().outbox.length;
  if (
    waiting &&
    !window.confirm(`${waiting} ${waiting === 1 ? 'change has' : 'changes have'} not been sent yet. Signing out deletes ${waiting === 1 ? 'it' : 'them'} from this device. Sign out anyway?`)
  ) {
    return;
  }
  const user: SessionUser = client.user;
  client.stop();
  let providerSignOutUrl: string | null = null;
  try {
    providerSignOutUrl = await api.signOut();
  } catch {
    /* the cookie may already be gone; we still forget everything locally */
  }
  removeUserData(user.userId);
  done(providerSignOutUrl ?? undefined);
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
  const loading = (
    <h1 data-loading="" className="page-loading">
      Loading…
    </h1>
  );
  if (route.page === 'meeting-present') {
    // The shared meeting-room screen: the case under discussion and the chair's bar only. No
    // personal alerts (banner, bell, tone): they still reach the person's own devices and inbox.
    return (
      <>
        <SkipLink />
        <Toasts />
        <main id="main" tabIndex={-1} className="main main--present">
          <ErrorBoundary what="page" resetKey={route}>
            <Suspense fallback={loading}>{page}</Suspense>
          </ErrorBoundary>
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
      <main
        id="main"
        tabIndex={-1}
        className={
          route.page === 'case' ||
          route.page === 'meeting' ||
          route.page === 'case-chronology' ||
          route.page === 'dashboard' ||
          (route.page === 'home' && homePageFor(client.user.role) === 'dashboard')
            ? 'main main--wide'
            : 'main'
        }
      >
        {/* A page's chunk loads once; meanwhile a heading marked data-loading (never focused). */}
        <ErrorBoundary what="page" resetKey={route}>
          <Suspense fallback={loading}>{page}</Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}
