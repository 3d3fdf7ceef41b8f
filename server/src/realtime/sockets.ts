/**
 * The Socket.IO side, put together: the gate admits a socket and guards each of its events, the
 * case, meeting and alert channels answer them (running commands through the same path as REST),
 * presence tells each room who is there, and fan-out pushes every appended event to whoever may
 * see it.
 */
import type { Via } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { Users } from '../auth/users.ts';
import type { Alerts } from '../alerts/alerts.ts';
import type { CaseCommands } from '../cases/commands.ts';
import type { CaseQueries } from '../cases/queries.ts';
import type { Logger } from '../logger.ts';
import type { MeetingCommands } from '../meetings/commands.ts';
import type { MeetingQueries } from '../meetings/queries.ts';
import { metrics } from '../observability/metrics.ts';
import { alertChannel } from './alert-channel.ts';
import { caseChannel } from './case-channel.ts';
import { FanOut } from './fan-out.ts';
import { admitBySession, guardEvents } from './gate.ts';
import type { MashServer, MashSocket } from './io.ts';
import { meetingChannel } from './meeting-channel.ts';
import { RoomPresence, type Presence } from './presence.ts';
import { rooms } from './rooms.ts';

interface Deps {
  io: MashServer;
  commands: CaseCommands;
  queries: CaseQueries;
  alerts: Alerts;
  meetings: { commands: MeetingCommands; queries: MeetingQueries };
  sessions: Sessions;
  users: Users;
  presence: Presence;
  audit: AuditLog;
  log: Logger;
}

export function attachSockets(deps: Deps): { afterAppend: FanOut['afterAppend']; stop: () => void } {
  const { io, commands, queries, alerts, meetings, sessions, users, audit, log } = deps;
  admitBySession(io, { sessions, users, log });
  const fanOut = new FanOut(io, meetings.queries);

  const presence = new RoomPresence(io, deps.presence, log);
  io.on('connection', (socket: MashSocket) => {
    const { actor } = socket.data;
    metrics.connectedSockets.inc();
    socket.once('disconnect', () => metrics.connectedSockets.dec());
    const via: Via = { channel: 'socket', ip: socket.handshake.address };
    void socket.join([rooms.user(actor.userId), rooms.session(socket.data.sessionKey)]);
    guardEvents(socket, via, { sessions, audit, log });
    caseChannel(socket, via, { commands, queries, presence, log });
    meetingChannel(socket, via, { ...meetings, presence, log });
    alertChannel(socket, { alerts, log });
    socket.on('disconnect', () => presence.disconnected(socket));
  });
  const heartbeat = presence.keepAlive();

  return {
    afterAppend: fanOut.afterAppend,
    stop: () => {
      heartbeat.stop();
      fanOut.flush();
    },
  };
}
