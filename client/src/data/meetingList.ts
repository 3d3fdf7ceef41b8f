/**
 * The meetings list, live: `meetings.watch` on the session's socket (the list now, then
 * `meetings.changed` for every meeting scheduled, started, moved, ended or signed off), again after
 * every reconnect, and by REST while the socket is down. Rows merge by meeting id with the newer
 * version winning, so a push that raced the list is never undone. Nothing is announced: the table
 * simply stays current.
 */
import { useEffect, useState } from 'react';
import type { MeetingSummary } from '@mashboard/shared';
import { useSession } from './session.ts';
import { ApiRequestError } from './api.ts';
import { ask, keepJoined } from './connection.ts';
import { mergeMeetingRows } from './meetings.ts';
import { screensApi } from './screensApi.ts';

export interface MeetingList {
  /** null until first loaded. */
  meetings: MeetingSummary[] | null;
  /** Why the list could not be loaded ('' when it could). */
  error: string;
}

/** Watch the meetings list while the calling page is mounted. */
export function useMeetingList(): MeetingList {
  const { client } = useSession();
  const socket = client.liveSocket;
  const [meetings, setMeetings] = useState<MeetingSummary[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let active = true;
    const merge = (rows: MeetingSummary[]) => {
      if (!active) return;
      setMeetings((list) => mergeMeetingRows(list, rows));
      setError('');
    };
    const failed = (message: string) => {
      if (active) setError(message);
    };
    const load = async () => {
      if (socket.connected) {
        try {
          const ack = await ask(socket, 'meetings.watch', {});
          if (ack.ok) merge(ack.result.meetings);
          else failed(ack.error.message);
          return;
        } catch {
          // No answer in time: read by REST below; the next reconnect watches again.
        }
      }
      try {
        merge(await screensApi.meetings());
      } catch (e) {
        failed(e instanceof ApiRequestError ? e.error.message : 'The meetings could not be loaded.');
      }
    };
    const stop = keepJoined(socket, { 'meetings.changed': (meeting) => merge([meeting]) }, () => void load());
    return () => {
      active = false;
      stop();
    };
  }, [socket]);

  return { meetings, error };
}
