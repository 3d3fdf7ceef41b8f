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
  LeaveCaseSchema,
  LIMITS,
  type Ack,
  type Actor,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@mashboard/shared';
import type { Alerts } from '../alerts/alerts.ts';
import type { CaseCommands } from '../cases/commands.ts';
import type { CaseQueries } from '../cases/queries.ts';
import { parseOrRefuse, toApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { SESSION_COOKIE, type Sessions } from '../auth/sessions.ts';
import { toSessionUser, type Users } from '../auth/users.ts';
import { Presence, PRESENCE_TTL_MS } from './presence.ts';
import { TokenBucket } from './rate-limit.ts';
import { rooms } from './rooms.ts';

export interface SocketData {
  actor: Actor;
  sessionKey: string;
  /** Cases this socket has open. */
  cases: Set<string>;
}

export type MashServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type MashSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

interface Deps {
  io: MashServer;
  commands: CaseCommands;
  queries: CaseQueries;
  alerts: Alerts;
  sessions: Sessions;
  users: Users;
  presence: Presence;
  isAllowedOrigin: (origin: string | undefined) => boolean;
  log: Logger;
}

/** Answer an acknowledgement if the client asked for one; a crafted packet may send none. */
async function answer<T>(ack: unknown, work: () => Promise<T>, log: Logger, event: string): Promise<void> {
  let response: Ack<T>;
  try {
    response = { ok: true, result: await work() };
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.code === 'internal') log.error({ err: error, event }, 'socket event failed');
    response = { ok: false, error: apiError };
  }
  if (typeof ack === 'function') ack(response);
}

export function attachSockets(deps: Deps): { stop: () => void } {
  const { io, commands, queries, alerts, sessions, users, presence, log } = deps;

  io.use(async (socket, next) => {
    try {
      if (!deps.isAllowedOrigin(socket.handshake.headers.origin)) return next(new Error('forbidden origin'));
      const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
      const session = await sessions.resume(cookies[SESSION_COOKIE]);
      const user = session ? await users.get(session.userId) : null;
      if (!session || !user || user.disabled) return next(new Error('unauthenticated'));
      const { username: _u, agencyName: _a, roleLabel: _r, ...actor } = toSessionUser(user);
      socket.data = { actor, sessionKey: session.key, cases: new Set() };
      next();
    } catch (error) {
      log.error({ err: error }, 'socket handshake failed');
      next(new Error('server error'));
    }
  });

  commands.onAppended((events, summary) => {
    for (const event of events) io.to(rooms.case(event.caseId)).emit('case.event', event);
    io.to(rooms.caseList()).emit('cases.changed', summary);
  });

  async function publishPresence(caseId: string) {
    io.to(rooms.case(caseId)).emit('case.presence', { caseId, viewers: await presence.viewers(caseId) });
  }

  io.on('connection', (socket: MashSocket) => {
    const { actor } = socket.data;
    void socket.join([rooms.user(actor.userId), rooms.session(socket.data.sessionKey)]);
    const bucket = new TokenBucket(LIMITS.socketEventsPerSecond, LIMITS.socketEventBurst);

    // Every incoming event: rate limit first; a flood gets refusals, never work.
    socket.use((packet, next) => {
      if (bucket.take()) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') ack({ ok: false, error: { code: 'rate-limited', message: 'Too many requests from this connection; slow down.' } });
    });

    for (const name of COMMAND_NAMES) {
      socket.on(name, (payload: unknown, ack: unknown) =>
        answer(ack, () => commands.execute(name, payload, socket.data.actor), log, name),
      );
    }

    socket.on('case.join', (payload: unknown, ack: unknown) =>
      answer(
        ack,
        async () => {
          const { caseId, afterEventId } = parseOrRefuse(JoinCaseSchema, payload);
          // Join the room before reading: any event appended after the read is then pushed live,
          // and one both read and pushed is dropped by the client by its seq.
          await socket.join(rooms.case(caseId));
          try {
            if (afterEventId) {
              const { events, more } = await queries.eventsAfter(socket.data.actor, caseId, afterEventId);
              return { events, more, viewers: await enter(caseId) };
            }
            const view = await queries.view(socket.data.actor, caseId);
            return { view, events: [], more: false, viewers: await enter(caseId) };
          } catch (error) {
            if (!socket.data.cases.has(caseId)) await socket.leave(rooms.case(caseId));
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
          return queries.eventsAfter(socket.data.actor, caseId, afterEventId);
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
          const cases = await queries.list(socket.data.actor);
          await socket.join(rooms.caseList());
          return { cases };
        },
        log,
        'cases.watch',
      ),
    );

    socket.on('alert.acknowledge', (payload: unknown, ack: unknown) =>
      answer(ack, async () => ({ alert: await alerts.acknowledge(socket.data.actor, payload) }), log, 'alert.acknowledge'),
    );

    socket.on('disconnect', () => {
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
    }
  }, PRESENCE_TTL_MS / 3);
  heartbeat.unref();

  return { stop: () => clearInterval(heartbeat) };
}

/** End a session everywhere: tell its sockets, then close them (on every server process). */
export function endSessionSockets(io: MashServer, sessionKey: string, reason: string): void {
  io.to(rooms.session(sessionKey)).emit('session.ended', { reason });
  io.in(rooms.session(sessionKey)).disconnectSockets(true);
}
