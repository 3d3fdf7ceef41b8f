import { useSession, useLive } from '../context.ts';
import type { ConnectionState } from '../data/live.ts';
import { hrefFor } from '../router.ts';
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

export function Header() {
  const { client, signOut } = useSession();
  const live = useLive();
  const user = client.user;
  const waiting = live.outbox.filter((i) => i.status === 'pending').length;
  const text = connectionText(live.connection, waiting);
  const shownState: ConnectionState = live.connection === 'reconnecting' && waiting ? 'offline' : live.connection;
  return (
    <header className="header" role="banner">
      <div className="header__inner">
        <a className="header__brand" href={hrefFor({ page: 'cases' })}>
          Mashboard
        </a>
        <div className="header__user" aria-label="Signed in as">
          <span className="header__name">{user.name}</span>
          <span className="header__meta">
            {user.agencyName} · {user.roleLabel}
          </span>
        </div>
        <div
          className={`connection connection--${shownState}`}
          role="status"
          aria-label="Connection"
          aria-live="polite"
          id="connection-status"
        >
          <ConnectionIcon state={shownState} />
          <span className="connection__text">{text}</span>
        </div>
        <div className="header__actions">
          <LargeScreenToggle />
          <button type="button" className="button button--secondary button--small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
    </header>
  );
}
