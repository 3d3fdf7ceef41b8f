import { useState } from 'react';
import { useSession, useLive } from '../data/session.ts';
import type { ConnectionState } from '../data/connection.ts';
import { ADMIN_ROLES, AUDIT_ROLES, CASE_ROLES, DASHBOARD_HOME, homePageFor, REPORT_ROLES } from '../data/roles.ts';
import { hrefFor, type Route } from '../router.ts';
import { AlertBell } from './Alerts.tsx';
import { LargeScreenToggle } from './LargeScreen.tsx';

export function connectionText(state: ConnectionState, waiting: number): string {
  const changes = waiting ? `${waiting} ${waiting === 1 ? 'change' : 'changes'} waiting` : 'no changes waiting';
  switch (state) {
    case 'live':
      return waiting ? `Live – sending ${changes}` : 'Live';
    case 'connecting':
      return waiting ? `Connecting… – ${changes}` : 'Connecting…';
    case 'offline':
      return `Offline – ${changes}`;
    case 'reconnecting':
      return waiting ? `Offline – ${changes}` : 'Reconnecting…';
  }
}

function ConnectionIcon({ state }: { state: ConnectionState }) {
  // Shape differs by state, so it does not rely on colour.
  if (state === 'live')
    return (
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6" fill="currentColor" />
      </svg>
    );
  if (state === 'offline')
    return (
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path d="M3 3 L13 13 M13 3 L3 13" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
    );
  return (
    <svg className="icon icon--spin" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 2 A6 6 0 1 1 2 8" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

type NavPage = 'my-work' | 'requests' | 'dashboard' | 'cases' | 'meetings' | 'search' | 'alerts' | 'report' | 'policy' | 'failed-jobs' | 'users' | 'agencies' | 'audit';

/** The pages a role can reach, in nav order. Everyone who can read cases can reach the dashboard. */
export function navFor(role: string): { page: NavPage; label: string }[] {
  const items: { page: NavPage; label: string }[] = [];
  if (CASE_ROLES.has(role)) {
    const dashboard = { page: 'dashboard', label: 'Dashboard' } as const;
    const cases = { page: 'cases', label: 'Open cases' } as const;
    const work = { page: 'my-work', label: 'My work' } as const;
    const requests = { page: 'requests', label: 'Requests to my agency' } as const;
    items.push(...(DASHBOARD_HOME.has(role) ? [dashboard, work, requests, cases] : [work, requests, cases, dashboard]));
    items.push({ page: 'meetings', label: 'Meetings' }, { page: 'search', label: 'Search records' });
  }
  if (AUDIT_ROLES.has(role)) items.push({ page: 'audit', label: 'Audit' });
  if (ADMIN_ROLES.has(role)) items.push({ page: 'users', label: 'Users' }, { page: 'agencies', label: 'Agencies' });
  if (REPORT_ROLES.has(role)) items.push({ page: 'report', label: 'Timeliness report' });
  if (ADMIN_ROLES.has(role)) items.push({ page: 'policy', label: 'Timeliness policy' }, { page: 'failed-jobs', label: 'Failed jobs' });
  return items;
}

function isCurrent(route: Route, page: NavPage, home: NavPage): boolean {
  if (route.page === page) return true;
  if (route.page === 'home') return page === home;
  if (route.page === 'meeting') return page === 'meetings';
  return (route.page === 'new-case' || route.page === 'case-history') && page === 'cases';
}

export function Header({ route }: { route: Route }) {
  const { client, signOut } = useSession();
  const live = useLive();
  const user = client.user;
  const waiting = live.outbox.filter((i) => i.status === 'pending').length;
  const text = connectionText(live.connection, waiting);
  const shownState: ConnectionState = live.connection === 'reconnecting' && waiting ? 'offline' : live.connection;
  const nav = navFor(user.role);
  // On a phone the nav folds behind a Menu button (a wide screen always shows it).
  const [menuOpen, setMenuOpen] = useState(false);
  // Going to another page folds the menu again (adjusted during render, not in an effect).
  const [menuRoute, setMenuRoute] = useState(route);
  if (menuRoute !== route) {
    setMenuRoute(route);
    setMenuOpen(false);
  }
  return (
    <header className="header" role="banner">
      <div className="header__inner">
        <a className="header__brand" href={hrefFor({ page: 'home' })}>
          Mashboard
        </a>
        <p className="header__user">
          <span className="visually-hidden">Signed in as </span>
          <span className="header__name">{user.name}</span>
          <span className="header__meta">
            <span className="header__sep" aria-hidden="true">
              {' · '}
            </span>
            {user.agencyName} · {user.roleLabel}
          </span>
        </p>
        <div className={`connection connection--${shownState}`} role="status" aria-label="Connection" aria-live="polite" id="connection-status">
          <ConnectionIcon state={shownState} />
          <span className="connection__text">{text}</span>
        </div>
        {nav.length ? (
          <button type="button" className="button button--secondary button--small header__menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen((o) => !o)}>
            <span aria-hidden="true">{menuOpen ? '✕ ' : '☰ '}</span>
            Menu
          </button>
        ) : null}
        <div className="header__actions">
          <AlertBell current={route.page === 'alerts'} />
          <LargeScreenToggle />
          <button type="button" className="button button--secondary button--small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
      {nav.length ? (
        <nav id="main-nav" className={`nav${menuOpen ? ' nav--open' : ''}`} aria-label="Main">
          <ul className="nav__list">
            {nav.map((item) => (
              <li key={item.page}>
                <a className="nav__link" href={hrefFor({ page: item.page })} aria-current={isCurrent(route, item.page, homePageFor(user.role)) ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
