/**
 * Server-side sessions in Redis behind an httpOnly cookie. Redis holds only a hash of the session
 * id, so a copy of the database does not hand out live sessions. Owns the `mash:{sessions}:*` keys
 * (one slot: a session and its user's set of sessions change in one transaction).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { execAll, type RedisClient } from '../redis.ts';
import { keys } from '../store/keys.ts';

/**
 * The session cookie's name. Sent only over HTTPS it takes the `__Host-` prefix, which browsers
 * accept only with Secure, Path=/ and no Domain: no other host or path can set or shadow it.
 */
export const sessionCookieName = (secure: boolean): string => (secure ? '__Host-mash.sid' : 'mash.sid');

export interface Session {
  /** Hash of the cookie value: the session's identity inside the server (rooms, logs). */
  key: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
}

export function sessionKeyOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue).digest('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export class Sessions {
  readonly cookieName: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
    /** Cookies only over HTTPS (production): the cookie takes the `__Host-` prefix. */
    cookieSecure = false,
  ) {
    this.cookieName = sessionCookieName(cookieSecure);
  }

  /** How often a busy socket refreshes its session: often enough that activity always counts. */
  touchEveryMs(): number {
    return Math.min(60_000, this.idleMs / 3);
  }

  absoluteSeconds(): number {
    return this.absoluteMs / 1000;
  }

  /** Start a new session (always a new id at sign-in); returns the cookie value. */
  async start(userId: string): Promise<{ cookieValue: string; session: Session }> {
    const cookieValue = randomBytes(32).toString('base64url');
    const session: Session = {
      key: sessionKeyOf(cookieValue),
      userId,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: Date.now(),
    };
    await execAll(
      this.redis
        .multi()
        .hset(keys.session(session.key), { userId, csrfToken: session.csrfToken, createdAt: String(session.createdAt) })
        .pexpire(keys.session(session.key), this.ttlFrom(session.createdAt))
        .sadd(keys.userSessions(userId), session.key),
    );
    return { cookieValue, session };
  }

  /** The live session for a cookie value, refreshing its idle timeout; null when absent or expired. */
  async resume(cookieValue: string | undefined): Promise<Session | null> {
    if (!cookieValue || cookieValue.length > 100) return null;
    const key = sessionKeyOf(cookieValue);
    const h = await this.redis.hgetall(keys.session(key));
    if (!h.userId) return null;
    const createdAt = Number(h.createdAt);
    if (Date.now() - createdAt > this.absoluteMs) {
      await this.end(key, h.userId);
      return null;
    }
    await this.redis.pexpire(keys.session(key), this.ttlFrom(createdAt));
    return { key, userId: h.userId, csrfToken: h.csrfToken!, createdAt };
  }

  /** The user did something (over a socket): restart the idle timeout, unless the session has ended. */
  async touch(key: string): Promise<void> {
    const createdAt = Number(await this.redis.hget(keys.session(key), 'createdAt'));
    if (!createdAt) return; // ended meanwhile
    await this.redis.pexpire(keys.session(key), this.ttlFrom(createdAt));
  }

  /** The idle timeout, but never past the absolute end: sockets of a session end with its key. */
  private ttlFrom(createdAt: number): number {
    return Math.max(1, Math.min(this.idleMs, createdAt + this.absoluteMs - Date.now()));
  }

  /** Is the session still live (without refreshing it)? */
  async isLive(key: string): Promise<boolean> {
    return (await this.redis.exists(keys.session(key))) === 1;
  }

  /** End every session of a user (disabled, re-roled, password reset); returns their keys. */
  async endAllFor(userId: string): Promise<string[]> {
    const sessionKeys = await this.redis.smembers(keys.userSessions(userId));
    const tx = this.redis.multi();
    for (const key of sessionKeys) tx.del(keys.session(key));
    await execAll(tx.del(keys.userSessions(userId)));
    return sessionKeys;
  }

  /** Which of these sessions still exist (one round trip). */
  async liveOf(sessionKeys: string[]): Promise<Set<string>> {
    if (sessionKeys.length === 0) return new Set();
    const tx = this.redis.pipeline();
    for (const key of sessionKeys) tx.exists(keys.session(key));
    // A failed look-up (Redis away) throws: it says nothing about a session, never "ended".
    const replies = await execAll(tx);
    return new Set(sessionKeys.filter((_, i) => replies[i] === 1));
  }

  async end(key: string, userId: string): Promise<void> {
    await execAll(this.redis.multi().del(keys.session(key)).srem(keys.userSessions(userId), key));
  }
}
