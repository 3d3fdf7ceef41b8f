/**
 * What was acknowledged is never lost: with AOF `appendfsync always`, acknowledged contributions
 * survive a crash of Redis (SIGKILL) and a restart of the server process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, CommandResult, ContributionEntry } from '@mashboard/shared';
import { command, connectSocket, expectResult, rest, signIn, type ErrorBody, type Rest, type Session } from '../support/clients.ts';
import { factPayload, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld({ redis: { aof: true } });

let evans: Session;
let asEvans: Rest;

/** Signs in again if the session did not survive (it lives in Redis, so it should). */
async function readable(caseId: string): Promise<Rest> {
  return waitUntil(
    'case readable after restart',
    async () => {
      const res = await asEvans.get(`/api/cases/${caseId}`);
      return res.status === 200 ? asEvans : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

beforeAll(async () => {
  evans = await signIn(world.current.baseUrl, 'pc.evans');
  asEvans = rest(world.current.baseUrl, evans);
});

describe('durability', () => {
  it('the Redis we test against really runs AOF with appendfsync always', async () => {
    const reply = await rawRedisCommand(world.current.redis.port, ['CONFIG', 'GET', 'appendfsync']);
    expect(reply).toContain('always');
    const aof = await rawRedisCommand(world.current.redis.port, ['CONFIG', 'GET', 'appendonly']);
    expect(aof).toContain('yes');
  });

  it('acknowledged contributions survive Redis being killed (SIGKILL) and restarted', async () => {
    const caseId = expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
    const socket = await connectSocket(world.current.baseUrl, evans);
    const acknowledged: { result: CommandResult; text: string }[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const text = `Acknowledged before the crash #${i + 1}`;
        acknowledged.push({ result: await command(socket, 'contribution.add', factPayload(caseId, { text })), text });
      }
    } finally {
      socket.close();
    }
    const last = acknowledged[acknowledged.length - 1]!.result;

    await world.current.redis.kill();
    await world.current.redis.restart();

    const api = await readable(caseId);
    const view = await api.view(caseId);
    expect(view.summary.version).toBe(last.version);
    expect(view.summary.lastEventId).toBe(last.lastEventId);
    for (const { result, text } of acknowledged) {
      const entry = view.entries.find((e) => e.id === result.entryId) as ContributionEntry | undefined;
      expect(entry?.versions[0]?.content.text).toBe(text);
    }

    // And the board carries on: the next event follows on with no gap.
    const next = await waitUntil(
      'a write after redis restart',
      async () => {
        const res = await api.command('contribution.add', factPayload(caseId, { text: 'After the crash' }));
        return res.status === 201 ? (res.body as CommandResult) : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(next.version).toBe(last.version + 1);
    expect(await world.current.server.health()).toBe(200);
  });

  it('acknowledged contributions survive a restart of the server process, and the demo seed does not duplicate or wipe them', async () => {
    const caseId = expectResult(await asEvans.command('case.open', openCasePayload())).caseId;
    const written: CommandResult[] = [];
    for (let i = 0; i < 5; i++) written.push(expectResult(await asEvans.command('contribution.add', factPayload(caseId))));
    const casesBefore = (await asEvans.get<{ cases: { id: string }[] }>('/api/cases')).body.cases.map((c) => c.id).sort();

    await world.current.server.restart();

    const api = await readable(caseId).catch(async () => {
      // A session that did not survive a restart is a finding of its own, but the data test goes on.
      evans = await signIn(world.current.baseUrl, 'pc.evans');
      asEvans = rest(world.current.baseUrl, evans);
      return asEvans;
    });
    const view = await api.view(caseId);
    expect(view.summary.version).toBe(written[written.length - 1]!.version);
    expect(view.entries.map((e) => e.id)).toEqual(written.map((w) => w.entryId));
    const casesAfter = (await api.get<{ cases: { id: string }[] }>('/api/cases')).body.cases.map((c) => c.id).sort();
    expect(casesAfter).toEqual(casesBefore);
  });

  it('a session survives a restart of the server process (sessions live in Redis)', async () => {
    const session = await signIn(world.current.baseUrl, 'sw.okafor');
    await world.current.server.restart();
    const res = await rest(world.current.baseUrl, session).get('/api/cases');
    expect(res.status).toBe(200);
  });
});

describe('when Redis is away', () => {
  let away: World;
  beforeAll(async () => {
    away = await startWorld({ redis: { aof: true } });
  });
  afterAll(async () => away?.dispose());

  it('says so at once (503 unavailable, nothing saved), applies nothing behind the client’s back, and still stops on SIGTERM', async () => {
    const session = await signIn(away.baseUrl, 'pc.evans');
    const api = rest(away.baseUrl, session);
    const caseId = expectResult(await api.command('case.open', openCasePayload())).caseId;
    const before = (await api.view(caseId)).summary.version;
    const socket = await connectSocket(away.baseUrl, session);
    let ended = false;
    socket.on('session.ended', () => (ended = true));
    await away.redis.kill();

    // Health and a read answer within the fetch's limit instead of hanging.
    const health = await fetch(`${away.baseUrl}/api/health`, { signal: AbortSignal.timeout(3_000) });
    expect(health.status).toBe(503);
    const read = await fetch(`${away.baseUrl}/api/cases/${caseId}`, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(10_000) });
    expect(read.status).toBe(503);
    expect(((await read.json()) as ErrorBody).error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('nothing was saved') });
    const payload = factPayload(caseId, { text: 'Sent while the case store was away' });
    const write = await api.command('contribution.add', payload);
    expect(write.status).toBe(503);

    // Back: the write was not applied later by itself; the client's resend (same commandId) is applied once.
    await away.redis.restart();
    const view = await waitUntil(
      'readable again',
      async () => {
        const res = await api.get<CaseView>(`/api/cases/${caseId}`);
        return res.status === 200 ? res.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(view.summary.version).toBe(before);
    // An outage is not a sign-out: the session watcher could not look, so it ended nobody's session.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(ended).toBe(false);
    expect(socket.connected).toBe(true);
    socket.close();
    const resent = await api.command('contribution.add', payload);
    expect(resent.status).toBe(201);
    expect((resent.body as CommandResult).duplicate).toBe(false);
    expect((await api.command('contribution.add', payload)).body).toMatchObject({ duplicate: true });

    // Away again, a SIGTERM still ends the process.
    await away.redis.kill();
    process.kill(away.server.pid!, 'SIGTERM');
    await waitUntil('the server process ended', () => (away.server.running() ? undefined : true), { timeoutMs: 20_000, intervalMs: 200 });
    await away.redis.restart();
  });
});
