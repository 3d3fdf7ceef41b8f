/**
 * One-time move of keys written by earlier versions (untagged users, sessions, sign-in failures and
 * agencies) to their hash-tagged names, so data kept on a standalone Redis stays readable.
 * RENAMENX moves a key only if the old one exists and the new one does not (TTLs are kept), so a
 * second run, or two processes starting at once, change nothing. Done once per database: the
 * schema marker records it. Not on a cluster: those were never written there (a RENAME across
 * slots is refused anyway).
 */
import { agencyKeys } from '../admin/agencies.ts';
import type { Logger } from '../logger.ts';
import { isCluster, type RedisClient } from '../redis.ts';
import { keys } from './keys.ts';

/** Set once the renames below are done. */
export const KEY_SCHEMA_MARKER = 'mash:schema:key-families';
export const KEY_SCHEMA_VERSION = '2';

/** The new name of a key of the old layout, or null if it is not one. */
export function renamedKey(old: string): string | null {
  if (old === 'mash:users:by-username') return keys.usersByUsername();
  if (old === 'mash:agencies') return agencyKeys.list();
  if (old === 'mash:agencies:version') return agencyKeys.version();
  let m = /^mash:user:([^:{}]+):sessions$/.exec(old);
  if (m) return keys.userSessions(m[1]!);
  m = /^mash:user:([^:{}]+)$/.exec(old);
  if (m) return keys.user(m[1]!);
  m = /^mash:session:([^{}]+)$/.exec(old);
  if (m) return keys.session(m[1]!);
  m = /^mash:sign-in-failures:([^{}]+)$/.exec(old);
  if (m) return keys.signInFailures(m[1]!);
  return null;
}

const OLD_PATTERNS = ['mash:user:*', 'mash:session:*', 'mash:sign-in-failures:*', 'mash:users:by-username', 'mash:agencies', 'mash:agencies:version'];

/** Run before anything reads or writes these families; returns how many keys were moved. */
export async function migrateKeyFamilies(redis: RedisClient, log: Logger): Promise<number> {
  if (isCluster(redis)) return 0;
  if ((await redis.get(KEY_SCHEMA_MARKER)) === KEY_SCHEMA_VERSION) return 0;
  let moved = 0;
  for (const match of OLD_PATTERNS) {
    for await (const batch of redis.scanStream({ match, count: 1000 }) as AsyncIterable<string[]>) {
      for (const old of batch) {
        const renamed = renamedKey(old);
        if (!renamed) continue;
        try {
          moved += await redis.renamenx(old, renamed);
        } catch (error) {
          // Gone meanwhile (expired, or moved by another process starting at the same time).
          if (!String(error).includes('no such key')) throw error;
        }
      }
    }
  }
  await redis.set(KEY_SCHEMA_MARKER, KEY_SCHEMA_VERSION);
  if (moved > 0) log.info({ moved }, 'moved users, sessions and agencies to their hash-tagged key names');
  return moved;
}
