/**
 * Timeliness with real Redis and real BullMQ: a policy of seconds, so warnings and breaches fall
 * due during the test. Negative checks ("the old alert never fires") always run beside a control
 * that must fire, and are judged once the control has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, CaseSummary, TimelinessPolicy } from '@mashboard/shared';
import { connectSocket, expectResult, rest, setTimelinessPolicy, signIn, withoutRequestId, withTimeout, type MashSocket, type Session } from '../support/clients.ts';
import { newCommandId, openCasePayload } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { startWorld, type World } from '../support/fixtures.ts';
import { startWorker, type WorkerHandle } from '../support/worker.ts';

/** Collects alert pushes on one socket. */
class AlertInbox {
  readonly raised: Alert[] = [];
  constructor(socket: MashSocket) {
    socket.on('alert.raised', (alert) => this.raised.push(alert));
  }
  async waitFor(predicate: (a: Alert) => boolean, what: string, timeoutMs = 20_000): Promise<Alert> {
    return waitUntil(what, () => this.raised.find(predicate), { timeoutMs });
  }
  count(id: string): number {
    return this.raised.filter((a) => a.id === id).length;
  }
}

const seconds = (s: number) => s / 3600;

async function openCase(lead: Session): Promise<CaseSummary> {
  const result = expectResult(await rest(lead.baseUrl, lead).command('case.open', { ...openCasePayload(), receivedAt: new Date().toISOString() }));
  return (await rest(lead.baseUrl, lead).view(result.caseId)).summary;
}

async function rate(lead: Session, summary: CaseSummary, rating: string, version = summary.version) {
  return expectResult(await rest(lead.baseUrl, lead).command('rating.set', { commandId: newCommandId(), caseId: summary.id, expectedVersion: version, rating, reason: `rated ${rating} in test` }));
}

async function delayedJobs(world: World): Promise<number> {
  return Number((await rawRedisCommand(world.redis.port, ['ZCARD', 'mash:{bull}:deadlines:delayed'])).replace(/\D/g, ''));
}

