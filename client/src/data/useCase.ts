/** A case kept live for a page other than the board (sharing, chronology, the meeting room). */
import { useEffect } from 'react';
import { useLive, useSession } from './session.ts';
import type { CaseLive } from './liveState.ts';

export function useLiveCase(caseId: string | null): CaseLive | undefined {
  const { client } = useSession();
  const live = useLive();
  useEffect(() => {
    if (!caseId) return;
    client.openCase(caseId);
    return () => client.closeCase(caseId);
  }, [client, caseId]);
  return caseId ? live.cases[caseId] : undefined;
}
