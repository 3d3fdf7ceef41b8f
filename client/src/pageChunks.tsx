/**
 * Every signed-in page is a chunk of its own, fetched when first shown. App fetches the one a fresh
 * load opens on together with SignedInApp, so the page waits for one round of chunks, not two in a
 * row, and is drawn without a second loading heading.
 */
import { use, type ComponentType } from 'react';
import { parseRoute, type Route } from './router.ts';

const PAGE_CHUNKS = {
  cases: () => import('./pages/CasesPage.tsx'),
  'case-history': () => import('./pages/CaseHistoryPage.tsx'),
  'new-case': () => import('./pages/NewCasePage.tsx'),
  case: () => import('./pages/CaseBoardPage.tsx'),
  dashboard: () => import('./pages/DashboardPage.tsx'),
  alerts: () => import('./pages/AlertsPage.tsx'),
  policy: () => import('./pages/PolicyPage.tsx'),
  'failed-jobs': () => import('./pages/FailedJobsPage.tsx'),
  report: () => import('./pages/ReportPage.tsx'),
  users: () => import('./pages/UsersPage.tsx'),
  agencies: () => import('./pages/AgenciesPage.tsx'),
  audit: () => import('./pages/AuditPage.tsx'),
  'case-sharing': () => import('./pages/SharingPage.tsx'),
  'case-chronology': () => import('./pages/ChronologyPage.tsx'),
  meetings: () => import('./pages/MeetingsPage.tsx'),
  meeting: () => import('./pages/MeetingRoomPage.tsx'),
  'meeting-present': () => import('./pages/MeetingPresentationPage.tsx'),
  search: () => import('./pages/SearchPage.tsx'),
  'my-work': () => import('./pages/MyWorkPage.tsx'),
  requests: () => import('./pages/MyWorkPage.tsx'),
} satisfies Partial<Record<Route['page'], () => Promise<unknown>>>;

type Chunks = typeof PAGE_CHUNKS;
type PageName = keyof Chunks;
type Module<K extends PageName> = Awaited<ReturnType<Chunks[K]>>;
const fetched = new Map<PageName, Promise<unknown>>();

/**
 * The chunk, fetched once (one that failed to load is fetched again next time). Once here, its
 * promise is marked the way React's `use` reads promises (status and value), so it is read at
 * once, without suspending.
 */
function chunk<K extends PageName>(name: K): Promise<Module<K>> {
  let promise = fetched.get(name) as Promise<Module<K>> | undefined;
  if (!promise) {
    const loading = PAGE_CHUNKS[name]() as Promise<Module<K>>;
    loading.then(
      (value) => Object.assign(loading, { status: 'fulfilled', value }),
      () => fetched.delete(name),
    );
    fetched.set(name, loading);
    promise = loading;
  }
  return promise;
}

/**
 * A page drawn from its chunk, like React.lazy, except that a chunk already here is drawn at once:
 * React.lazy suspends on its first render however early the chunk arrived, and React then shows the
 * page no sooner than 300 ms after the loading heading it replaces.
 */
export function lazyPage<K extends PageName, P extends object>(name: K, pick: (m: Module<K>) => ComponentType<P>): ComponentType<P> {
  function LazyPage(props: P) {
    const Page = pick(use(chunk(name)));
    return <Page {...props} />;
  }
  return LazyPage;
}

/**
 * Fetches the chunk of the page at this address and settles when it is here (home, the dashboard or
 * "my work" by role, is left to SignedInApp). Never fails: the page shows the error when drawn.
 */
export async function loadPageChunk(hash: string): Promise<void> {
  const { page } = parseRoute(hash);
  if (page in PAGE_CHUNKS) await chunk(page as PageName).catch(() => undefined);
}
