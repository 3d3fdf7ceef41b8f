/**
 * Partner agencies' work, with a real server, Redis and BullMQ worker: an agency asked for
 * information hears at once (an alert to its members, no one else's), finds the request in
 * "Requests to my agency" (served from the per-agency index), and answers it with the
 * contributions that hold the information or "nothing held" with why. "My work" lists the cases a
 * practitioner leads and the actions they own. Bad answers are refused naming the field, and write
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, ApiError, CaseSummary, MyWork } from '@mashboard/shared';
import { connectSocket, expectResult, rest, signIn, type MashSocket, type Rest, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { useWorld } from '../support/world.ts';
import { caseIndexKey, caseShardOf } from '../../server/src/store/keys.ts';
import { INDEX } from '../../server/src/store/case-index.ts';

const world = useWorld();

let lead: Session;
let police: Session;
let health: Session;
let social: Session;
let asLead: Rest;
let asPolice: Rest;
let asHealth: Rest;
let asSocial: Rest;
const sockets: MashSocket[] = [];

/** Alerts pushed live to one person's socket. */
async function alertsOf(session: Session): Promise<Alert[]> {
  const socket = await connectSocket(session.baseUrl, session);
  sockets.push(socket);
  const raised: Alert[] = [];
  socket.on('alert.raised', (a) => raised.push(a));
  return raised;
}

beforeAll(async () => {
  const url = world.current.baseUrl;
  [lead, police, health, social] = await Promise.all([signIn(url, 'lead.hughes'), signIn(url, 'pc.evans'), signIn(url, 'hv.patel'), signIn(url, 'sw.okafor')]);
  [asLead, asPolice, asHealth, asSocial] = [lead, police, health, social].map((s) => rest(url, s)) as [Rest, Rest, Rest, Rest];
});

afterAll(() => {
  for (const s of sockets) s.disconnect();
});

async function openCase(firstName: string, overrides: Parameters<typeof openCasePayload>[0] = {}): Promise<CaseSummary> {
  const opened = expectResult(await asLead.command('case.open', openCasePayload({ children: [{ firstName, lastName: 'Partridge', dateOfBirth: '2017-03-09' }], ...overrides })));
  return (await asLead.view(opened.caseId)).summary;
}

async function ask(caseId: string, agency: string, question: string, dueInHours?: number): Promise<string> {
  const dueAt = dueInHours === undefined ? {} : { dueAt: new Date(Date.now() + dueInHours * 3_600_000).toISOString() };
  return expectResult(await asLead.command('information.request', { commandId: newCommandId(), caseId, agency, question, ...dueAt })).entryId!;
}

async function myWork(as: Rest): Promise<MyWork> {
  const res = await as.get<MyWork>('/api/my-work');
  expect(res.status).toBe(200);
  return res.body;
}

/** Whether the request is filed in the police's open-requests index (its shard's key, read raw). */
async function filedForPolice(caseId: string, requestId: string): Promise<boolean> {
  const key = caseIndexKey(caseShardOf(caseId), INDEX.agencyRequests('police'));
  const reply = await rawRedisCommand(world.current.redis.port, ['ZSCORE', key, `${caseId}|request:${requestId}`]);
  return !reply.startsWith('$-1');
}

const requestIds = (work: MyWork) => work.requests.map((r) => `${r.caseId}|${r.deadline.id}`);

