/**
 * Need-to-know and the audit: restricted entries reach only the agencies allowed, on every path;
 * a protected referrer stays protected; refused reads are audited; the audit chain detects
 * tampering; a disabled user's sockets close at once; floods and guessing are throttled; case
 * content never reaches the application log.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, Alert, AuditRecord, CaseEvent, JoinResult } from '@mashboard/shared';
import { connectSocket, disconnected, expectResult, Inbox, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { REPO_ROOT } from '../support/server.ts';

const run = promisify(execFile);
const SECRET = 'Intelligence: subject seen at 14 Larch Row with a known offender';
const LOG_MARKER = 'marker-7f3a-never-log-this';

async function verifyAudit(world: World): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/audit-verify.ts'], { cwd: REPO_ROOT, env: { ...process.env, REDIS_URL: world.redis.url } });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function eventuallyLogged(done: () => boolean): Promise<void> {
  for (let i = 0; i < 40 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
}

describe('need-to-know and audit', () => {
  let world: World;
  let police: Session;
  let health: Session;
  const sockets: MashSocket[] = [];

  beforeAll(async () => {
    world = await startWorld({ server: { env: { LOG_LEVEL: 'debug' } } });
    [police, health] = await Promise.all([signIn(world.baseUrl, 'pc.evans'), signIn(world.baseUrl, 'hv.patel')]);
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await world?.dispose();
  });

  async function joined(session: Session, caseId: string) {
    const socket = await connectSocket(world.baseUrl, session);
    sockets.push(socket);
    const inbox = new Inbox(socket);
    const ack = await rawEmit<{ ok: true; result: { view: { summary: { lastEventId: string } } } }>(socket, 'case.join', { caseId });
    return { socket, inbox, lastEventId: ack.result.view.summary.lastEventId };
  }

  it('a restricted entry reaches only the allowed agency, live, over REST and in catch-up after a reconnect', async () => {
    const { caseId } = expectResult(await rest(world.baseUrl, police).command('case.open', openCasePayload()));
    const policeBoard = await joined(police, caseId);
    const healthBoard = await joined(health, caseId);
    healthBoard.socket.disconnect(); // health comes back later and catches up

    const added = expectResult(await rest(world.baseUrl, police).command('contribution.add', { ...factPayload(caseId), text: SECRET, restrictedTo: ['police'] }));
    const full = await policeBoard.inbox.waitForEvent((e) => e.type === 'contribution.added');
    expect(full.type === 'contribution.added' && full.data.content?.text).toBe(SECRET);

    // REST: health sees that police recorded something, and when, never what or who.
    const view = await rest(world.baseUrl, health).view(caseId);
    const entry = view.entries.find((e) => e.id === added.entryId)!;
    expect(entry).toMatchObject({ agency: 'police', withheld: true, versions: [] });
    expect(entry.author.name).toBe('');
    expect(JSON.stringify(view)).not.toContain(SECRET);

    // Catch-up after a reconnect: the same event, same seq, withheld.
    const back = await connectSocket(world.baseUrl, health);
    sockets.push(back);
    const ack = await rawEmit<{ ok: true; result: { events: CaseEvent[] } }>(back, 'case.join', { caseId, afterEventId: healthBoard.lastEventId });
    const missed = ack.result.events.find((e) => e.type === 'contribution.added')!;
    expect(missed.seq).toBe(full.seq);
    expect(missed.type === 'contribution.added' && missed.data).toMatchObject({ content: null, withheld: true });
    expect(JSON.stringify(ack)).not.toContain(SECRET);

    // Live: a correction reaches health withheld too (it keeps the entry's restriction).
    const liveHealth = new Inbox(back);
    await rest(world.baseUrl, police).command('contribution.correct', {
      ...factPayload(caseId),
      commandId: newCommandId(),
      entryId: added.entryId,
      expectedEntryVersion: 1,
      reason: 'address corrected',
      text: `${SECRET} (corrected)`,
    });
    const correction = await liveHealth.waitForEvent((e) => e.type === 'contribution.corrected');
    expect(JSON.stringify(correction)).not.toContain(SECRET);
    expect(correction.actor.name).toBe('');
  });

  it("a protected referrer's name reaches only the agency that recorded the contact", async () => {
    const social = await signIn(world.baseUrl, 'sw.okafor');
    const policeList = await connectSocket(world.baseUrl, police);
    sockets.push(policeList);
    const policeInbox = new Inbox(policeList);
    await rawEmit(policeList, 'cases.watch', {});
    const payload = openCasePayload();
    const { caseId } = expectResult(
      await rest(world.baseUrl, social).command('case.open', { ...payload, referral: { source: 'family-member', referrerName: 'Mrs Referrer', referrerRole: 'Neighbour', identityProtected: true } }),
    );
    expect((await rest(world.baseUrl, social).view(caseId)).summary.referral.referrerName).toBe('Mrs Referrer');
    const seenByPolice = await rest(world.baseUrl, police).view(caseId);
    expect(seenByPolice.summary.referral).toEqual({ source: 'family-member', identityProtected: true });
    const list = await rest(world.baseUrl, police).get<{ cases: { id: string; referral: object }[] }>('/api/cases');
    expect(JSON.stringify(list.body)).not.toContain('Mrs Referrer');
    await expect.poll(() => policeInbox.casesChanged.some((s) => s.id === caseId)).toBe(true);
    expect(JSON.stringify(policeInbox.casesChanged)).not.toContain('Mrs Referrer');
  });

  it('a case’s summary alone (a meeting’s other agenda items) is the reader’s own copy, kept live, and refused when the case is restricted to other agencies', async () => {
    const social = await signIn(world.baseUrl, 'sw.okafor');
    const asSocial = rest(world.baseUrl, social);
    const opened = expectResult(
      await asSocial.command('case.open', { ...openCasePayload(), referral: { source: 'family-member', referrerName: 'Mrs Referrer', referrerRole: 'Neighbour', identityProtected: true } }),
    );
    const hidden = expectResult(await asSocial.command('case.open', openCasePayload({ restrictedTo: ['childrens-social-care'] }))).caseId;
    const socket = await connectSocket(world.baseUrl, police);
    sockets.push(socket);
    const inbox = new Inbox(socket);

    const ack = await rawEmit<Ack<JoinResult>>(socket, 'case.join', { caseId: opened.caseId, entries: false });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    expect(ack.result.view).toBeUndefined();
    expect(ack.result.summary?.id).toBe(opened.caseId);
    // The protected referrer stays protected, as in the whole case.
    expect(ack.result.summary?.referral).toEqual({ source: 'family-member', identityProtected: true });
    expect(JSON.stringify(ack)).not.toContain('Mrs Referrer');

    // A case restricted to social care: refused as one that does not exist, and nothing of it is pushed.
    const refused = await rawEmit<Ack<JoinResult>>(socket, 'case.join', { caseId: hidden, entries: false });
    expect(refused.ok ? 'joined' : refused.error.code).toBe('not-found');
    expectResult(await asSocial.command('contribution.add', factPayload(hidden, { text: SECRET })));
    // The summary stays live: what is recorded on the case next reaches the socket.
    expectResult(await asSocial.command('contribution.add', factPayload(opened.caseId)));
    await inbox.waitForEvent((e) => e.caseId === opened.caseId && e.type === 'contribution.added');
    expect(inbox.eventsFor(hidden)).toEqual([]);

    // Only false is accepted: the whole case is asked for by leaving it out.
    const invalid = await rawEmit<Ack<JoinResult>>(socket, 'case.join', { caseId: opened.caseId, entries: true });
    expect(invalid.ok ? 'joined' : invalid.error.code).toBe('invalid');
  });

  it('a read by a user without access is refused and audited, and the auditor sees who viewed the case', async () => {
    const { caseId } = expectResult(await rest(world.baseUrl, police).command('case.open', openCasePayload()));
    await rest(world.baseUrl, health).view(caseId);
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    const refused = await rest(world.baseUrl, auditor).get(`/api/cases/${caseId}`);
    expect(refused.status).toBe(403);

    const { body } = await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?caseId=${caseId}`);
    const reads = body.entries.filter((e) => e.action === 'case.read');
    expect(reads).toContainEqual(expect.objectContaining({ outcome: 'allowed', actor: expect.objectContaining({ userId: health.user.userId, agency: 'health' }), channel: 'rest' }));
    expect(reads).toContainEqual(expect.objectContaining({ outcome: 'denied', actor: expect.objectContaining({ userId: auditor.user.userId }), detail: 'forbidden' }));
    expect(body.entries).toContainEqual(expect.objectContaining({ action: 'case.open', outcome: 'succeeded' }));

    // The auditor finds the case by its reference, and can narrow the log to a period.
    const reference = (await rest(world.baseUrl, health).view(caseId)).summary.reference;
    const lookup = await rest(world.baseUrl, auditor).get<{ caseId: string }>(`/api/audit/cases?reference=${reference}`);
    expect(lookup.body.caseId).toBe(caseId);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?caseId=${caseId}&from=${tomorrow}`);
    expect(future.body.entries).toEqual([]);
    const limited = await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?caseId=${caseId}&limit=1`);
    expect(limited.body.entries).toHaveLength(1);
  });

  it('case content never appears in the application log', async () => {
    const { caseId } = expectResult(await rest(world.baseUrl, police).command('case.open', { ...openCasePayload(), reasonForConcern: LOG_MARKER }));
    await rest(world.baseUrl, police).command('contribution.add', { ...factPayload(caseId), text: LOG_MARKER });
    await rest(world.baseUrl, police).command('contribution.add', { ...factPayload(caseId), text: LOG_MARKER, kind: 'opinion' }); // refused: no basis
    await rest(world.baseUrl, police).post('/api/cases', `{"reasonForConcern":"${LOG_MARKER}"`, { raw: true }); // malformed JSON
    expect(world.server.output()).toContain('"level"'); // debug logging is on and the server did log
    expect(world.server.output()).not.toContain(LOG_MARKER);
  });

  it('when Redis refuses a write, the log names the failure but none of the case content it carried', async () => {
    const port = world.redis.port;
    const marker = 'Refused-write marker: Wiktoria Zielińska told her teacher about the bruises';
    // Case keys become read-only for the app's Redis user; everything else stays writable.
    const writable = ['{sessions}', '{audit}', '{users}', '{bull}', '{alerts}', '{timeliness}', '{agencies}', '{meetings}', 'socket.io', 'cases:reference', 'schema'];
    const setUser = await rawRedisCommand(port, ['ACL', 'SETUSER', 'default', 'resetkeys', '%R~*', ...writable.map((k) => `~mash:${k}*`)]);
    expect(setUser).toContain('OK');
    try {
      const opened = await rest(world.baseUrl, police).command(
        'case.open',
        openCasePayload({ reasonForConcern: marker, children: [{ firstName: 'Wiktoria', lastName: 'Zielińska-Marker', dateOfBirth: '2015-05-05' }] }),
      );
      expect(opened.status).toBe(500);
    } finally {
      await rawRedisCommand(port, ['ACL', 'SETUSER', 'default', 'resetkeys', '~*']);
    }
    await eventuallyLogged(() => world.server.output().includes('request failed'));
    expect(world.server.output()).toMatch(/NOPERM/);
    expect(world.server.output()).not.toContain('Wiktoria');
    expect(world.server.output()).not.toContain('Refused-write marker');
    expect(world.server.output()).not.toContain(police.csrfToken);
  });

  it('editing or deleting one audit entry in Redis is detected, and the first broken link named', async () => {
    expect((await verifyAudit(world)).code).toBe(0);
    const port = world.redis.port;
    const raw = await rawRedisCommand(port, ['XRANGE', 'mash:{audit}:log', '-', '+', 'COUNT', '3']);
    const ids = [...raw.matchAll(/\r\n(\d{13,}-\d+)\r\n/g)].map((m) => m[1]!);
    const second = ids[1]!;

    // Delete the second entry: the link from the third no longer holds.
    const entry = await rawRedisCommand(port, ['XRANGE', 'mash:{audit}:log', second, second]);
    const json = entry.slice(entry.indexOf('{'), entry.lastIndexOf('}') + 1);
    await rawRedisCommand(port, ['XDEL', 'mash:{audit}:log', second]);
    const deleted = await verifyAudit(world);
    expect(deleted.code).toBe(1);
    expect(deleted.out).toMatch(/BROKEN at entry 1 .*link broken/);

    // Put it back, edited (its outcome changed): the hash no longer matches, at that very entry.
    const edited = json.replace(/"outcome":"\w+"/, '"outcome":"denied"') === json ? json.replace(/"outcome":"\w+"/, '"outcome":"allowed"') : json.replace(/"outcome":"\w+"/, '"outcome":"denied"');
    const all = await rawRedisCommand(port, ['XRANGE', 'mash:{audit}:log', '-', '+']);
    expect(all).not.toContain(second);
    // Rebuild the stream with the edited entry in its old place (ids kept), as a tamperer would.
    const rebuilt = [...all.matchAll(/(\d+-\d+)\r\n\*2\r\n\$1\r\ne\r\n\$\d+\r\n(.*?)\r\n/g)].map((m) => [m[1]!, m[2]!] as const);
    rebuilt.splice(1, 0, [second, edited]);
    await rawRedisCommand(port, ['DEL', 'mash:{audit}:log']);
    for (const [id, e] of rebuilt) await rawRedisCommand(port, ['XADD', 'mash:{audit}:log', id, 'e', e]);
    const tampered = await verifyAudit(world);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(new RegExp(`BROKEN at entry 1 \\(stream id ${second}\\).*edited`));
  });

  it("disabling a user closes their open sockets within 2 seconds, and their session can't be used again", async () => {
    const admin = await signIn(world.baseUrl, 'admin.demo');
    const target = await signIn(world.baseUrl, 'dsl.morgan');
    const socket = await connectSocket(world.baseUrl, target);
    const ended = new Promise<{ reason: string }>((resolve) => socket.once('session.ended', resolve));
    const res = await rest(world.baseUrl, admin).post(`/api/admin/users/${target.user.userId}/disable`, {});
    expect(res.status).toBe(200);
    await disconnected(socket, 2000);
    expect((await ended).reason).toMatch(/disabled/);
    expect((await rest(world.baseUrl, target).get('/api/cases')).status).toBe(401);
    await rest(world.baseUrl, admin).post(`/api/admin/users/${target.user.userId}/enable`, {});
  });

  it('repeated failed sign-ins are throttled, even with the right password afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${world.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'mgr.clarke', password: `wrong-${i}` }),
      });
      expect(res.status).toBe(401);
    }
    const res = await fetch(`${world.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mgr.clarke', password: 'mashboard-demo' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });

  it('X-Forwarded-For picks no throttling bucket unless a proxy is trusted (TRUST_PROXY unset)', async () => {
    const attempt = (password: string, forwardedFor: string) =>
      fetch(`${world.baseUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: 'hv.patel', password }),
      }).then((r) => r.status);
    for (let i = 0; i < 5; i++) expect(await attempt(`wrong-${i}`, `203.0.113.${i + 1}`)).toBe(401);
    expect(await attempt('mashboard-demo', '203.0.113.99')).toBe(429);
  });

  it("an admin changes their own password only with the current one; what an admin does to an account is on that person's audit page", async () => {
    const admin = await signIn(world.baseUrl, 'admin.demo');
    const asAdmin = rest(world.baseUrl, admin);
    const own = `/api/admin/users/${admin.user.userId}/password`;
    const without = await asAdmin.post<{ error: { issues: { path: string }[] } }>(own, { password: 'a brand new passphrase' });
    expect(without.status).toBe(400);
    expect(without.body.error.issues.map((i) => i.path)).toEqual(['currentPassword']);
    const wrong = await asAdmin.post<{ error: { issues: { path: string }[] } }>(own, { password: 'a brand new passphrase', currentPassword: 'not it at all' });
    expect(wrong.body.error.issues.map((i) => i.path)).toEqual(['currentPassword']);
    expect((await signIn(world.baseUrl, 'admin.demo')).user.username).toBe('admin.demo'); // unchanged

    // A common or breached password is refused, saying why, for a new account and for a reset.
    const weak = await asAdmin.post<{ error: { issues: { path: string; message: string }[] } }>('/api/admin/users', {
      username: 'weak.one',
      name: 'Weak One',
      agency: 'police',
      role: 'practitioner',
      password: '123456789012',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.issues).toEqual([{ path: 'password', message: expect.stringContaining('commonly used password') }]);
    expect((await asAdmin.get<{ users: { username: string }[] }>('/api/admin/users')).body.users.map((u) => u.username)).not.toContain('weak.one');
    const morgan = (await asAdmin.get<{ users: { userId: string; username: string }[] }>('/api/admin/users')).body.users.find((u) => u.username === 'dsl.morgan')!;
    const weakReset = await asAdmin.post<{ error: { issues: { path: string }[] } }>(`/api/admin/users/${morgan.userId}/password`, { password: 'password1234' });
    expect(weakReset.status).toBe(400);
    expect(weakReset.body.error.issues.map((i) => i.path)).toEqual(['password']);

    const target = await signIn(world.baseUrl, 'dsl.morgan');
    expect((await rest(world.baseUrl, await signIn(world.baseUrl, 'admin.demo')).post(`/api/admin/users/${target.user.userId}/end-sessions`, {})).status).toBe(200);
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    const page = await rest(world.baseUrl, auditor).get<{ entries: { action: string; actor?: { userId: string }; objectId?: string }[] }>(`/api/audit?userId=${target.user.userId}`);
    expect(page.body.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'user.sessions-end', objectId: target.user.userId, actor: expect.objectContaining({ userId: admin.user.userId }) })]),
    );
  });

  it('parallel sign-ins on one account: at most the limit of passwords are checked, and the right one among them is no way past it', async () => {
    const admin = await signIn(world.baseUrl, 'admin.demo');
    const password = 'a long passphrase for racing';
    const created = await rest(world.baseUrl, admin).post('/api/admin/users', { username: 'race.target', name: 'Race Target', agency: 'police', role: 'practitioner', password });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const attempt = (pw: string) =>
      fetch(`${world.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'race.target', password: pw }) }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(i === 39 ? password : `wrong-${i}`)));
    const checked = statuses.filter((st) => st !== 429);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThanOrEqual(35);
    // The right password, sent last, came after the limit: refused like the rest.
    expect(statuses[39]).toBe(429);
  });

  it('signing in again from the same browser ends the session it had', async () => {
    const first = await signIn(world.baseUrl, 'sw.okafor');
    const again = await fetch(`${world.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: first.cookie },
      body: JSON.stringify({ username: 'sw.okafor', password: 'mashboard-demo' }),
    });
    expect(again.status).toBe(200);
    expect((await rest(world.baseUrl, first).get('/api/session')).status).toBe(401);
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${world.baseUrl}/api/session`, { headers: { cookie: second } })).status).toBe(200);
  });

  it('the gate judges HEAD as GET, and refuses an address no policy names, audited', async () => {
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    // An auditor may not list cases: HEAD is no way round that.
    const head = await fetch(`${world.baseUrl}/api/cases`, { method: 'HEAD', headers: { cookie: auditor.cookie } });
    expect(head.status).toBe(403);
    const unknown = await rest(world.baseUrl, police).get<{ error: { code: string; message: string } }>('/api/cases-export-everything');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not-found', message: 'There is nothing at that address.', requestId: unknown.headers.get('x-request-id') });
    const anonymous = await fetch(`${world.baseUrl}/api/cases-export-everything`);
    expect(anonymous.status).toBe(401);
    const log = await rest(world.baseUrl, auditor).get<{ entries: { action: string; outcome: string; objectId?: string }[] }>(`/api/audit?userId=${police.user.userId}`);
    expect(log.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'route.unknown', outcome: 'denied', objectId: 'GET /api/cases-export-everything' })]));
  });

  it('a flood of socket events is refused once over the rate, and the server stays up', async () => {
    const socket = await connectSocket(world.baseUrl, police);
    sockets.push(socket);
    const replies = await Promise.all(Array.from({ length: 150 }, () => rawEmit<{ ok: boolean; error?: { code: string } }>(socket, 'cases.watch', {})));
    const limited = replies.filter((r) => !r.ok && r.error?.code === 'rate-limited').length;
    expect(limited).toBeGreaterThan(0);
    expect(await world.server.health()).toBe(200);
    const unknown = await rawEmit<{ ok: boolean; error?: { code: string } }>(await connectSocket(world.baseUrl, police), 'case.delete-everything', { caseId: 'x' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('session timeouts reach live sockets', () => {
  let world: World;
  // Idle after 3 s without activity; absolute end 9 s after sign-in.
  beforeAll(async () => {
    world = await startWorld({ server: { env: { SESSION_IDLE_MINUTES: '0.05', SESSION_ABSOLUTE_HOURS: '0.0025' } } });
  });
  afterAll(async () => world?.dispose());

  it('an idle socket is closed; a busy one outlives the idle timeout but not the absolute one', async () => {
    const [idle, busy] = await Promise.all([signIn(world.baseUrl, 'sw.okafor'), signIn(world.baseUrl, 'pc.evans')]);
    const signedInAt = Date.now();
    const idleSocket = await connectSocket(world.baseUrl, idle);
    const busySocket = await connectSocket(world.baseUrl, busy);
    const ended = new Promise<{ reason: string }>((resolve) => idleSocket.once('session.ended', resolve));
    const ticker = setInterval(() => void rawEmit(busySocket, 'cases.watch', {}).catch(() => undefined), 500);
    try {
      await disconnected(idleSocket, 8000);
      expect((await ended).reason).toMatch(/session ended/i);
      expect(busySocket.connected).toBe(true); // well past 3 s of the idle socket's timeout
      await disconnected(busySocket, 12_000);
      expect(Date.now() - signedInAt).toBeGreaterThanOrEqual(8000);
      expect((await rest(world.baseUrl, busy).get('/api/cases')).status).toBe(401);
    } finally {
      clearInterval(ticker);
    }
  });
});

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ server: { env: { TRUST_PROXY: 'loopback' } } });
  });
  afterAll(async () => world?.dispose());

  const attempt = (password: string, forwardedFor: string) =>
    fetch(`${world.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ username: 'sw.okafor', password }),
    }).then((r) => r.status);

  it("a stranger's wrong guesses lock out only their own address, never the owner at their desk, and the audit names the real address", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt(`wrong-${i}`, '203.0.113.66')).toBe(401);
    expect(await attempt('mashboard-demo', '203.0.113.66')).toBe(429);
    expect(await attempt('mashboard-demo', '198.51.100.7')).toBe(200);
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    const okafor = (await rest(world.baseUrl, auditor).get<{ users: { userId: string; username: string }[] }>('/api/audit/users')).body.users.find((u) => u.username === 'sw.okafor');
    const log = await rest(world.baseUrl, auditor).get<{ entries: { action: string; outcome: string; ip?: string }[] }>(`/api/audit?userId=${okafor!.userId}`);
    expect(log.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'sign-in', outcome: 'succeeded', ip: '198.51.100.7' })]));
  });
});

describe('an account locked by failed sign-ins from many addresses', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ server: { env: { TRUST_PROXY: 'loopback' } } });
  });
  afterAll(async () => world?.dispose());

  const attempt = (username: string, password: string, forwardedFor: string) =>
    fetch(`${world.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ username, password }),
    }).then((r) => r.status);

  it('raises one alert to the administrators, which only they may acknowledge; other accounts sign in as usual', async () => {
    const admin = await signIn(world.baseUrl, 'admin.demo');
    const adminSocket = await connectSocket(world.baseUrl, admin);
    const lead = await signIn(world.baseUrl, 'lead.hughes');
    try {
      const pushed = new Promise<Alert>((resolve) => adminSocket.once('alert.raised', resolve));
      // 100 wrong guesses spread over 25 addresses: no address and no account-and-address pair
      // reaches its own limit, but the account does.
      for (let i = 0; i < 100; i++) expect(await attempt('sw.okafor', `wrong-${i}`, `203.0.113.${i % 25}`)).toBe(401);
      expect(await attempt('sw.okafor', 'mashboard-demo', '198.51.100.7')).toBe(429);
      expect(await attempt('sw.okafor', 'wrong-again', '198.51.100.8')).toBe(429);
      expect(await attempt('pc.evans', 'mashboard-demo', '198.51.100.7')).toBe(200);

      const live = await pushed;
      expect(live).toMatchObject({ kind: 'account-locked', caseId: '', caseReference: '' });
      expect(live.title).toContain('sw.okafor');
      const inbox = (await rest(world.baseUrl, admin).get<{ alerts: { id: string; kind: string }[] }>('/api/alerts')).body.alerts;
      expect(inbox.filter((a) => a.kind === 'account-locked')).toEqual([expect.objectContaining({ id: live.id })]);

      const notTheirs = await rest(world.baseUrl, lead).post(`/api/alerts/${encodeURIComponent(live.id)}/acknowledge`, {});
      expect(notTheirs.status).toBe(404);
      const acknowledged = await rest(world.baseUrl, admin).post<{ alert: { acknowledged: { by: { name: string } } | null } }>(`/api/alerts/${encodeURIComponent(live.id)}/acknowledge`, {});
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body.alert.acknowledged?.by.name).toBe('Alex Admin');
    } finally {
      adminSocket.close();
    }
  });
});

describe('a session never outlives its absolute end, even when the idle limit is longer', () => {
  let world: World;
  beforeAll(async () => {
    // Idle limit an hour, absolute end 3.6 s after sign-in.
    world = await startWorld({ server: { env: { SESSION_IDLE_MINUTES: '60', SESSION_ABSOLUTE_HOURS: '0.001' } } });
  });
  afterAll(async () => world?.dispose());

  it('a session ends at its absolute end, busy or quiet', async () => {
    const [busy, quiet] = [await signIn(world.baseUrl, 'pc.evans'), await signIn(world.baseUrl, 'hv.patel')];
    const status = async (session: Session) => (await fetch(`${world.baseUrl}/api/session`, { headers: { cookie: session.cookie } })).status;
    const ends = Date.now() + 3_600;
    while (Date.now() < ends - 500) {
      expect(await status(busy)).toBe(200); // busy: never idle
      await new Promise((r) => setTimeout(r, 700));
    }
    await new Promise((r) => setTimeout(r, Math.max(0, ends - Date.now()) + 400));
    expect(await status(busy)).toBe(401);
    expect(await status(quiet)).toBe(401); // nothing since sign-in: its key must not outlive the absolute end either
  });
});
