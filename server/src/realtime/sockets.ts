/**
 * The Socket.IO side: authenticate the handshake with the session cookie and Origin, run commands
 * through the same path as REST, join cases with gap-free catch-up, keep presence, and fan out
 * every appended event to the case's room.
 */
import { parse as parseCookie } from 'cookie';
import type { Server, Socket } from 'socket.io';
import {
  CatchUpSchema,
  COMMAND_NAMES,
  JoinCaseSchema,
  JoinMeetingSchema,
  MEETING_COMMAND_NAMES,
  WatchMeetingsSchema,
  LeaveCaseSchema,
  LIMITS,
  type Ack,
  type Actor,
  type AgendaAccess,
  type ApiError,
  type Audience,
  type CaseSummary,
  type ClientToServerEvents,
  type MeetingSummary,
  type ServerToClientEvents,
  agendaReaders,
  audienceOf,
  caseAudience,
  maySeeCase,
  presentCaseEvent,
  presentEvent,
  presentSummary,
  summaryReaders,
} from '@mashboard/shared';
import { auditActor, type Via } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { meets, SOCKET_POLICY } from '../policies.ts';
import type { Alerts } from '../alerts/alerts.ts';
import { meetingEventReaders, meetingListRow, presentMeetingEvent } from '../meetings/present.ts';
import type { MeetingAfterAppend, MeetingCommands } from '../meetings/commands.ts';
import type { MeetingQueries } from '../meetings/queries.ts';
import type { CaseAfterAppend, CaseCommands } from '../cases/commands.ts';
import type { CaseQueries } from '../cases/queries.ts';
import { parseOrRefuse, toApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Sessions } from '../auth/sessions.ts';
import { toSessionUser, type Users } from '../auth/users.ts';
import { meetingPresenceKey, Presence, PRESENCE_TTL_MS } from './presence.ts';
import { LatestPerKey } from './latest-per-key.ts';
import { TokenBucket } from './rate-limit.ts';
import { KeyedQueue } from '../store/keyed-queue.ts';
import { rooms } from './rooms.ts';
import { metrics, secondsSince } from '../observability/metrics.ts';

/** How often at most a busy case's row is pushed to case lists. */
export const CASE_LIST_PUSH_MS = 250;
/** How often at most a busy meeting's row is pushed to meetings lists (attendance comes in bursts). */
export const MEETING_LIST_PUSH_MS = CASE_LIST_PUSH_MS;

export interface SocketData {
  actor: Actor;
  sessionKey: string;
  /** Cases this socket has open. */
  cases: Set<string>;
  /** Meetings this socket has open. */
  meetings: Set<string>;
}

export type MashServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type MashSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

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

/** Answer an acknowledgement if the client asked for one; a crafted packet may send none. */
async function answer<T>(ack: unknown, work: () => Promise<T>, log: Logger, event: string): Promise<void> {
  const started = process.hrtime.bigint();
  let response: Ack<T>;
  try {
    response = { ok: true, result: await work() };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') log.error({ err: error, event }, 'socket event failed');
    if (apiError.code === 'unavailable') log.warn({ err: error, event }, 'socket event failed: Redis is not answering');
    response = { ok: false, error: apiError };
  }
  metrics.socketEvents.observe({ event, outcome: response.ok ? 'ok' : response.error.code }, secondsSince(started));
  if (typeof ack === 'function') ack(response);
}

