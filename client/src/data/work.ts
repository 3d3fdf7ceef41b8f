/**
 * "My work" and "Requests to my agency", kept current: read by REST (`GET /api/my-work`, served
 * from the work-list indexes), and read again when something that could change it happens: a new
 * alert (a request to the agency arrives as one) or a change to a case in the session's case list.
 */
import { useEffect, useRef, useState } from 'react';
import type { CaseSummary, Deadline, MeetingSummary, MyWork, WorkItem } from '@mashboard/shared';
import { useLive } from './session.ts';
import { ApiRequestError } from './api.ts';
import { screensApi } from './screensApi.ts';

export interface WorkState {
  work: MyWork | null;
  error: string;
}

export function useMyWork(): WorkState {
  const live = useLive();
  const [work, setWork] = useState<MyWork | null>(null);
  const [error, setError] = useState('');
  const mounted = useRef(true);
  const loading = useRef(false);
  const again = useRef(false);
  const alertCount = live.alerts?.length ?? 0;
  const listVersion = (live.caseList ?? []).reduce((n, c) => n + c.version, 0);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    // One read at a time; a change while it runs asks for one more read after it.
    const load = (): void => {
      if (loading.current) {
        again.current = true;
        return;
      }
      loading.current = true;
      screensApi
        .myWork()
        .then(
          (w) => {
            if (mounted.current) {
              setWork(w);
              setError('');
            }
          },
          (e: unknown) => {
            if (mounted.current) setError(e instanceof ApiRequestError ? e.error.message : 'Your work could not be loaded.');
          },
        )
        .finally(() => {
          loading.current = false;
          if (again.current && mounted.current) {
            again.current = false;
            load();
          }
        });
    };
    load();
  }, [alertCount, listVersion]);

  return { work, error };
}

/** A work item with its case, as the lists show it. */
export interface WorkRow {
  summary: CaseSummary;
  deadline: Deadline;
}

export function workRows(work: MyWork, items: readonly WorkItem[]): WorkRow[] {
  const cases = new Map(work.cases.map((c) => [c.id, c]));
  return items.flatMap((i) => {
    const summary = cases.get(i.caseId);
    return summary ? [{ summary, deadline: i.deadline }] : [];
  });
}

/**
 * Meetings not yet ended that the reader is invited to (their agency is invited), chairs, or that
 * discuss a case of their work; soonest first.
 */
export function meetingsForWork(meetings: readonly MeetingSummary[], work: MyWork, reader: { userId: string; agency: string }): MeetingSummary[] {
  const mine = new Set(work.cases.map((c) => c.id));
  return meetings
    .filter(
      (m) =>
        m.status !== 'ended' &&
        (m.chair.userId === reader.userId || (m.invitedAgencies ?? []).includes(reader.agency) || m.agenda.some((item) => mine.has(item.caseId))),
    )
    .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
}
