/**
 * Every signed-in page is a chunk of its own, fetched when first shown. App fetches the one a fresh
 * load opens on together with SignedInApp, so the page waits for one round of chunks, not two in a
 * row, and is drawn without a second loading heading.
 */
import type { ComponentType } from 'react';
import { parseRoute, type Route } from './router.ts';
import { lazyChunk, useChunk, type Chunk } from './lazyChunk.tsx';

const PAGE_CHUNKS = {
  cases: lazyChunk(() => import('./pages/CasesPage.tsx')),
  'case-history': lazyChunk(() => import('./pages/CaseHistoryPage.tsx')),
  'new-case': lazyChunk(() => import('./pages/NewCasePage.tsx')),
  case: lazyChunk(() => import('./pages/CaseBoardPage.tsx')),
  dashboard: lazyChunk(() => import('./pages/DashboardPage.tsx')),
  alerts: lazyChunk(() => import('./pages/AlertsPage.tsx')),
  policy: lazyChunk(() => import('./pages/PolicyPage.tsx')),
  'failed-jobs': lazyChunk(() => import('./pages/FailedJobsPage.tsx')),
  report: lazyChunk(() => import('./pages/ReportPage.tsx')),
  users: lazyChunk(() => import('./pages/UsersPage.tsx')),
  agencies: lazyChunk(() => import('./pages/AgenciesPage.tsx')),
  audit: lazyChunk(() => import('./pages/AuditPage.tsx')),
  'case-sharing': lazyChunk(() => import('./pages/SharingPage.tsx')),
  'case-chronology': lazyChunk(() => import('./pages/ChronologyPage.tsx')),
  meetings: lazyChunk(() => import('./pages/MeetingsPage.tsx')),
  meeting: lazyChunk(() => import('./pages/MeetingRoomPage.tsx')),
  'meeting-present': lazyChunk(() => import('./pages/MeetingPresentationPage.tsx')),
  search: lazyChunk(() => import('./pages/SearchPage.tsx')),
  'my-work': lazyChunk(() => import('./pages/MyWorkPage.tsx')),
  requests: lazyChunk(() => import('./pages/MyWorkPage.tsx')),
} satisfies Partial<Record<Route['page'], Chunk<unknown>>>;

type Chunks = typeof PAGE_CHUNKS;
type PageName = keyof Chunks;
type Module<K extends PageName> = Chunks[K] extends Chunk<infer M> ? M : never;

/**
 * A page drawn from its chunk, like React.lazy, except that a chunk already here is drawn at once:
 * React.lazy suspends on its first render however early the chunk arrived, and React then shows the
 * page no sooner than 300 ms after the loading heading it replaces.
 */
export function lazyPage<K extends PageName, P extends object>(name: K, pick: (m: Module<K>) => ComponentType<P>): ComponentType<P> {
  function LazyPage(props: P) {
    const Page = pick(useChunk(PAGE_CHUNKS[name] as Chunk<Module<K>>));
    return <Page {...props} />;
  }
  return LazyPage;
}

/**
 * Fetches the chunk of the page at this address and settles when it is here (home, the dashboard or
 * "my work" by role, is left to SignedInApp). Never fails: a page whose chunk did not come fetches it
 * again when drawn, and says so if it cannot (ErrorBoundary).
 */
export async function loadPageChunk(hash: string): Promise<void> {
  const { page } = parseRoute(hash);
  if (page in PAGE_CHUNKS) await PAGE_CHUNKS[page as PageName].preload().catch(() => undefined);
}
