/**
 * The meeting room's live link: `meeting.join` on the session's socket (the meeting now, events
 * from then on), `meeting.event` merged with the shared reducer, `meeting.presence`, a fresh
 * copy by REST on a gap or when minutes are signed (each reader gets their own copy), re-join on
 * reconnect, `meeting.leave` on unmount. Chair and attendance commands go through the session's
 * outbox, as case commands do: sent once acknowledged, kept and sent later when offline.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { agendaItemLabel, type ApiError, type CaseSummary, type CaseView, type MeetingCommandName, type MeetingEvent, type MeetingResult, type MeetingSummary, type Viewer } from '@mashboard/shared';
import { useLive, useSession } from './session.ts';
import { ApiRequestError } from './api.ts';
import { ask, keepJoined } from './connection.ts';
import type { LiveClient } from './live.ts';
import type { CasePart } from './liveState.ts';
import type { MeetingCommandInput, SubmitOutcome } from './outbox.ts';
import { mergeMeetingEvent } from './meetings.ts';
import { screensApi } from './screensApi.ts';

export interface MeetingRoom {
  meeting: MeetingSummary | null;
  viewers: Viewer[];
  error: ApiError | null;
  /** Send a meeting command; resolves to null when done, or the error. */
  command: <N extends MeetingCommandName>(name: N, payload: MeetingCommandInput<N>) => Promise<ApiError | null>;
  /** The latest change made by someone else, for a polite live region. */
  note: string;
}

function describe(event: MeetingEvent, meeting: MeetingSummary | null): string {
  switch (event.type) {
    case 'meeting.started':
      return `${event.actor.name} started the meeting.`;
    case 'meeting.moved': {
      const item = meeting?.agenda[event.data.itemIndex];
      return `The chair moved to item ${event.data.itemIndex + 1}${item ? `: ${agendaItemLabel(item)}` : ''}.`;
    }
    case 'meeting.ended':
      return 'The chair ended the meeting.';
    case 'meeting.minutes-signed':
      return `Minutes version ${event.data.version} signed by ${event.actor.name}.`;
    case 'meeting.agenda-reordered':
      return `The chair moved agenda item ${event.data.from + 1} to item ${event.data.to + 1}.`;
    case 'meeting.attendance-recorded':
      return `Attendance recorded for ${event.data.name ?? event.data.agency}.`;
    default:
      return '';
  }
}

export function useMeetingRoom(meetingId: string): MeetingRoom {
  const { client } = useSession();
  const socket = client.liveSocket;
  const [meeting, setMeeting] = useState<MeetingSummary | null>(null);
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');
  const current = useRef<MeetingSummary | null>(null);
  const set = useCallback((m: MeetingSummary) => {
    // Never go back to an older copy (a slow REST answer after a live event).
    if (current.current && current.current.id === m.id && current.current.version > m.version) return;
    current.current = m;
    setMeeting(m);
  }, []);

  const refetch = useCallback(async () => {
    try {
      set(await screensApi.meeting(meetingId));
      setError(null);
    } catch (e) {
      if (!current.current) setError(e instanceof ApiRequestError ? e.error : { code: 'internal', message: 'The meeting could not be loaded.' });
    }
  }, [meetingId, set]);

  useEffect(() => {
    let active = true;
    const join = async () => {
      if (!socket.connected) {
        await refetch();
        return;
      }
      try {
        const ack = await ask(socket, 'meeting.join', { meetingId });
        if (!active) return;
        if (ack.ok) {
          set(ack.result.meeting);
          setError(null);
        } else setError(ack.error);
      } catch {
        if (active) await refetch();
      }
    };
    const onEvent = (event: MeetingEvent) => {
      if (event.meetingId !== meetingId) return;
      const m = current.current;
      if (!m) {
        void refetch();
        return;
      }
      const merged = mergeMeetingEvent(m, event);
      if (merged.meeting !== m) set(merged.meeting);
      if (merged.refetch) void refetch();
      if (event.actor.userId !== client.user.userId) setNote(describe(event, merged.meeting));
    };
    const onPresence = (p: { meetingId: string; viewers: Viewer[] }) => {
      if (p.meetingId === meetingId) setViewers(p.viewers);
    };
    const stop = keepJoined(socket, { 'meeting.event': onEvent, 'meeting.presence': onPresence }, () => void join());
    return () => {
      active = false;
      stop();
      if (socket.connected) socket.emit('meeting.leave', { meetingId }, () => {});
    };
  }, [socket, meetingId, refetch, set, client.user.userId]);

  const command = useCallback(
    async <N extends MeetingCommandName>(name: N, payload: MeetingCommandInput<N>): Promise<ApiError | null> => {
      const outcome = await sendMeetingCommand(client, name, payload);
      if (outcome.status === 'error') return outcome.error;
      if (outcome.status === 'queued') return { code: 'unavailable', message: QUEUED_MESSAGE };
      return null;
    },
    [client],
  );

  return { meeting, viewers, error, command, note };
}