export function attachSockets(deps: Deps): { afterAppend: { cases: CaseAfterAppend; meetings: MeetingAfterAppend }; stop: () => void } {
  const { io, commands, queries, alerts, meetings, sessions, users, presence, log } = deps;

  io.use(async (socket, next) => {
    try {
      // The Origin is checked once, by the engine's allowRequest (main.ts), before any Socket.IO
      // handshake reaches here: a foreign Origin never gets this far.
      const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
      const session = await sessions.resume(cookies[sessions.cookieName]);
      const user = session ? await users.get(session.userId) : null;
      if (!session || !user || user.disabled) return next(new Error('unauthenticated'));
      const { username: _u, agencyName: _a, roleLabel: _r, ...actor } = toSessionUser(user);
      socket.data = { actor, sessionKey: session.key, cases: new Set(), meetings: new Set() };
      next();
    } catch (error) {
      log.error({ err: error }, 'socket handshake failed');
      next(new Error('server error'));
    }
  });

  // Fan-out by audience: an event or row that reads differently for some agencies (`readers`) goes
  // to each of those agencies' rooms in the copy that agency may see, and to the rest of the room
  // as an outsider's copy (or not at all, when an outsider may see nothing of it). When nobody reads
  // it differently, the whole room gets the one copy.
  const OUTSIDER: Audience = { agency: '' };
  type Broadcast = ReturnType<MashServer['to']>;
  function sendByAudience<T>(
    room: string,
    agencyRoom: (agency: string) => string,
    readers: readonly string[] | null,
    copyFor: (viewer: Audience) => T | undefined,
    send: (to: Broadcast, copy: T) => void,
  ): void {
    for (const agency of readers ?? []) {
      const copy = copyFor({ agency });
      if (copy !== undefined) send(io.to(agencyRoom(agency)), copy);
    }
    const outsiders = copyFor(OUTSIDER);
    if (outsiders !== undefined) send(readers ? io.to(room).except(readers.map(agencyRoom)) : io.to(room), outsiders);
  }

  // A meeting's row and its scheduling carry its agenda, which reads differently by agency when a
  // restricted case is on it: who may see each case is read from the cases as it is pushed, and one
  // meeting's pushes keep their order.
  const meetingPushes = new KeyedQueue();
  const meetingListRows = new LatestPerKey<{ summary: MeetingSummary; access: AgendaAccess }>(MEETING_LIST_PUSH_MS, ({ summary, access }) => {
    sendByAudience(rooms.meetingList(), rooms.meetingListAgency, agendaReaders(summary.agenda, access), (viewer) => meetingListRow(summary, access, viewer), (to, row) => to.emit('meetings.changed', row));
  });
  // A step after every append to a meeting (wired in main.ts): its events to the meeting's room, its row to meetings lists.
  const publishMeeting: MeetingAfterAppend = {
    name: 'publish to the meeting room and meetings lists',
    run: ({ events, summary }) => {
      const meetingId = summary.id;
      return meetingPushes.run(meetingId, async () => {
        const access = await meetings.queries.agendaAccess([summary]);
        for (const event of events) {
          sendByAudience(rooms.meeting(meetingId), (agency) => rooms.meetingAgency(meetingId, agency), meetingEventReaders(event, access), (viewer) => presentMeetingEvent(event, access, viewer), (to, e) => to.emit('meeting.event', e));
        }
        meetingListRows.offer(meetingId, { summary, access });
      });
    },
  };

  // Case lists show each case's latest row: a busy case pushes its row at most every
  // CASE_LIST_PUSH_MS (the first change at once, the newest at the end of each window). A
  // restricted case reaches only its agencies' lists; a protected referrer only the opener's.
  const caseListRows = new LatestPerKey<CaseSummary>(CASE_LIST_PUSH_MS, (summary) => {
    const readers = summaryReaders(summary);
    sendByAudience(rooms.caseList(), rooms.caseListAgency, readers, (viewer) => (maySeeCase(summary, viewer) ? presentSummary(summary, viewer) : undefined), (to, row) => to.emit('cases.changed', row));
  });

  // A step after every append to a case (wired in main.ts): its events to the case's rooms, its row to case lists.
  const publishCase: CaseAfterAppend = {
    name: 'publish to case rooms and case lists',
    run: ({ events, summary }) => {
      // A case restricted to named agencies goes only to those agencies' rooms, each in the copy it
      // may see: a socket of any other agency gets nothing of it, whatever room it may be in.
      const caseReaders = caseAudience(summary);
      for (const event of events) {
        const caseRoom = (agency: string) => rooms.caseAgency(event.caseId, agency);
        if (caseReaders) {
          for (const agency of caseReaders) {
            const copy = presentCaseEvent(event, summary, { agency });
            if (copy) io.to(caseRoom(agency)).emit('case.event', copy);
          }
        } else {
          sendByAudience(rooms.case(event.caseId), caseRoom, audienceOf(event), (viewer) => presentEvent(event, viewer), (to, e) => to.emit('case.event', e));
        }
        metrics.fanOut.observe(Math.max(0, Date.now() - Date.parse(event.at)) / 1000);
      }
      caseListRows.offer(summary.id, summary);
    },
  };

  async function publishPresence(caseId: string) {
    io.to(rooms.case(caseId)).emit('case.presence', { caseId, viewers: await presence.viewers(caseId) });
  }

  io.on('connection', (socket: MashSocket) => {
    const { actor } = socket.data;
    metrics.connectedSockets.inc();
    socket.once('disconnect', () => metrics.connectedSockets.dec());
    const via: Via = { channel: 'socket', ip: socket.handshake.address };
    void socket.join([rooms.user(actor.userId), rooms.session(socket.data.sessionKey)]);
    const bucket = new TokenBucket(LIMITS.socketEventsPerSecond, LIMITS.socketEventBurst);
    let lastTouched = Date.now();

    // Every incoming event: rate limit first (a flood gets refusals, never work), then the policy:
    // an event not in SOCKET_POLICY is refused, and so is one the actor's role may not send.
    socket.use((packet, next) => {
      const ack = packet[packet.length - 1];
      const refuseWith = (error: ApiError) => {
        if (typeof ack === 'function') ack({ ok: false, error });
      };
      if (!bucket.take()) return refuseWith({ code: 'rate-limited', message: 'Too many requests from this connection; slow down.' });
      // Something the user sent is activity: it keeps the session from idling out (never past its absolute end).
      if (Date.now() - lastTouched > sessions.touchEveryMs()) {
        lastTouched = Date.now();
        sessions.touch(socket.data.sessionKey).catch((error: unknown) => log.warn({ err: error }, 'session touch failed'));
      }
      const event = String(packet[0]).slice(0, 60);
      const requirement = Object.hasOwn(SOCKET_POLICY, event) ? SOCKET_POLICY[event]! : undefined;
      const verdict = requirement ? meets(socket.data.actor, requirement) : 'forbidden';
      if (verdict === 'ok') {
        // Every event is (payload, acknowledgement): anything else would reach a handler that
        // takes the wrong argument as its callback and never answers.
        if (typeof ack === 'function' && packet.length !== 3) {
          const message = 'send one payload object, then the acknowledgement callback';
          return refuseWith({ code: 'invalid', message: `Invalid input: ${message}.`, issues: [{ path: '', message }] });
        }
        return next();
      }
      const payload = packet[1] as { caseId?: unknown } | undefined;
      const caseId = typeof payload?.caseId === 'string' ? payload.caseId.slice(0, 64) : undefined;
      deps.audit
        .record({ action: event, outcome: 'denied', actor: auditActor(actor), detail: requirement ? 'forbidden' : 'unknown event', channel: 'socket', ip: via.ip, ...(caseId ? { caseId, objectType: 'case', objectId: caseId } : {}) })
        .catch((error: unknown) => log.error({ err: error }, 'audit of a refused socket event failed'))
        .finally(() => refuseWith({ code: 'forbidden', message: requirement ? `Your role (${actor.role}) may not do ${event}.` : `Unknown event ${event}.` }));
    });

    for (const name of COMMAND_NAMES) {
      socket.on(name, (payload: unknown, ack: unknown) =>
        answer(ack, () => commands.execute(name, payload, socket.data.actor, via), log, name),
      );
    }

    socket.on('case.join', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          const { caseId, afterEventId } = parseOrRefuse(JoinCaseSchema, payload);
          // Join the rooms only once the read has found the case shared with this agency, and
          // before it reads what it returns: a socket is never in the room of a case it may not
          // see, any event appended after the read is pushed live, and one both read and pushed is
          // dropped by the client by its seq.
          const caseRooms = [rooms.case(caseId), rooms.caseAgency(caseId, actor.agency)];
          const joinRooms = async () => {
            await socket.join(caseRooms);
          };
          try {
            if (afterEventId) {
              const { events, more } = await queries.eventsAfter(socket.data.actor, caseId, afterEventId, via, joinRooms);
              return { events, more, viewers: await enter(caseId) };
            }
            const view = await queries.view(socket.data.actor, caseId, via, joinRooms);
            return { view, events: [], more: false, viewers: await enter(caseId) };
          } catch (error) {
            if (!socket.data.cases.has(caseId)) for (const room of caseRooms) await socket.leave(room);
            throw error;
          }
        },
        log,
        'case.join',
      ),
    );

    async function enter(caseId: string) {
      socket.data.cases.add(caseId);
      await presence.enter(caseId, socket.id, actor);
      const viewers = await presence.viewers(caseId);
      socket.to(rooms.case(caseId)).emit('case.presence', { caseId, viewers });
      return viewers;
    }

    socket.on('case.catch-up', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          const { caseId, afterEventId } = parseOrRefuse(CatchUpSchema, payload);
          return queries.eventsAfter(socket.data.actor, caseId, afterEventId, via);
        },
        log,
        'case.catch-up',
      ),
    );

    socket.on('case.leave', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          const { caseId } = parseOrRefuse(LeaveCaseSchema, payload);
          socket.data.cases.delete(caseId);
          await socket.leave(rooms.case(caseId));
          await socket.leave(rooms.caseAgency(caseId, actor.agency));
          await presence.leave(caseId, socket.id);
          await publishPresence(caseId);
          return { left: true as const };
        },
        log,
        'case.leave',
      ),
    );

    socket.on('cases.watch', (_payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          // Join only once the read and its audit record have succeeded: a watch that failed
          // receives no rows. (A row changed between the read and the join comes with that case's
          // next change: rows are the latest state, not a sequence to replay.)
          const cases = await queries.list(socket.data.actor, via);
          await socket.join([rooms.caseList(), rooms.caseListAgency(actor.agency)]);
          return { cases };
        },
        log,
        'cases.watch',
      ),
    );

    for (const name of MEETING_COMMAND_NAMES) {
      socket.on(name, (payload: unknown, ack: unknown) => answer(ack, () => meetings.commands.execute(name, payload, socket.data.actor, via), log, name));
    }

    socket.on('meeting.join', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          const { meetingId } = parseOrRefuse(JoinMeetingSchema, payload);
          const meetingRooms = [rooms.meeting(meetingId), rooms.meetingAgency(meetingId, actor.agency)];
          await socket.join(meetingRooms);
          try {
            const meeting = await meetings.queries.read(socket.data.actor, meetingId, via);
            socket.data.meetings.add(meetingId);
            await presence.enter(meetingPresenceKey(meetingId), socket.id, actor);
            io.to(rooms.meeting(meetingId)).emit('meeting.presence', { meetingId, viewers: await presence.viewers(meetingPresenceKey(meetingId)) });
            return { meeting };
          } catch (error) {
            for (const room of meetingRooms) await socket.leave(room);
            throw error;
          }
        },
        log,
        'meeting.join',
      ),
    );

    socket.on('meeting.leave', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          const { meetingId } = parseOrRefuse(JoinMeetingSchema, payload);
          socket.data.meetings.delete(meetingId);
          await socket.leave(rooms.meeting(meetingId));
          await socket.leave(rooms.meetingAgency(meetingId, actor.agency));
          await presence.leave(meetingPresenceKey(meetingId), socket.id);
          io.to(rooms.meeting(meetingId)).emit('meeting.presence', { meetingId, viewers: await presence.viewers(meetingPresenceKey(meetingId)) });
          return { left: true as const };
        },
        log,
        'meeting.leave',
      ),
    );

    socket.on('meetings.watch', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          parseOrRefuse(WatchMeetingsSchema, payload);
          // Join before reading, as for a case: a change after the read is pushed, one both read
          // and pushed is kept once by its version. The read is the REST list's, audited as it is.
          const listRooms = [rooms.meetingList(), rooms.meetingListAgency(actor.agency)];
          const watching = socket.rooms.has(listRooms[0]!);
          await socket.join(listRooms);
          try {
            return { meetings: await meetings.queries.list(socket.data.actor, via) };
          } catch (error) {
            if (!watching) for (const room of listRooms) await socket.leave(room);
            throw error;
          }
        },
        log,
        'meetings.watch',
      ),
    );

    socket.on('alert.acknowledge', (payload: unknown, ack: unknown) =>
      answer(ack, async () => ({ alert: await alerts.acknowledge(socket.data.actor, payload) }), log, 'alert.acknowledge'),
    );

    socket.on('disconnect', () => {
      for (const meetingId of socket.data.meetings) {
        const key = meetingPresenceKey(meetingId);
        presence
          .leave(key, socket.id)
          .then(async () => io.to(rooms.meeting(meetingId)).emit('meeting.presence', { meetingId, viewers: await presence.viewers(key) }))
          .catch((error: unknown) => log.warn({ err: error }, 'presence cleanup failed'));
      }
      for (const caseId of socket.data.cases) {
        presence
          .leave(caseId, socket.id)
          .then(() => publishPresence(caseId))
          .catch((error: unknown) => log.warn({ err: error }, 'presence cleanup failed'));
      }
    });
  });

  // Keep this process's viewers alive in the shared presence records.
  const heartbeat = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      for (const caseId of socket.data.cases ?? []) {
        presence.enter(caseId, socket.id, socket.data.actor).catch(() => undefined);
      }
      for (const meetingId of socket.data.meetings ?? []) {
        presence.enter(meetingPresenceKey(meetingId), socket.id, socket.data.actor).catch(() => undefined);
      }
    }
  }, PRESENCE_TTL_MS / 3);
  heartbeat.unref();

  return {
    afterAppend: { cases: publishCase, meetings: publishMeeting },
    stop: () => {
      clearInterval(heartbeat);
      caseListRows.flush();
      meetingListRows.flush();
    },
  };
}

