/** The meeting channel: meeting commands, opening and closing a meeting (with presence), and watching the meetings list. */
import { JoinMeetingSchema, MEETING_COMMAND_NAMES, WatchMeetingsSchema } from '@mashboard/shared';
import type { Via } from '../audit/audited.ts';
import type { Logger } from '../logger.ts';
import type { MeetingCommands } from '../meetings/commands.ts';
import type { MeetingQueries } from '../meetings/queries.ts';
import { onEvent, type MashSocket } from './io.ts';
import type { RoomPresence } from './presence.ts';
import { rooms } from './rooms.ts';

export function meetingChannel(socket: MashSocket, via: Via, deps: { commands: MeetingCommands; queries: MeetingQueries; presence: RoomPresence; log: Logger }): void {
  const { commands, queries, presence, log } = deps;
  const { actor } = socket.data;

  for (const name of MEETING_COMMAND_NAMES) {
    onEvent(socket, log, name, (payload) => commands.execute(name, payload, socket.data.actor, via));
  }

  onEvent(socket, log, 'meeting.join', JoinMeetingSchema, async ({ meetingId }) => {
    const meetingRooms = [rooms.meeting(meetingId), rooms.meetingAgency(meetingId, actor.agency)];
    await socket.join(meetingRooms);
    try {
      const meeting = await queries.read(socket.data.actor, meetingId, via);
      await presence.enterMeeting(socket, meetingId);
      return { meeting };
    } catch (error) {
      for (const room of meetingRooms) await socket.leave(room);
      throw error;
    }
  });

  onEvent(socket, log, 'meeting.leave', JoinMeetingSchema, async ({ meetingId }) => {
    await socket.leave(rooms.meeting(meetingId));
    await socket.leave(rooms.meetingAgency(meetingId, actor.agency));
    await presence.leaveMeeting(socket, meetingId);
    return { left: true as const };
  });

  onEvent(socket, log, 'meetings.watch', WatchMeetingsSchema, async () => {
    // Join before reading, as for a case: a change after the read is pushed, one both read
    // and pushed is kept once by its version. The read is the REST list's, audited as it is.
    const listRooms = [rooms.meetingList(), rooms.meetingListAgency(actor.agency)];
    const watching = socket.rooms.has(listRooms[0]!);
    await socket.join(listRooms);
    try {
      return { meetings: await queries.list(socket.data.actor, via) };
    } catch (error) {
      if (!watching) for (const room of listRooms) await socket.leave(room);
      throw error;
    }
  });
}
