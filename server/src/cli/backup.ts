/**
 * `npm run backup -- --to /backups [--redis-dir /data]`: a consistent snapshot of the Redis that
 * holds the record, copied to a backup folder. It asks Redis for a background save (BGSAVE, or
 * scheduled after an AOF rewrite in progress), waits until LASTSAVE moves past the time it asked
 * and the save reports ok, then copies the RDB file the save wrote (from Redis's own `dir`, or
 * `--redis-dir` where that folder is mounted here) to `<to>/mashboard-<time>.rdb` with its SHA-256
 * beside it. The target is checked first: a folder that is missing or not writable is refused
 * before Redis is asked for anything. Exit 0 when the copy is complete, 2 otherwise, saying why.
 * Restoring is in the README (Operations, Backups); `test/integration/backup-restore.test.ts`
 * restores a backup into a fresh redis-server and checks cases, audit chain and deadlines.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { loadConfig } from '../config.ts';
import { connectRedis, describeTarget, redisReady } from '../redis.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

class BackupError extends Error {}

/** The backup folder exists and this process may write there. */
async function checkTarget(to: string): Promise<void> {
  const info = await stat(to).catch(() => null);
  if (!info) throw new BackupError(`Backup target ${to} does not exist (or cannot be reached): create it or mount it, then run again. Nothing was saved.`);
  if (!info.isDirectory()) throw new BackupError(`Backup target ${to} is not a folder. Nothing was saved.`);
  await access(to, constants.W_OK).catch(() => {
    throw new BackupError(`Backup target ${to} is not writable by this user. Nothing was saved.`);
  });
}

async function lastSave(redis: Redis): Promise<number> {
  return Number(await redis.lastsave());
}

function persistenceField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/** Ask for a background save and wait for it to finish: LASTSAVE moves past `before` and the save said ok. */
async function snapshot(redis: Redis, timeoutMs: number): Promise<number> {
  const before = await lastSave(redis);
  // LASTSAVE has one-second resolution: a save in the same second as the last would not show.
  while (Math.floor(Date.now() / 1000) <= before) await new Promise((r) => setTimeout(r, 100));
  // SCHEDULE: if an AOF rewrite is running, the save starts as soon as it ends instead of failing.
  const reply = await redis.call('BGSAVE', 'SCHEDULE').catch((error: Error) => {
    if (/already in progress/i.test(error.message)) return 'in progress';
    throw error;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [saved, info] = await Promise.all([lastSave(redis), redis.info('persistence')]);
    const inProgress = persistenceField(info, 'rdb_bgsave_in_progress') === '1';
    if (saved > before && !inProgress) {
      const status = persistenceField(info, 'rdb_last_bgsave_status');
      if (status !== 'ok') throw new BackupError(`Redis's background save failed (rdb_last_bgsave_status: ${status}); check the Redis log and disk space.`);
      return saved;
    }
    if (Date.now() > deadline) throw new BackupError(`Redis did not finish its background save within ${timeoutMs / 1000} s (BGSAVE answered: ${String(reply)}).`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { to: { type: 'string' }, 'redis-dir': { type: 'string' }, 'timeout-seconds': { type: 'string' } } });
  const to = values.to ?? process.env.MASH_BACKUP_DIR;
  if (!to) throw new BackupError('Say where to put the backup: --to /path/to/backups (or MASH_BACKUP_DIR).');
  const timeoutMs = Number(values['timeout-seconds'] ?? 600) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new BackupError('--timeout-seconds must be a positive number.');
  await checkTarget(to);

  const config = loadConfig();
  if (config.redis.kind === 'cluster') {
    throw new BackupError('REDIS_CLUSTER_NODES is set: back up each master on its own host (REDIS_URL=redis://<master> npm run backup -- --to …), at the same time.');
  }
  const redis = connectRedis(config.redis, 'backup', { failFast: true }) as Redis;
  redis.on('error', () => undefined); // reported below, once, in plain words
  try {
    await redisReady(redis, 10_000).catch(() => {
      throw new BackupError(`Redis at ${describeTarget(config.redis)} did not answer within 10 s. Nothing was saved.`);
    });
    const [dirReply, fileReply] = await Promise.all([redis.config('GET', 'dir') as Promise<string[]>, redis.config('GET', 'dbfilename') as Promise<string[]>]);
    const source = path.join(values['redis-dir'] ?? dirReply[1]!, fileReply[1]!);
    const savedAt = await snapshot(redis, timeoutMs);
    const stamp = new Date(savedAt * 1000).toISOString().replace(/[:.]/g, '-');
    const target = path.join(to, `mashboard-${stamp}.rdb`);
    // Copied under a temporary name and renamed: a backup file that exists is always whole.
    await copyFile(source, `${target}.partial`).catch((error: NodeJS.ErrnoException) => {
      throw new BackupError(
        error.code === 'ENOENT' || error.code === 'EACCES'
          ? `Cannot read Redis's snapshot at ${source} (${error.code}): run the backup where Redis's data folder is mounted, or give it with --redis-dir.`
          : `Copying the snapshot to ${to} failed: ${error.message}`,
      );
    });
    await rename(`${target}.partial`, target);
    const digest = createHash('sha256')
      .update(await readFile(target))
      .digest('hex');
    await writeFile(`${target}.sha256`, `${digest}  ${path.basename(target)}\n`);
    const { size } = await stat(target);
    say(`Backup written: ${target} (${size} bytes, Redis saved it at ${new Date(savedAt * 1000).toISOString()}, sha256 ${digest})`);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof BackupError ? error.message : `Backup failed: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exitCode = 2;
});
