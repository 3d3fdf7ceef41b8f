/**
 * Who has a case or a meeting open now, across every server process: a Redis hash per case (and per
 * meeting) of socket id → viewer, each with an expiry that its process refreshes, so a crashed
 * process's viewers fade out. `Presence` keeps the records; `RoomPresence` keeps them for this
 * process's sockets and tells each room who is there.
 */
import type { RedisClient } from '../redis.ts';
import type { Viewer } from '@mashboard/shared';
import type { Logger } from '../logger.ts';
import { aggregateKey, keys } from '../store/keys.ts';
import type { MashServer, MashSocket } from './io.ts';
import { rooms } from './rooms.ts';

export const PRESENCE_TTL_MS = 60_000;

/** Presence of a meeting lives beside the meeting's other keys; `Presence` takes it as its key. */
export const meetingPresenceKey = (meetingId: string) => `meeting:${meetingId}`;

/** The Redis key of a presence subject: a case id, or a meetingPresenceKey. */
function presenceKey(subject: string): string {
  return subject.startsWith('meeting:') ? aggregateKey('meeting', subject.slice('meeting:'.length), 'presence') : keys.casePresence(subject);
}

interface PresenceRecord extends Viewer {
  expiresAt: number;
}

export class Presence {
  constructor(private readonly redis: RedisClient) {}

  async enter(caseId: string, socketId: string, viewer: Viewer): Promise<void> {
    const record: PresenceRecord = { ...viewer, expiresAt: Date.now() + PRESENCE_TTL_MS };
    await this.redis.hset(presenceKey(caseId), socketId, JSON.stringify(record));
  }

  async leave(caseId: string, socketId: string): Promise<void> {
    await this.redis.hdel(presenceKey(caseId), socketId);
  }

  /** Viewers now, one per user, dropping (and deleting) expired records. */
  async viewers(caseId: string): Promise<Viewer[]> {
    const all = await this.redis.hgetall(presenceKey(caseId));
    const now = Date.now();
    const byUser = new Map<string, Viewer>();
    const expired: string[] = [];
    for (const [socketId, json] of Object.entries(all)) {
      const { expiresAt, ...viewer } = JSON.parse(json) as PresenceRecord;
      if (expiresAt < now) expired.push(socketId);
      else byUser.set(viewer.userId, viewer);
    }
    if (expired.length) await this.redis.hdel(presenceKey(caseId), ...expired);
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** The sockets' side of presence: entering and leaving tells the room, disconnecting leaves everything, a heartbeat keeps this process's viewers alive. */
export class RoomPresence {
  constructor(
    private readonly io: MashServer,
    private readonly presence: Presence,
    private readonly log: Logger,
  ) {}

  /** The socket has the case open: the others in its room are told; the socket gets the viewers in its answer. */
  async enterCase(socket: MashSocket, caseId: string): Promise<Viewer[]> {
    socket.data.cases.add(caseId);
    await this.presence.enter(caseId, socket.id, socket.data.actor);
    const viewers = await this.presence.viewers(caseId);
    socket.to(rooms.case(caseId)).emit('case.presence', { caseId, viewers });
    return viewers;
  }

  async leaveCase(socket: MashSocket, caseId: string): Promise<void> {
    socket.data.cases.delete(caseId);
    await this.presence.leave(caseId, socket.id);
    await this.publishCase(caseId);
  }

  /** The socket has the meeting open: the whole room is told, the socket too. */
  async enterMeeting(socket: MashSocket, meetingId: string): Promise<void> {
    socket.data.meetings.add(meetingId);
    await this.presence.enter(meetingPresenceKey(meetingId), socket.id, socket.data.actor);
    await this.publishMeeting(meetingId);
  }

  async leaveMeeting(socket: MashSocket, meetingId: string): Promise<void> {
    socket.data.meetings.delete(meetingId);
    await this.presence.leave(meetingPresenceKey(meetingId), socket.id);
    await this.publishMeeting(meetingId);
  }

  /** A socket went away: it leaves every case and meeting it had open (its rooms it leaves by itself). */
  disconnected(socket: MashSocket): void {
    for (const meetingId of socket.data.meetings) {
      this.presence
        .leave(meetingPresenceKey(meetingId), socket.id)
        .then(() => this.publishMeeting(meetingId))
        .catch((error: unknown) => this.log.warn({ err: error }, 'presence cleanup failed'));
    }
    for (const caseId of socket.data.cases) {
      this.presence
        .leave(caseId, socket.id)
        .then(() => this.publishCase(caseId))
        .catch((error: unknown) => this.log.warn({ err: error }, 'presence cleanup failed'));
    }
  }

  /** Keep this process's viewers alive in the shared presence records. */
  keepAlive(): { stop: () => void } {
    const heartbeat = setInterval(() => {
      for (const socket of this.io.of('/').sockets.values()) {
        for (const caseId of socket.data.cases ?? []) {
          this.presence.enter(caseId, socket.id, socket.data.actor).catch(() => undefined);
        }
        for (const meetingId of socket.data.meetings ?? []) {
          this.presence.enter(meetingPresenceKey(meetingId), socket.id, socket.data.actor).catch(() => undefined);
        }
      }
    }, PRESENCE_TTL_MS / 3);
    heartbeat.unref();
    return { stop: () => clearInterval(heartbeat) };
  }

  private async publishCase(caseId: string): Promise<void> {
    this.io.to(rooms.case(caseId)).emit('case.presence', { caseId, viewers: await this.presence.viewers(caseId) });
  }

  private async publishMeeting(meetingId: string): Promise<void> {
    this.io.to(rooms.meeting(meetingId)).emit('meeting.presence', { meetingId, viewers: await this.presence.viewers(meetingPresenceKey(meetingId)) });
  }
}