describe('deadlines and alerts (worker in the app process)', () => {
  let world: World;
  let lead: Session;
  let admin: Session;
  let leadSocket: MashSocket;
  let alerts: AlertInbox;

  beforeAll(async () => {
    world = await startWorld();
    [lead, admin] = await Promise.all([signIn(world.baseUrl, 'lead.hughes'), signIn(world.baseUrl, 'admin.demo')]);
    // Red: 4 s with a warning at 2 s; Green: three days.
    await setTimelinessPolicy(admin, (p) => {
      p.ratings.red = { decisionWithinHours: seconds(4), basis: 'clock', warnAtFraction: 0.5 };
      p.informationRequestWithinHours.red = seconds(3);
    });
    leadSocket = await connectSocket(world.baseUrl, lead);
    alerts = new AlertInbox(leadSocket);
  });

  afterAll(async () => {
    leadSocket?.disconnect();
    await world?.dispose();
  });

  it('a Red case warns, then alerts the breach, live to the duty lead and into the inbox', async () => {
    const summary = await openCase(lead);
    await rate(lead, summary, 'red');

    const warning = await alerts.waitFor((a) => a.caseId === summary.id && a.kind === 'warning', 'warning alert');
    const breach = await alerts.waitFor((a) => a.caseId === summary.id && a.kind === 'breach', 'breach alert');
    expect(Date.parse(warning.raisedAt)).toBeLessThan(Date.parse(breach.raisedAt));
    expect(breach.title).toContain('Red triage decision');
    expect(breach.recipients).toContain(lead.user.userId);

    const inbox = (await rest(world.baseUrl, lead).get<{ alerts: Alert[] }>('/api/alerts')).body.alerts.filter((a) => a.caseId === summary.id);
    expect(inbox.map((a) => a.kind).sort()).toEqual(['breach', 'warning']);
  });

  it('changing the rating replaces the deadline: the old Red alerts never fire', async () => {
    const rerated = await openCase(lead);
    const control = await openCase(lead);
    const first = await rate(lead, rerated, 'red');
    await rate(lead, control, 'red');
    const second = await rate(lead, rerated, 'green', first.version);
    // The old generation's jobs are gone from the queue at once; the new one's wait.
    const job = async (generation: number, phase: string) => (await rawRedisCommand(world.redis.port, ['EXISTS', `mash:{bull}:deadlines:${rerated.id}.triage.${phase}.g${generation}`])).includes(':1');
    expect([await job(first.version, 'warning'), await job(first.version, 'breach')]).toEqual([false, false]);
    expect(await job(second.version, 'breach')).toBe(true);

    await alerts.waitFor((a) => a.caseId === control.id && a.kind === 'breach', 'control breach');
    // Give the re-rated case's old breach (due at the same moment) as long again to appear.
    await new Promise((r) => setTimeout(r, 1500));
    expect(alerts.raised.filter((a) => a.caseId === rerated.id)).toEqual([]);
    const view = await rest(world.baseUrl, lead).view(rerated.id);
    expect(view.summary.deadlines.find((d) => d.id === 'triage')).toMatchObject({ rating: 'green', state: 'open' });
  });

  it('answering an information request cancels its alerts', async () => {
    const summary = await openCase(lead);
    const rated = await rate(lead, summary, 'green');
    const api = rest(world.baseUrl, lead);
    const dueAt = new Date(Date.now() + 3000).toISOString();
    const answered = expectResult(await api.command('information.request', { commandId: newCommandId(), caseId: summary.id, agency: 'health', question: 'Any A&E attendances?', dueAt }));
    const awaited = expectResult(await api.command('information.request', { commandId: newCommandId(), caseId: summary.id, agency: 'police', question: 'Any call-outs?', dueAt }));
    expect(rated.version).toBeGreaterThan(0);

    const health = await signIn(world.baseUrl, 'hv.patel');
    expectResult(
      await rest(world.baseUrl, health).command('information.answer', {
        commandId: newCommandId(),
        caseId: summary.id,
        requestId: answered.entryId!,
        answer: { kind: 'nothing-held', reason: 'No A&E attendances found for either child.' },
      }),
    );

    await alerts.waitFor((a) => a.deadlineId === `request:${awaited.entryId}` && a.kind === 'breach', 'breach of the unanswered request');
    await new Promise((r) => setTimeout(r, 1000));
    expect(alerts.raised.filter((a) => a.deadlineId === `request:${answered.entryId}`)).toEqual([]);
    const view = await api.view(summary.id);
    expect(view.summary.deadlines.find((d) => d.id === `request:${answered.entryId}`)).toMatchObject({ state: 'done' });
  });

  it('acknowledging records who and when, once', async () => {
    const summary = await openCase(lead);
    await rate(lead, summary, 'red');
    const breach = await alerts.waitFor((a) => a.caseId === summary.id && a.kind === 'breach', 'breach alert');
    const first = await withTimeout(leadSocket.emitWithAck('alert.acknowledge', { alertId: breach.id }), 10_000, 'ack');
    expect(first.ok && first.result.alert.acknowledged?.by.userId).toBe(lead.user.userId);
    const manager = await signIn(world.baseUrl, 'mgr.clarke');
    const again = await rest(world.baseUrl, manager).post<{ alert: Alert }>(`/api/alerts/${encodeURIComponent(breach.id)}/acknowledge`, {});
    expect(again.status).toBe(200);
    expect(again.body.alert.acknowledged?.by.userId).toBe(lead.user.userId);
  });

  it("an alert on a case restricted to another agency: another agency's duty lead can neither acknowledge it nor read it", async () => {
    // A police duty lead rates a police-only case Red; social care's duty lead is outside it.
    const created = await rest(world.baseUrl, admin).post('/api/admin/users', { username: 'dl.police', name: 'DI Rowe', agency: 'police', role: 'duty-lead', password: 'police-duty-lead-pw' });
    expect(created.status).toBe(201);
    const policeLead = await signIn(world.baseUrl, 'dl.police', 'police-duty-lead-pw');
    const policeSocket = await connectSocket(world.baseUrl, policeLead);
    const policeAlerts = new AlertInbox(policeSocket);
    try {
      const opened = expectResult(await rest(world.baseUrl, policeLead).command('case.open', { ...openCasePayload(), receivedAt: new Date().toISOString(), restrictedTo: ['police'] }));
      const summary = (await rest(world.baseUrl, policeLead).view(opened.caseId)).summary;
      await rate(policeLead, summary, 'red');
      const breach = await policeAlerts.waitFor((a) => a.caseId === summary.id && a.kind === 'breach', 'breach alert to the police duty lead');
      expect(breach.title).toContain(summary.reference);

      const path = (id: string) => `/api/alerts/${encodeURIComponent(id)}/acknowledge`;
      const refused = await rest(world.baseUrl, lead).post(path(breach.id), {});
      const unknown = await rest(world.baseUrl, lead).post(path(`${breach.id}x`), {});
      expect({ status: refused.status, body: withoutRequestId(refused.body) }).toEqual({ status: unknown.status, body: withoutRequestId(unknown.body) });
      expect(refused.status).toBe(404);
      const overSocket = await withTimeout(leadSocket.emitWithAck('alert.acknowledge', { alertId: breach.id }), 10_000, 'ack');
      expect(overSocket).toEqual(await withTimeout(leadSocket.emitWithAck('alert.acknowledge', { alertId: `${breach.id}x` }), 10_000, 'ack'));
      expect(JSON.stringify([refused.body, overSocket])).not.toContain(summary.reference);
      const manager = await signIn(world.baseUrl, 'mgr.clarke');
      expect((await rest(world.baseUrl, manager).post(path(breach.id), {})).status).toBe(404);

      // Still unacknowledged (its escalation still due), and never pushed to social care.
      const inbox = (await rest(world.baseUrl, policeLead).get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
      expect(inbox.find((a) => a.id === breach.id)?.acknowledged).toBeNull();
      expect(alerts.raised.filter((a) => a.caseId === summary.id || a.id === breach.id)).toEqual([]);
      const mine = await rest(world.baseUrl, policeLead).post<{ alert: Alert }>(path(breach.id), {});
      expect(mine.body.alert.acknowledged?.by.userId).toBe(policeLead.user.userId);
    } finally {
      policeSocket.disconnect();
    }
  });

  it('refuses bad timeliness input with the field and reason, scheduling nothing', async () => {
    const summary = await openCase(lead);
    const api = rest(world.baseUrl, lead);
    const before = await delayedJobs(world);
    const cases: [string, Record<string, unknown>, string][] = [
      ['information.request', { commandId: newCommandId(), caseId: summary.id, agency: 'health', question: 'q', dueAt: new Date(Date.now() - 60_000).toISOString() }, 'dueAt'],
      ['information.request', { commandId: newCommandId(), caseId: summary.id, agency: 'the-council', question: 'q' }, 'agency'],
      ['rating.set', { commandId: newCommandId(), caseId: summary.id, expectedVersion: summary.version, rating: 'red', reason: '' }, 'reason'],
      ['rating.set', { commandId: newCommandId(), caseId: summary.id, expectedVersion: summary.version, rating: 'crimson', reason: 'x' }, 'rating'],
      ['action.add', { commandId: newCommandId(), caseId: summary.id, title: 'Visit', ownerUserId: lead.user.userId }, 'dueAt'],
    ];
    for (const [name, payload, path] of cases) {
      const res = await api.command(name as never, payload);
      expect(res.status, `${name} ${path}`).toBe(400);
      expect((res.body as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path)).toContain(path);
    }
    const unknownCase = await api.command('rating.set', { commandId: newCommandId(), caseId: 'no-such-case', expectedVersion: 1, rating: 'red', reason: 'x' });
    expect(unknownCase.status).toBe(404);

    for (const [change, path] of [
      [(p: TimelinessPolicy) => (p.ratings.amber.decisionWithinHours = -4), 'ratings.amber.decisionWithinHours'],
      [(p: TimelinessPolicy) => delete (p.ratings as Partial<TimelinessPolicy['ratings']>).green, 'ratings.green'],
      [(p: TimelinessPolicy) => (p.calendar.bankHolidays = ['25/12/2026']), 'calendar.bankHolidays.0'],
      [(p: TimelinessPolicy) => (p.calendar.dayStart = '18:00'), 'calendar.dayEnd'],
    ] as const) {
      await expect(setTimelinessPolicy(admin, change as (p: TimelinessPolicy) => void)).rejects.toThrow(path);
    }
    expect((await api.view(summary.id)).summary.version).toBe(summary.version);
    expect(await delayedJobs(world)).toBe(before);
  });
});

describe('deadlines survive failures (worker in its own process)', () => {
  let world: World;
  let lead: Session;
  let leadSocket: MashSocket;
  let alerts: AlertInbox;
  const workers: WorkerHandle[] = [];

  beforeAll(async () => {
    world = await startWorld({ server: { env: { MASH_WORKER: 'off' } } });
    const admin = await signIn(world.baseUrl, 'admin.demo');
    lead = await signIn(world.baseUrl, 'lead.hughes');
    await setTimelinessPolicy(admin, (p) => {
      p.ratings.red = { decisionWithinHours: seconds(3), basis: 'clock', warnAtFraction: 0.99 };
    });
    leadSocket = await connectSocket(world.baseUrl, lead);
    alerts = new AlertInbox(leadSocket);
  });

  afterAll(async () => {
    leadSocket?.disconnect();
    await Promise.all(workers.map((w) => w.stop()));
    await world?.dispose();
  });

  it('a worker killed mid-job still yields exactly one alert', async () => {
    const dying = await startWorker(world.redis.url, { MASH_FAULT_DELAY_AFTER_ALERT_MS: '60000' });
    workers.push(dying);
    const summary = await openCase(lead);
    await rate(lead, summary, 'red');
    const breach = await alerts.waitFor((a) => a.caseId === summary.id && a.kind === 'breach', 'breach raised by the first worker');
    await dying.kill(); // it raised the alert and died before the job completed

    workers.push(await startWorker(world.redis.url));
    const jobKey = `mash:{bull}:deadlines:${breach.id}`;
    // The replacement takes over the stalled job and completes it.
    await waitUntil('stalled job completed by the second worker', async () => (await rawRedisCommand(world.redis.port, ['HGET', jobKey, 'finishedOn'])).startsWith('$1'), {
      timeoutMs: 45_000,
      intervalMs: 250,
    });
    const returned = await rawRedisCommand(world.redis.port, ['HGET', jobKey, 'returnvalue']);
    expect(returned).toContain('already raised');
    expect(alerts.count(breach.id)).toBe(1);
    const inbox = (await rest(world.baseUrl, lead).get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
    expect(inbox.filter((a) => a.id === breach.id)).toHaveLength(1);
  });

  it('alerts still fire when Redis restarts while their jobs wait', async () => {
    if (workers.length === 0) workers.push(await startWorker(world.redis.url));
    const api = rest(world.baseUrl, lead);
    const summary = await openCase(lead);
    const rated = await rate(lead, summary, 'green');
    const dueAt = new Date(Date.now() + 6000).toISOString();
    const request = expectResult(await api.command('information.request', { commandId: newCommandId(), caseId: summary.id, agency: 'education', question: 'Attendance this term?', dueAt }));
    expect(rated.duplicate).toBe(false);

    await world.redis.kill();
    await world.redis.restart();

    const breach = await alerts.waitFor((a) => a.deadlineId === `request:${request.entryId}` && a.kind === 'breach', 'breach after the Redis restart', 45_000);
    expect(Date.parse(breach.raisedAt)).toBeGreaterThanOrEqual(Date.parse(dueAt));
  });
});

describe('an unacknowledged breach escalates', () => {
  let world: World;
  let lead: Session;
  let manager: Session;
  let managerSocket: MashSocket;
  let managerAlerts: AlertInbox;
  let leadSocket: MashSocket;
  let leadAlerts: AlertInbox;

  beforeAll(async () => {
    world = await startWorld();
    const admin = await signIn(world.baseUrl, 'admin.demo');
    [lead, manager] = await Promise.all([signIn(world.baseUrl, 'lead.hughes'), signIn(world.baseUrl, 'mgr.clarke')]);
    // Red due in 2 s; escalate a breach nobody has acknowledged after 3 s.
    await setTimelinessPolicy(admin, (p) => {
      p.ratings.red = { decisionWithinHours: seconds(2), basis: 'clock', warnAtFraction: 0.99 };
      p.escalateUnacknowledgedBreachAfterMinutes = 0.05;
    });
    managerSocket = await connectSocket(world.baseUrl, manager);
    managerAlerts = new AlertInbox(managerSocket);
    leadSocket = await connectSocket(world.baseUrl, lead);
    leadAlerts = new AlertInbox(leadSocket);
  });

  afterAll(async () => {
    managerSocket?.disconnect();
    leadSocket?.disconnect();
    await world?.dispose();
  });

  it('to the MASH manager, unless someone acknowledges the breach in time', async () => {
    const ignored = await openCase(lead);
    const handled = await openCase(lead);
    await rate(lead, ignored, 'red');
    await rate(lead, handled, 'red');
    const handledBreach = await leadAlerts.waitFor((a) => a.caseId === handled.id && a.kind === 'breach', 'breach of the handled case');
    const ack = await withTimeout(leadSocket.emitWithAck('alert.acknowledge', { alertId: handledBreach.id }), 10_000, 'ack');
    expect(ack.ok).toBe(true);

    const escalation = await managerAlerts.waitFor((a) => a.caseId === ignored.id && a.kind === 'escalation', 'escalation to the manager', 30_000);
    expect(escalation.recipients).toContain(manager.user.userId);
    expect(escalation.title).toMatch(/^Escalated: /);
    // The handled case's escalation was due at the same time; give it as long again.
    await new Promise((r) => setTimeout(r, 2000));
    expect(managerAlerts.raised.filter((a) => a.caseId === handled.id && a.kind === 'escalation')).toEqual([]);
  });
});
