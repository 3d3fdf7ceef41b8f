/**
 * Data written by earlier versions (untagged user, session, sign-in-failure and agency keys on a
 * standalone Redis) is moved to the hash-tagged names at start-up, once: the user still signs in,
 * their session still works, and a local agency an admin added is still there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { BUILT_IN_AGENCIES } from '@mashboard/shared';
import { hashPassword } from '../../server/src/auth/passwords.ts';
import { sessionKeyOf } from '../../server/src/auth/sessions.ts';
import { createLogger } from '../../server/src/logger.ts';
import { KEY_SCHEMA_MARKER, migrateKeyFamilies } from '../../server/src/store/key-migration.ts';
import { rest, signIn } from '../support/clients.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { startServer, type ServerHandle } from '../support/server.ts';

let redisServer: RedisHandle;
let redis: Redis;
let server: ServerHandle | undefined;

const userId = 'a1b2c3d4-0000-4000-8000-000000000001';
const cookieValue = 'an-old-session-cookie-value-from-before-the-rename';
const sessionKey = sessionKeyOf(cookieValue);

beforeAll(async () => {
  redisServer = await startRedis();
  redis = new Redis(redisServer.url);
  // The layout of earlier versions.
  const agencies = [...BUILT_IN_AGENCIES, { id: 'local-partner', name: 'Local Partner', active: true }];
  await redis.hset('mash:agencies', Object.fromEntries(agencies.map((a) => [a.id, JSON.stringify(a)])));
  await redis.set('mash:agencies:version', '3');
  await redis.hset('mash:users:by-username', 'old.user', userId);
  await redis.hset(`mash:user:${userId}`, {
    id: userId,
    username: 'old.user',
    name: 'Olive Older',
    agency: 'local-partner',
    role: 'practitioner',
    passwordHash: await hashPassword('an-old-password-1'),
    disabled: '0',
  });
  await redis.hset(`mash:session:${sessionKey}`, { userId, csrfToken: 'old-csrf-token', createdAt: String(Date.now()) });
  await redis.pexpire(`mash:session:${sessionKey}`, 600_000);
  await redis.sadd(`mash:user:${userId}:sessions`, sessionKey);
  await redis.set('mash:sign-in-failures:account:old.user', '2', 'EX', 900);
  server = await startServer({ redisUrl: redisServer.url, demo: false });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  redis?.disconnect();
  await redisServer?.dispose();
});

describe('start-up migration of renamed key families', () => {
  it('moves every old key to its tagged name, keeping TTLs, and records that it is done', async () => {
    expect(await redis.keys('mash:user:*')).toEqual([]);
    expect(await redis.exists('mash:users:by-username', 'mash:agencies', 'mash:agencies:version', `mash:session:${sessionKey}`)).toBe(0);
    expect(await redis.hget('mash:{users}:by-username', 'old.user')).toBe(userId);
    expect(await redis.hget(`mash:{users}:user:${userId}`, 'name')).toBe('Olive Older');
    expect(await redis.smembers(`mash:{sessions}:by-user:${userId}`)).toEqual([sessionKey]);
    expect(await redis.pttl(`mash:{sessions}:session:${sessionKey}`)).toBeGreaterThan(0);
    expect(await redis.get('mash:{sessions}:sign-in-failures:account:old.user')).toBe('2');
    expect(await redis.ttl('mash:{sessions}:sign-in-failures:account:old.user')).toBeGreaterThan(0);
    expect(await redis.get('mash:{agencies}:version')).toBe('3');
    expect(await redis.get(KEY_SCHEMA_MARKER)).toBe('2');
  });

  it('the user of before still signs in (with the local agency an admin added), and the old session still works', async () => {
    const session = await signIn(server!.baseUrl, 'old.user', 'an-old-password-1');
    expect(session.user).toMatchObject({ userId, name: 'Olive Older', agency: 'local-partner', agencyName: 'Local Partner' });
    const old = await rest(server!.baseUrl, { ...session, cookie: `mash.sid=${cookieValue}`, csrfToken: 'old-csrf-token' }).get<{ user: { userId: string } }>('/api/session');
    expect(old.status).toBe(200);
    expect(old.body.user.userId).toBe(userId);
  });

  it('runs once: a second run moves nothing, even if an old-style key turns up again', async () => {
    await redis.set('mash:agencies:version', '99');
    expect(await migrateKeyFamilies(redis, createLogger('silent'))).toBe(0);
    expect(await redis.get('mash:{agencies}:version')).not.toBe('99');
    await redis.del('mash:agencies:version');
  });
});