/** Close every socket of a user, on every server process, telling them why. */
export function endUserSockets(io: MashServer, userId: string, reason: string): void {
  io.to(rooms.user(userId)).emit('session.ended', { reason });
  io.in(rooms.user(userId)).disconnectSockets(true);
}

/**
 * Sockets outlive nothing: every couple of seconds this process checks the sessions behind its
 * sockets and closes those whose session ended (expired, signed out elsewhere, ended by an admin).
 */
export function watchSessions(io: MashServer, sessions: Sessions, log: Logger, everyMs = 1000): { stop: () => void } {
  const timer = setInterval(() => {
    const byKey = new Map<string, MashSocket[]>();
    for (const socket of io.of('/').sockets.values()) {
      if (!socket.data.sessionKey) continue;
      const group = byKey.get(socket.data.sessionKey);
      if (group) group.push(socket);
      else byKey.set(socket.data.sessionKey, [socket]);
    }
    if (byKey.size === 0) return;
    sessions
      .liveOf([...byKey.keys()])
      .then((live) => {
        for (const [key, sockets] of byKey) {
          if (live.has(key)) continue;
          for (const socket of sockets) {
            socket.emit('session.ended', { reason: 'Your session ended: sign in again.' });
            socket.disconnect(true);
          }
        }
      })
      .catch((error: unknown) => log.warn({ err: error }, 'session check failed'));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** End a session everywhere: tell its sockets, then close them (on every server process). */
export function endSessionSockets(io: MashServer, sessionKey: string, reason: string): void {
  io.to(rooms.session(sessionKey)).emit('session.ended', { reason });
  io.in(rooms.session(sessionKey)).disconnectSockets(true);
}
