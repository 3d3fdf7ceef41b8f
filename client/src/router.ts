/** Hash routing: #/ (cases), #/cases/new, #/cases/<id>. Only the case id ever goes in the URL. */
import { useEffect, useState } from 'react';

export type Route = { page: 'cases' } | { page: 'new-case' } | { page: 'case'; caseId: string } | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '' || path === '/') return { page: 'cases' };
  if (!path.startsWith('/')) return { page: 'cases' }; // in-page anchors are not routes
  if (path === '/cases/new') return { page: 'new-case' };
  const m = /^\/cases\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path);
  if (m) return { page: 'case', caseId: m[1]! };
  return { page: 'not-found' };
}

export function hrefFor(route: Route): string {
  switch (route.page) {
    case 'cases':
      return '#/';
    case 'new-case':
      return '#/cases/new';
    case 'case':
      return `#/cases/${encodeURIComponent(route.caseId)}`;
    default:
      return '#/';
  }
}

export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (window.location.hash !== href) window.location.hash = href;
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => {
      const hash = window.location.hash;
      if (hash && !hash.startsWith('#/')) return; // skip-link style anchors
      setRoute(parseRoute(hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
