/**
 * The whole product on a real 3-master Redis Cluster: two web processes (MASH_WORKER=off) and a
 * deadline worker in its own process, all with REDIS_CLUSTER_NODES. Sign-in, cases, live fan-out
 * across processes, deadline alerts, the audit chain, restart catch-up and the durability check.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, Alert, CaseSummary, CommandResult, JoinResult, TimelinessPolicy } from '@mashboard/shared';
import { checkDurability, connectRedis, type RedisTarget } from '../../server/src/redis.ts';
import { connectSocket, disconnected, expectResult, Inbox, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { runCli } from '../support/cli.ts';
import { startRedisCluster, type RedisClusterHandle } from '../support/redis-cluster.ts';
import { startServer, type ServerHandle } from '../support/server.ts';
import { startWorker, type WorkerHandle } from '../support/worker.ts';

let cluster: RedisClusterHandle;
let a: ServerHandle;
let b: ServerHandle;
let worker: WorkerHandle;
const sockets: MashSocket[] = [];

beforeAll(async () => {
  cluster = await startRedisCluster();
  const web = { redisClusterNodes: cluster.nodes, env: { MASH_WORKER: 'off' } };
  a = await startServer(web);
  b = await startServer(web);
  worker = await startWorker({ redisClusterNodes: cluster.nodes });
}, 180_000);

afterAll(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.allSettled([a?.stop(), b?.stop(), worker?.stop()]);
  await cluster?.dispose();
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    const logs = [`--- server A ---\n${a?.output()}`, `--- server B ---\n${b?.output()}`, `--- worker ---\n${worker?.output()}`, cluster?.output()];
    console.error(`\n===== process output for the failed test =====\n${logs.join('\n').slice(-8_000)}`);
  });
});

async function socketOn(server: ServerHandle, session: Session): Promise<MashSocket> {
  const socket = await connectSocket(server.baseUrl, session);
  sockets.push(socket);
  return socket;
}

async function join(socket: MashSocket, caseId: string, afterEventId?: string): Promise<JoinResult> {
  const ack = await rawEmit<Ack<JoinResult>>(socket, 'case.join', afterEventId ? { caseId, afterEventId } : { caseId });
  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
  return ack.result;
}

/** Runs a CLI (`server/src/cli/<name>.ts`) against the cluster; resolves with its exit code and output. */
const onCluster = (name: string, args: string[] = [], env: Record<string, string> = {}) => runCli(name, args, { REDIS_CLUSTER_NODES: cluster.nodes, ...env });

