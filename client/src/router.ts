/**
 * Hash routing: #/ (home: the dashboard for duty leads and managers, otherwise the case list),
 * #/my-work, #/requests (to my agency), #/cases, #/cases/new, #/cases/history (every case held), #/cases/<id>, #/dashboard?filters, #/alerts, #/reports/timeliness,
 * #/admin/policy, #/admin/jobs, #/admin/users, #/audit?caseId=… (the auditor's log),
 * #/cases/<id>/sharing, #/cases/<id>/chronology, #/meetings, #/meetings/<id>, #/meetings/<id>/present (the shared screen), #/search (its terms never in the URL). Only ids and filter values ever go in the URL.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'cases' }
  | { page: 'case-history' }
  | { page: 'new-case' }
  | { page: 'case'; caseId: string }
  | { page: 'dashboard' }
  | { page: 'my-work' }
  | { page: 'requests' }
  | { page: 'alerts' }
  | { page: 'report' }
  | { page: 'policy' }
  | { page: 'failed-jobs' }
  | { page: 'users' }
  | { page: 'agencies' }
  | { page: 'audit' }
  | { page: 'case-sharing'; caseId: string }
  | { page: 'case-chronology'; caseId: string }
  | { page: 'meetings' }
  | { page: 'search' }
  | { page: 'meeting'; meetingId: string }
  | { page: 'meeting-present'; meetingId: string }
  | { page: 'not-found' };

const FIXED: Record<string, Route> = {
  '/cases': { page: 'cases' },
  '/cases/new': { page: 'new-case' },
  '/cases/history': { page: 'case-history' },
  '/dashboard': { page: 'dashboard' },
  '/my-work': { page: 'my-work' },
  '/requests': { page: 'requests' },
  '/alerts': { page: 'alerts' },
  '/reports/timeliness': { page: 'report' },
  '/admin/policy': { page: 'policy' },
  '/admin/jobs': { page: 'failed-jobs' },
  '/admin/users': { page: 'users' },
  '/admin/agencies': { page: 'agencies' },
  '/audit': { page: 'audit' },
  '/meetings': { page: 'meetings' },
  '/search': { page: 'search' },
};

/** The path of a hash, without its query: "#/dashboard?rating=red" → "/dashboard". */
function hashPath(hash: string): string {
  return hash.replace(/^#/, '').split('?')[0] ?? '';
}

/** The query of the hash: "#/dashboard?rating=red" → "rating=red". */
export function hashQuery(hash: string = window.location.hash): string {
  const i = hash.indexOf('?');
  return i < 0 ? '' : hash.slice(i + 1);
}

/** Replace the hash's query without a history entry or a route change (filters). */
export function replaceHashQuery(query: string): void {
  const path = hashPath(window.location.hash) || '/';
  const next = `#${path}${query ? `?${query}` : ''}`;
  if (window.location.hash !== next) window.history.replaceState(window.history.state, '', next);
}

export function parseRoute(hash: string): Route {
  const path = hashPath(hash).replace(/(.)\/$/, '$1');
  if (path === '' || path === '/') return { page: 'home' };
  if (!path.startsWith('/')) return { page: 'home' }; // in-page anchors are not routes
  const fixed = FIXED[path];
  if (fixed) return fixed;
  const m = /^\/cases\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (m) return { page: 'case', caseId: m[1]! };
  const sub = /^\/cases\/([A-Za-z0-9_-]{1,64})\/(sharing|chronology)$/.exec(path);
  if (sub) return sub[2] === 'sharing' ? { page: 'case-sharing', caseId: sub[1]! } : { page: 'case-chronology', caseId: sub[1]! };
  const meeting = /^\/meetings\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (meeting) return { page: 'meeting', meetingId: meeting[1]! };
  const present = /^\/meetings\/([A-Za-z0-9_-]{1,64})\/present$/.exec(path);
  if (present) return { page: 'meeting-present', meetingId: present[1]! };
  return { page: 'not-found' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'case':
      return `#/cases/${encodeURIComponent(route.caseId)}`;
    case 'case-sharing':
      return `#/cases/${encodeURIComponent(route.caseId)}/sharing`;
    case 'case-chronology':
      return `#/cases/${encodeURIComponent(route.caseId)}/chronology`;
    case 'meeting':
      return `#/meetings/${encodeURIComponent(route.meetingId)}`;
    case 'meeting-present':
      return `#/meetings/${encodeURIComponent(route.meetingId)}/present`;
    case 'home':
    case 'not-found':
      return '#/';
    default: {
      const path = Object.entries(FIXED).find(([, r]) => r.page === route.page)?.[0];
      return path ? `#${path}` : '#/';
    }
  }
}

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
}

/** The route, keyed by path only: a change of query (filters) is not a new page. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      const hash = window.location.hash;
      if (hash && !hash.startsWith('#/')) return; // skip-link style anchors
      const next = parseRoute(hash);
      setRoute((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
