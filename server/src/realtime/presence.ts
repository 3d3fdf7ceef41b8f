/**
 * Who has a case open now, across every server process: a Redis hash per case of socket id →
 * viewer, each with an expiry that its process refreshes, so a crashed process's viewers fade out.
 */
import type { RedisClient } from '../redis.ts';
import type { Viewer } from '@mashboard/shared';
import { aggregateKey, keys } from '../store/keys.ts';

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
