/**
 * The signed-in session as React context: its live client and sign-out, and the hooks that read
 * them (`useSession`, `useLive`). Here in data/, below the screens and the data hooks that use it.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveClient } from './live.ts';
import type { LiveState } from './liveState.ts';

export interface AppSession {
  client: LiveClient;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<AppSession | null>(null);

export function useSession(): AppSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in session');
  return s;
}

export function useLive(): LiveState {
  const { client } = useSession();
  return useSyncExternalStore(client.subscribe, client.getState);
}
