/**
 * The gate: who may open a socket (an allowed Origin, then a live session of an enabled user), what
 * each incoming event must pass before any handler runs (the rate limit, then SOCKET_POLICY), and
 * closing sockets whose session has ended.
 */
import { parse as parseCookie } from 'cookie';
import type { ServerOptions } from 'socket.io';
import { LIMITS, type ApiError } from '@mashboard/shared';
import { auditActor, type Via } from '../audit/audited.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Sessions } from '../auth/sessions.ts';
import { toSessionUser, type Users } from '../auth/users.ts';
import type { Logger } from '../logger.ts';
import { meets, SOCKET_POLICY } from '../policies.ts';
import { isAck, type MashServer, type MashSocket } from './io.ts';
import { TokenBucket } from './rate-limit.ts';
import { rooms } from './rooms.ts';

/**
 * The Origin is checked once, by the engine's allowRequest, before any Socket.IO handshake starts:
 * a foreign Origin never reaches the session check. (The same list answers CORS.)
 */
export function originCheck(isAllowedOrigin: (origin: string | undefined) => boolean): Pick<Partial<ServerOptions>, 'cors' | 'allowRequest'> {
  return {
    cors: { origin: (origin, cb) => cb(null, isAllowedOrigin(origin)), credentials: true },
    allowRequest: (req, cb) => cb(null, isAllowedOrigin(req.headers.origin)),
  };
}

/** The handshake: the session cookie must name a live session of an enabled user, who becomes the socket's actor. */
export function admitBySession(io: MashServer, deps: { sessions: Sessions; users: Users; log: Logger }): void {
  const { sessions, users, log } = deps;
  // Never rejects: every failure is handed to `next`.
  const admit = async (socket: MashSocket, next: (error?: Error) => void): Promise<void> => {
    try {
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
  };
  io.use((socket, next) => {
    void admit(socket, next);
  });
}

/**
 * Every incoming event: rate limit first (a flood gets refusals, never work), then the policy: an
 * event not in SOCKET_POLICY is refused, and so is one the actor's role may not send (both audited).
 */
export function guardEvents(socket: MashSocket, via: Via, deps: { sessions: Sessions; audit: AuditLog; log: Logger }): void {
  const { sessions, audit, log } = deps;
  const { actor } = socket.data;
  const bucket = new TokenBucket(LIMITS.socketEventsPerSecond, LIMITS.socketEventBurst);
  let lastTouched = Date.now();

  socket.use((packet, next) => {
    const ack: unknown = packet[packet.length - 1];
    const refuseWith = (error: ApiError) => {
      if (isAck(ack)) ack({ ok: false, error });
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
    audit
      .record({
        action: event,
        outcome: 'denied',
        actor: auditActor(actor),
        detail: requirement ? 'forbidden' : 'unknown event',
        channel: 'socket',
        ip: via.ip,
        ...(caseId ? { caseId, objectType: 'case', objectId: caseId } : {}),
      })
      .catch((error: unknown) => log.error({ err: error }, 'audit of a refused socket event failed'))
      .finally(() => refuseWith({ code: 'forbidden', message: requirement ? `Your role (${actor.role}) may not do ${event}.` : `Unknown event ${event}.` }));
  });
}

/** Close every socket of a user, on every server process, telling them why. */
export function endUserSockets(io: MashServer, userId: string, reason: string): void {
  io.to(rooms.user(userId)).emit('session.ended', { reason });
  io.in(rooms.user(userId)).disconnectSockets(true);
}

/** End a session everywhere: tell its sockets, then close them (on every server process). */
export function endSessionSockets(io: MashServer, sessionKey: string, reason: string): void {
  io.to(rooms.session(sessionKey)).emit('session.ended', { reason });
  io.in(rooms.session(sessionKey)).disconnectSockets(true);
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
