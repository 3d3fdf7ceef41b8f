/**
 * A backup is only as good as its restore: `npm run backup` takes a consistent snapshot of the
 * live Redis, and that file, restored into a fresh redis-server, brings back every case, an audit
 * chain that verifies, and the deadlines with their jobs. A backup target that cannot be written,
 * or a Redis that does not answer, is refused saying so.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary } from '@mashboard/shared';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { runCli } from '../support/cli.ts';
import { newCommandId, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { startServer, type ServerHandle } from '../support/server.ts';

const DELAYED_JOBS = 'mash:{bull}:deadlines:delayed';

describe('backup and restore', () => {
  let world: World;
  let backups: string;
  let restored: RedisHandle | undefined;
  let restoredServer: ServerHandle | undefined;

  beforeAll(async () => {
    world = await startWorld({ redis: { aof: true } });
    backups = await mkdtemp(path.join(os.tmpdir(), 'mash-backups-'));
  });

  afterAll(async () => {
    await restoredServer?.stop();
    await restored?.dispose();
    await world?.dispose();
    await rm(backups, { recursive: true, force: true });
  });

  it('restores into a fresh redis-server: the cases, an audit chain that verifies, and the deadlines with their jobs', async () => {
    const lead = await signIn(world.baseUrl, 'lead.hughes');
    const api = rest(world.baseUrl, lead);
    const opened = expectResult(await api.command('case.open', openCasePayload()));
    expectResult(await api.command('rating.set', { commandId: newCommandId(), caseId: opened.caseId, expectedVersion: opened.version, rating: 'red', reason: 'Bruising to a baby' }));
    const casesBefore = (await api.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases;
    const redBefore = (await api.view(opened.caseId)).summary;
    expect(redBefore.deadlines.filter((d) => d.state === 'open').length).toBeGreaterThan(0);
    const live = new Redis(world.redis.url);
    const jobsBefore = await live.zrange(DELAYED_JOBS, 0, -1);
    live.disconnect();
    expect(jobsBefore.length).toBeGreaterThan(0);

    const backup = await runCli('backup', ['--to', backups], { REDIS_URL: world.redis.url });
    expect(backup, backup.output).toMatchObject({ code: 0 });
    expect(backup.output).toMatch(/Backup written: .*mashboard-.*\.rdb \(\d+ bytes/);
    const files = await readdir(backups);
    const rdb = files.find((f) => f.endsWith('.rdb'))!;
    expect(files).toEqual(expect.arrayContaining([rdb, `${rdb}.sha256`]));
    expect(files.some((f) => f.endsWith('.partial'))).toBe(false);
    const digest = createHash('sha256')
      .update(await readFile(path.join(backups, rdb)))
      .digest('hex');
    expect(await readFile(path.join(backups, `${rdb}.sha256`), 'utf8')).toBe(`${digest}  ${rdb}\n`);

    // The live system goes away entirely; a fresh redis-server starts from the backup file alone,
    // then turns AOF on (as the README's restore steps do), writing the data set into the AOF.
    await world.dispose();
    restored = await startRedis({ aof: false, extraArgs: ['--dir', backups, '--dbfilename', rdb] });
    const fresh = new Redis(restored.url);
    try {
      await fresh.config('SET', 'appendonly', 'yes');
      await waitUntil('the AOF written from the restored data', async () => {
        const info = await fresh.info('persistence');
        return /aof_enabled:1/.test(info) && /aof_rewrite_in_progress:0/.test(info) && /aof_rewrite_scheduled:0/.test(info);
      });
      expect(await fresh.zrange(DELAYED_JOBS, 0, -1)).toEqual(expect.arrayContaining(jobsBefore));
    } finally {
      fresh.disconnect();
    }

    const verified = await runCli('audit-verify', [], { REDIS_URL: restored.url });
    expect(verified, verified.output).toMatchObject({ code: 0 });
    expect(verified.output).toMatch(/Audit chain intact: [1-9]\d* entries/);

    restoredServer = await startServer({ redisUrl: restored.url, demo: false });
    const again = rest(restoredServer.baseUrl, await signIn(restoredServer.baseUrl, 'lead.hughes'));
    const casesAfter = (await again.get<{ cases: CaseSummary[] }>('/api/cases')).body.cases;
    expect(casesAfter.map((c) => c.id).sort()).toEqual(casesBefore.map((c) => c.id).sort());
    const redAfter = (await again.view(opened.caseId)).summary;
    expect(redAfter.deadlines).toEqual(redBefore.deadlines);
    expect(redAfter.rating).toEqual(redBefore.rating);
  });
});

describe('a backup that cannot be taken', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis({ aof: false });
  });
  afterAll(async () => redis?.dispose());

  it('refuses a backup target that does not exist or is not a folder, before asking Redis for anything', async () => {
    const missing = await runCli('backup', ['--to', '/nonexistent/mash-backups'], { REDIS_URL: redis.url });
    expect(missing.code).toBe(2);
    expect(missing.output).toMatch(/Backup target \/nonexistent\/mash-backups does not exist \(or cannot be reached\).*Nothing was saved/);
    const file = await runCli('backup', ['--to', '/etc/hostname'], { REDIS_URL: redis.url });
    expect(file.code).toBe(2);
    expect(file.output).toMatch(/Backup target \/etc\/hostname is not a folder/);
    const none = await runCli('backup', [], { REDIS_URL: redis.url });
    expect(none.output).toMatch(/Say where to put the backup: --to/);
  });

  it('says so when Redis does not answer', async () => {
    const target = await mkdtemp(path.join(os.tmpdir(), 'mash-backups-'));
    try {
      await redis.stop();
      const away = await runCli('backup', ['--to', target], { REDIS_URL: redis.url });
      expect(away.code).toBe(2);
      expect(away.output).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ did not answer within 10 s\. Nothing was saved\./);
      expect(await readdir(target)).toEqual([]);
    } finally {
      await rm(target, { recursive: true, force: true });
    }
  });
});