describe('an agency asked for information', () => {
  it('hears at once: its members get an alert, live and in their inbox; other agencies do not', async () => {
    const [toPolice, toHealth] = await Promise.all([alertsOf(police), alertsOf(health)]);
    const c = await openCase('Imogen');
    const policeRequest = await ask(c.id, 'police', 'Any domestic abuse call-outs to the address this year?', 48);
    const healthRequest = await ask(c.id, 'health', 'Is Imogen registered with a GP?', 48);

    const heard = await waitUntil('the request alert on the police socket', () => toPolice.find((a) => a.deadlineId === `request:${policeRequest}`));
    expect(heard.kind).toBe('request');
    expect(heard.title).toContain('Police asked for information');
    expect(heard.title).toContain(c.reference);
    expect(heard.title).toContain('Rhian Hughes');
    expect(heard.recipients).toEqual([police.user.userId]);
    // Health hears of its own request (the control), and never of the one to the police.
    await waitUntil('the request alert on the health socket', () => toHealth.find((a) => a.deadlineId === `request:${healthRequest}`));
    expect(toHealth.filter((a) => a.deadlineId === `request:${policeRequest}`)).toEqual([]);
    expect(toPolice.filter((a) => a.deadlineId === `request:${healthRequest}`)).toEqual([]);

    const inbox = (await asPolice.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
    expect(inbox.filter((a) => a.caseId === c.id).map((a) => a.kind)).toEqual(['request']);
    // The asker is not alerted that they asked (of the case's alerts, the request's kind).
    const leadInbox = (await asLead.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
    expect(leadInbox.filter((a) => a.caseId === c.id && a.kind === 'request')).toEqual([]);
  });

  it('a changed due time does not ask again: one request, one alert', async () => {
    const toPolice = await alertsOf(police);
    const c = await openCase('Jasper');
    const requestId = await ask(c.id, 'police', 'Any warning markers on the household?', 24);
    await waitUntil('the first alert', () => toPolice.find((a) => a.deadlineId === `request:${requestId}`));
    expectResult(
      await asLead.command('deadline.change-due', {
        commandId: newCommandId(),
        caseId: c.id,
        deadlineId: `request:${requestId}`,
        dueAt: new Date(Date.now() + 30 * 3_600_000).toISOString(),
        reason: 'Police asked for more time',
      }),
    );
    // A control on another case, asked after the change, must arrive; then the first request has still only one alert.
    const control = await ask((await openCase('Jolyon')).id, 'police', 'Anything held?', 24);
    await waitUntil('the control alert', () => toPolice.find((a) => a.deadlineId === `request:${control}`));
    const inbox = (await asPolice.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
    expect(inbox.filter((a) => a.deadlineId === `request:${requestId}`)).toHaveLength(1);
  });

  it('finds it in "Requests to my agency", most urgent first, and never another agency’s', async () => {
    const later = await openCase('Kit');
    const sooner = await openCase('Lark');
    const laterRequest = await ask(later.id, 'police', 'Any arrests of adults at the address?', 40);
    const soonerRequest = await ask(sooner.id, 'police', 'Any missing-person reports for Lark?', 3);
    const healthRequest = await ask(sooner.id, 'health', 'Health visitor contacts?', 3);

    const mine = requestIds(await myWork(asPolice));
    const [a, b] = [mine.indexOf(`${sooner.id}|request:${soonerRequest}`), mine.indexOf(`${later.id}|request:${laterRequest}`)];
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(mine).not.toContain(`${sooner.id}|request:${healthRequest}`);
    const row = (await myWork(asPolice)).requests.find((r) => r.deadline.id === `request:${soonerRequest}`)!;
    expect(row.deadline).toMatchObject({ agency: 'police', detail: 'Any missing-person reports for Lark?', state: 'open' });
    expect(row.deadline.requestedBy?.name).toBe('Rhian Hughes');
    expect((await myWork(asPolice)).cases.map((c) => c.id)).toEqual(expect.arrayContaining([later.id, sooner.id]));

    expect(requestIds(await myWork(asHealth))).toContain(`${sooner.id}|request:${healthRequest}`);
    expect(requestIds(await myWork(asHealth))).not.toContain(`${sooner.id}|request:${soonerRequest}`);
  });

  it('cannot be an agency the case is restricted from: refused naming the agency, nothing written', async () => {
    const restricted = await openCase('Mina', { restrictedTo: ['health'] });
    const res = await asLead.command('information.request', { commandId: newCommandId(), caseId: restricted.id, agency: 'police', question: 'Anything held?' });
    expect(res.status).toBe(400);
    const error = (res.body as { error: ApiError }).error;
    expect(error.issues?.map((i) => i.path)).toEqual(['agency']);
    expect(error.message).toMatch(/Police may not see this case/);
    expect((await asLead.view(restricted.id)).summary.version).toBe(restricted.version);
    expect((await myWork(asPolice)).cases.map((c) => c.id)).not.toContain(restricted.id);
  });

  it('answers with the contributions that hold the information; bad answers are refused naming the field and write nothing', async () => {
    const c = await openCase('Nell');
    const requestId = await ask(c.id, 'police', 'Any call-outs to the address in the last year?', 24);
    const policeFact = expectResult(await asPolice.command('contribution.add', factPayload(c.id, { text: 'Two call-outs to the address in March for shouting; no arrests.' }))).entryId!;
    const healthFact = expectResult(await asHealth.command('contribution.add', factPayload(c.id, { text: 'Nell missed her 2-year review.' }))).entryId!;
    const before = (await asLead.view(c.id)).summary.version;

    const refusals: [Record<string, unknown>, string][] = [
      [{}, 'answer'],
      [{ answer: { kind: 'contributions', contributionIds: [] } }, 'answer.contributionIds'],
      [{ answer: { kind: 'contributions', contributionIds: [healthFact] } }, 'answer.contributionIds.0'],
      [{ answer: { kind: 'contributions', contributionIds: [policeFact, 'no-such-entry'] } }, 'answer.contributionIds.1'],
      [{ answer: { kind: 'nothing-held' } }, 'answer.reason'],
      [{ answer: { kind: 'answered' } }, 'answer.kind'],
    ];
    for (const [body, path] of refusals) {
      const res = await asPolice.command('information.answer', { commandId: newCommandId(), caseId: c.id, requestId, ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: ApiError }).error.issues?.map((i) => i.path)).toContain(path);
    }
    const other = await asHealth.command('information.answer', { commandId: newCommandId(), caseId: c.id, requestId, answer: { kind: 'nothing-held', reason: 'Not ours to answer' } });
    expect(other.status).toBe(403);
    expect((await asLead.view(c.id)).summary.version).toBe(before);
    expect(requestIds(await myWork(asPolice))).toContain(`${c.id}|request:${requestId}`);
    expect(await filedForPolice(c.id, requestId)).toBe(true);

    expectResult(await asPolice.command('information.answer', { commandId: newCommandId(), caseId: c.id, requestId, answer: { kind: 'contributions', contributionIds: [policeFact] } }));
    const deadline = (await asHealth.view(c.id)).summary.deadlines.find((d) => d.id === `request:${requestId}`);
    expect(deadline).toMatchObject({ state: 'done', answer: { kind: 'contributions', contributionIds: [policeFact] } });
    expect(requestIds(await myWork(asPolice))).not.toContain(`${c.id}|request:${requestId}`);
    // The index entry is gone too, not only filtered out.
    expect(await filedForPolice(c.id, requestId)).toBe(false);
  });

  it('answers "nothing held" with why', async () => {
    const c = await openCase('Otto');
    const requestId = await ask(c.id, 'health', 'Is Otto known to the health visiting service?', 24);
    expectResult(
      await asHealth.command('information.answer', {
        commandId: newCommandId(),
        caseId: c.id,
        requestId,
        answer: { kind: 'nothing-held', reason: 'No record of Otto or his mother on SystmOne or the child health record.' },
      }),
    );
    const deadline = (await asLead.view(c.id)).summary.deadlines.find((d) => d.id === `request:${requestId}`);
    expect(deadline?.answer).toEqual({ kind: 'nothing-held', reason: 'No record of Otto or his mother on SystmOne or the child health record.' });
    const chronology = (await asLead.get<{ lines: { text: string }[] }>(`/api/cases/${c.id}/chronology`)).body.lines.map((l) => l.text);
    expect(chronology.some((t) => t.includes('Nothing held') && t.includes('SystmOne'))).toBe(true);
  });
});

describe('My work', () => {
  it('lists the open cases I lead and the actions I own, and drops them when done or closed', async () => {
    const c = await openCase('Piper');
    const v = (await asLead.view(c.id)).summary.version;
    expectResult(await asLead.command('case.assign-lead', { commandId: newCommandId(), caseId: c.id, leadUserId: social.user.userId }));
    const actionId = expectResult(
      await asLead.command('action.add', {
        commandId: newCommandId(),
        caseId: c.id,
        title: 'Visit Piper at school',
        ownerUserId: social.user.userId,
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      }),
    ).entryId!;
    expect(v).toBeGreaterThan(0);

    let work = await myWork(asSocial);
    expect(work.leading).toContain(c.id);
    expect(work.actions.map((a) => `${a.caseId}|${a.deadline.id}`)).toContain(`${c.id}|action:${actionId}`);
    expect(work.actions.find((a) => a.deadline.id === `action:${actionId}`)?.deadline.label).toBe('Visit Piper at school');
    // Someone else's work is not mine.
    expect((await myWork(asPolice)).leading).not.toContain(c.id);

    expectResult(await asSocial.command('action.complete', { commandId: newCommandId(), caseId: c.id, actionId }));
    work = await myWork(asSocial);
    expect(work.actions.map((a) => a.deadline.id)).not.toContain(`action:${actionId}`);
    expect(work.leading).toContain(c.id);

    const latest = (await asLead.view(c.id)).summary;
    expectResult(await asLead.command('case.change-status', { commandId: newCommandId(), caseId: c.id, expectedVersion: latest.version, status: 'closed', reason: 'No further action' }));
    expect((await myWork(asSocial)).leading).not.toContain(c.id);
  });

  it('is refused to roles with no case work, and audited for those who read it', async () => {
    const admin = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'admin.demo'));
    expect((await admin.get('/api/my-work')).status).toBe(403);
    await myWork(asHealth);
    const auditor = rest(world.current.baseUrl, await signIn(world.current.baseUrl, 'audit.demo'));
    const entries = (await auditor.get<{ entries: { action: string; outcome: string }[] }>(`/api/audit?userId=${health.user.userId}`)).body.entries;
    expect(entries.some((e) => e.action === 'work.read' && e.outcome === 'allowed')).toBe(true);
  });
});