/** What a meeting command is, for the outbox's list and its toasts. */
const MEETING_COMMAND_LABELS: Record<MeetingCommandName, string> = {
  'meeting.schedule': 'New meeting',
  'meeting.record-attendance': 'Attendance',
  'meeting.start': 'Start of the meeting',
  'meeting.move': 'Move to an agenda item',
  'meeting.reorder': 'Agenda order',
  'meeting.end': 'End of the meeting',
  'meeting.sign-minutes': 'Signed minutes',
};

/** What a page says of a meeting command kept on this device for later. */
export const QUEUED_MESSAGE = 'Not sent yet: it is saved on this device and will be sent when the connection returns.';

/**
 * Send a meeting command (in the room or outside it: scheduling) through the session's outbox. The
 * payload is typed by the contract and carries its command id (`newCommandId()`), as a case
 * command's does; the server checks it (and names the field when one is wrong).
 */
export function sendMeetingCommand<N extends MeetingCommandName>(client: LiveClient, name: N, payload: MeetingCommandInput<N>): Promise<SubmitOutcome<MeetingResult>> {
  return client.sendMeeting(name, payload, { label: MEETING_COMMAND_LABELS[name] });
}

export interface AgendaCases {
  /** The summaries of the agenda's cases, as they come (the agenda's labels and ratings, each case's decisions and actions). */
  summaries: CaseSummary[];
  /** The whole cases of the items asked for whole, once read. */
  views: CaseView[];
  /** An item asked for whole is still being read. */
  loading: boolean;
}

/**
 * Keeps the agenda's cases this reader may see live: every item's summary, and only the items in
 * `whole` whole (their entries): the item on screen, or every item while the draft minutes are
 * open. A long case further down the agenda is read once the meeting reaches it.
 */
export function useAgendaCases(ids: readonly string[], whole: readonly string[]): AgendaCases {
  const { client } = useSession();
  const live = useLive();
  // Reordering the agenda keeps the same cases open. The whole ones first: a case wanted whole is
  // then asked for once, not for its summary and again whole.
  const wholeKey = [...whole].sort().join(',');
  const summaryKey = [...ids].sort().join(',');
  useEffect(() => holdCases(client, wholeKey, 'whole'), [client, wholeKey]);
  useEffect(() => holdCases(client, summaryKey, 'summary'), [client, summaryKey]);
  return {
    summaries: ids.flatMap((id) => live.cases[id]?.summary ?? []),
    views: whole.flatMap((id) => live.cases[id]?.view ?? []),
    loading: whole.some((id) => !live.cases[id]?.view && !live.cases[id]?.error),
  };
}

/** Open these cases (ids joined by commas) in this part until the returned cleanup. */
function holdCases(client: LiveClient, key: string, part: CasePart): () => void {
  const ids = key ? key.split(',') : [];
  ids.forEach((id) => client.openCase(id, part));
  return () => ids.forEach((id) => client.closeCase(id, part));
}