describe('Mashboard on a 3-master Redis Cluster', () => {
  it('the cluster serves every slot from three masters, and the app’s keys are spread over them', async () => {
    for (const m of cluster.masters) {
      expect(await rawRedisCommand(m.port, ['CLUSTER', 'INFO'])).toContain('cluster_known_nodes:3');
    }
    // The demo data (users, sessions, agencies, audit, cases) was written through the cluster client.
    const sizes = await Promise.all(cluster.masters.map(async (m) => Number((await rawRedisCommand(m.port, ['DBSIZE'])).replace(/\D/g, ''))));
    expect(sizes.reduce((x, y) => x + y, 0)).toBeGreaterThan(0);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('signs in, opens a case on server A, and a contribution made on A is seen live on a socket of server B', async () => {
    const evansOnA = await signIn(a.baseUrl, 'pc.evans');
    const okaforOnB = await signIn(b.baseUrl, 'sw.okafor');
    const caseId = expectResult(await rest(a.baseUrl, evansOnA).command('case.open', openCasePayload())).caseId;
    const board = new Inbox(await socketOn(b, okaforOnB));
    await join(board.socket, caseId);

    const payload = factPayload(caseId, { text: 'Added on server A, seen on server B' });
    const result = expectResult(await rest(a.baseUrl, evansOnA).command('contribution.add', payload));
    const event = await board.waitForEvent((e) => e.commandId === payload.commandId);
    expect(event).toMatchObject({ caseId, seq: result.version, id: result.lastEventId });
    // A session started on A is accepted on B: sessions live in the cluster.
    expect((await rest(b.baseUrl, evansOnA).get('/api/cases')).status).toBe(200);
  });

  it('a Red rating made on server A raises its deadline alert through the separate worker, live on a socket of server B', async () => {
    const admin = await signIn(a.baseUrl, 'admin.demo');
    const leadOnA = await signIn(a.baseUrl, 'lead.hughes');
    const current = (await rest(a.baseUrl, admin).get<{ policy: TimelinessPolicy }>('/api/timeliness-policy')).body.policy;
    const { version, ...policy } = structuredClone(current);
    policy.ratings.red = { decisionWithinHours: 3 / 3600, basis: 'clock', warnAtFraction: 0.5 };
    const res = await fetch(`${a.baseUrl}/api/timeliness-policy`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: a.baseUrl },
      body: JSON.stringify({ expectedVersion: version, policy }),
    });
    expect(res.status).toBe(200);

    const leadOnB = await socketOn(b, await signIn(b.baseUrl, 'lead.hughes'));
    const raised: Alert[] = [];
    leadOnB.on('alert.raised', (alert) => raised.push(alert));

    const opened = expectResult(await rest(a.baseUrl, leadOnA).command('case.open', { ...openCasePayload(), receivedAt: new Date().toISOString() }));
    const summary: CaseSummary = (await rest(a.baseUrl, leadOnA).view(opened.caseId)).summary;
    expectResult(
      await rest(a.baseUrl, leadOnA).command('rating.set', { commandId: newCommandId(), caseId: summary.id, expectedVersion: summary.version, rating: 'red', reason: 'rated red on the cluster' }),
    );
    const breach = await waitUntil('breach alert on server B', () => raised.find((x) => x.caseId === summary.id && x.kind === 'breach'), { timeoutMs: 30_000 });
    expect(breach.recipients).toContain(leadOnA.user.userId);
    expect(raised.filter((x) => x.id === breach.id)).toHaveLength(1);
  });

  it('`npm run user:create` and `npm run audit:verify` run against the cluster', async () => {
    const created = await onCluster('users', ['--username', 'cluster.user', '--name', 'Cluster User', '--agency', 'health', '--role', 'practitioner'], {
      MASH_NEW_USER_PASSWORD: 'cluster-password-1',
    });
    expect(created, created.output).toMatchObject({ code: 0 });
    expect((await signIn(b.baseUrl, 'cluster.user', 'cluster-password-1')).user.agency).toBe('health');

    const verified = await onCluster('audit-verify');
    expect(verified, verified.output).toMatchObject({ code: 0 });
    const checked = Number(/intact: (\d+) entries/.exec(verified.output)?.[1] ?? 0);
    expect(checked).toBeGreaterThan(0);
  });

  it('a board on a restarted server B catches up on what it missed, with no gap and no double', async () => {
    const evansOnA = await signIn(a.baseUrl, 'pc.evans');
    const okaforOnB = await signIn(b.baseUrl, 'sw.okafor');
    const caseId = expectResult(await rest(a.baseUrl, evansOnA).command('case.open', openCasePayload())).caseId;
    const before = await socketOn(b, okaforOnB);
    const lastSeen = (await join(before, caseId)).view!.summary;

    const restarting = b.restart();
    await disconnected(before);
    const written: CommandResult[] = [];
    for (let i = 0; i < 6; i++) {
      written.push(expectResult(await rest(a.baseUrl, evansOnA).command('contribution.add', factPayload(caseId, { text: `Missed while B restarted #${i + 1}` }))));
    }
    await restarting;

    const board = new Inbox(await socketOn(b, okaforOnB));
    const caughtUp = await join(board.socket, caseId, lastSeen.lastEventId);
    expect(caughtUp.more).toBe(false);
    expect(caughtUp.events.map((e) => e.seq)).toEqual(written.map((_, i) => lastSeen.version + 1 + i));
    expect(caughtUp.events.map((e) => e.id)).toEqual(written.map((w) => w.lastEventId));

    // And it carries on live from there, through the restarted process's adapter.
    const next = factPayload(caseId, { text: 'After the restart' });
    const result = expectResult(await rest(a.baseUrl, evansOnA).command('contribution.add', next));
    const event = await board.waitForEvent((e) => e.commandId === next.commandId);
    expect(event.seq).toBe(lastSeen.version + written.length + 1);
    expect(result.version).toBe(event.seq);
    expect(board.eventsFor(caseId).map((e) => e.seq)).toEqual([event.seq]);
  });

  it('the durability check runs on every master and names the one with appendfsync everysec', async () => {
    const target: RedisTarget = { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: cluster.masters[0]!.port }] };
    const redis = connectRedis(target, 'test-durability');
    const lax = cluster.masters[1]!;
    try {
      const good = await checkDurability(redis);
      expect(good.nodes.map((n) => n.node).sort()).toEqual(cluster.masters.map((m) => `127.0.0.1:${m.port}`).sort());
      expect(good.problems).toEqual([]);

      expect(await rawRedisCommand(lax.port, ['CONFIG', 'SET', 'appendfsync', 'everysec'])).toContain('OK');
      const report = await checkDurability(redis);
      expect(report.problems).toEqual([`master 127.0.0.1:${lax.port}: appendfsync is everysec: an acknowledged write can be lost in a crash (set appendfsync always)`]);
    } finally {
      await rawRedisCommand(lax.port, ['CONFIG', 'SET', 'appendfsync', 'always']);
      redis.disconnect();
    }
  });
});
