/**
 * Meetings: three agencies follow the chair through the agenda live; a decision (with dissent)
 * and an action are recorded as they are made; minutes are generated from the record with fact
 * and opinion apart and signed off by the chair alone; the action becomes a scheduled deadline.
 * The meetings list is live on every server process, for the roles that may read it only. A case
 * restricted to some agencies keeps its place on an agenda for the others, with neither its id
 * nor its reference, on every path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, AuditRecord, CaseSummary, MeetingEvent, MeetingResult, MeetingSummary } from '@mashboard/shared';
import { connectSocket, expectResult, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, opinionPayload, openCasePayload, startWorld, type World } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { rawRedisCommand } from '../support/redis.ts';
import { useWorld } from '../support/world.ts';

const RESTRICTED = 'Police intelligence: partner has a caution for assault';

/** The signed minutes exported by one reader (their own copy). */
function exportMinutes(baseUrl: string, session: Session, meetingId: string, format: 'pdf' | 'html'): Promise<Response> {
  return fetch(`${baseUrl}/api/meetings/${meetingId}/minutes/exports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: baseUrl },
    body: JSON.stringify({ format }),
  });
}

describe('a MASH triage meeting', () => {
  let world: World;
  let chair: Session;
  let police: Session;
  let health: Session;
  let cases: string[];
  let meetingId: string;
  const sockets: MashSocket[] = [];
  const pushed = new Map<string, MeetingEvent[]>();

  async function meetingCommand(session: Session, name: string, body: Record<string, unknown>) {
    const route =
      name === 'meeting.schedule'
        ? '/api/meetings'
        : `/api/meetings/${meetingId}/${{ 'meeting.start': 'start', 'meeting.move': 'move', 'meeting.end': 'end', 'meeting.sign-minutes': 'minutes/sign', 'meeting.record-attendance': 'attendance' }[name]}`;
    return rest(world.baseUrl, session).post<MeetingResult | { error: { code: string; message: string; issues?: { path: string }[] } }>(route, { commandId: newCommandId(), ...body });
  }

  beforeAll(async () => {
    world = await startWorld();
    [chair, police, health] = await Promise.all([signIn(world.baseUrl, 'lead.hughes'), signIn(world.baseUrl, 'pc.evans'), signIn(world.baseUrl, 'hv.patel')]);
    const api = rest(world.baseUrl, chair);
    cases = [expectResult(await api.command('case.open', openCasePayload())).caseId, expectResult(await api.command('case.open', openCasePayload())).caseId];
    await rest(world.baseUrl, police).command('contribution.add', factPayload(cases[0]!));
    await rest(world.baseUrl, police).command('contribution.add', { ...factPayload(cases[0]!), text: RESTRICTED, restrictedTo: ['police'] });
    await rest(world.baseUrl, health).command('contribution.add', opinionPayload(cases[0]!));
    const scheduled = await meetingCommand(chair, 'meeting.schedule', { kind: 'triage', title: 'Morning triage', scheduledFor: new Date().toISOString(), agenda: cases });
    expect(scheduled.status).toBe(201);
    meetingId = (scheduled.body as MeetingResult).meetingId;
    for (const session of [chair, police, health]) {
      const socket = await connectSocket(world.baseUrl, session);
      sockets.push(socket);
      pushed.set(session.user.userId, []);
      socket.on('meeting.event', (e) => pushed.get(session.user.userId)!.push(e));
      const ack = await rawEmit<{ ok: boolean; result: { meeting: MeetingSummary } }>(socket, 'meeting.join', { meetingId });
      expect(ack.result.meeting.agenda.map((a) => a.caseId)).toEqual(cases);
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await world?.dispose();
  });

  it('the list holds meetings to come and those of the last 30 days; an older one is still read by its id', async () => {
    const old = await meetingCommand(chair, 'meeting.schedule', { kind: 'triage', title: 'Triage six weeks ago', scheduledFor: new Date(Date.now() - 42 * 86_400_000).toISOString(), agenda: cases });
    expect(old.status).toBe(201);
    const oldId = (old.body as MeetingResult).meetingId;
    const listed = (await rest(world.baseUrl, chair).get<{ meetings: MeetingSummary[] }>('/api/meetings')).body.meetings.map((m) => m.id);
    expect(listed).toContain(meetingId);
    expect(listed).not.toContain(oldId);
    expect((await rest(world.baseUrl, chair).get<{ meeting: MeetingSummary }>(`/api/meetings/${oldId}`)).body.meeting.title).toBe('Triage six weeks ago');
  });

  it('the chair moves to the next case and every attendee sees it live', async () => {
    expect((await meetingCommand(chair, 'meeting.start', {})).status).toBe(201);
    for (const [agency, session] of [
      ['police', police],
      ['health', health],
    ] as const) {
      expect((await meetingCommand(session, 'meeting.record-attendance', { agency, status: 'present', name: session.user.name })).status).toBe(201);
    }
    expect((await meetingCommand(chair, 'meeting.move', { itemIndex: 1 })).status).toBe(201);
    for (const session of [police, health]) {
      await waitUntil('attendee follows the chair', () => pushed.get(session.user.userId)!.find((e) => e.type === 'meeting.moved' && e.data.itemIndex === 1));
    }
    const notChair = await meetingCommand(police, 'meeting.move', { itemIndex: 0 });
    expect(notChair.status).toBe(403);
    expect(JSON.stringify(notChair.body)).toContain('only the chair (Rhian Hughes)');
  });

  it('records a decision with dissent and an action, whose deadline is scheduled', async () => {
    const api = rest(world.baseUrl, chair);
    const decision = await api.command('decision.record', {
      commandId: newCommandId(),
      caseId: cases[0]!,
      meetingId,
      outcome: 'strategy-discussion',
      rationale: 'Injuries with no explanation in a non-mobile child',
      threshold: 'Level 4: child protection (significant harm, s47)',
      agreedBy: ['Rhian Hughes (social care)', 'DC Sam Evans (police)'],
      dissent: [{ name: 'Priya Patel', agency: 'health', view: 'Would seek a paediatric assessment first' }],
    });
    expect(decision.status).toBe(201);
    const dueAt = new Date(Date.now() + 48 * 3_600_000).toISOString();
    const action = expectResult(await api.command('action.add', { commandId: newCommandId(), caseId: cases[0]!, title: 'Joint home visit', ownerUserId: police.user.userId, dueAt, meetingId }));

    const summary = (await api.view(cases[0]!)).summary;
    expect(summary.status).toBe('decided');
    expect(summary.deadlines.find((d) => d.id === 'strategy')).toMatchObject({ state: 'open' });
    expect(summary.deadlines.find((d) => d.id === `action:${action.entryId}`)).toMatchObject({ meetingId, owner: { userId: police.user.userId } });
    // The action is a deadline with its alert jobs waiting in BullMQ.
    const breachJob = await rawRedisCommand(world.redis.port, ['EXISTS', `mash:{bull}:deadlines:${cases[0]}.action.${action.entryId}.breach.g${action.version}`]);
    expect(breachJob).toContain(':1');
  });

  it('refuses a decision without rationale, an action without owner or due time, and sign-off by someone not the chair', async () => {
    const api = rest(world.baseUrl, chair);
    const before = (await api.view(cases[1]!)).summary.version;
    const noRationale = await api.command('decision.record', {
      commandId: newCommandId(),
      caseId: cases[1]!,
      outcome: 'early-help',
      threshold: 'Level 2: early help (additional needs)',
      agreedBy: ['R Hughes'],
    });
    expect(noRationale.status).toBe(400);
    expect(JSON.stringify(noRationale.body)).toContain('rationale');
    const noOwner = await api.command('action.add', { commandId: newCommandId(), caseId: cases[1]!, title: 'Visit', dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(JSON.stringify(noOwner.body)).toContain('ownerUserId');
    const noDue = await api.command('action.add', { commandId: newCommandId(), caseId: cases[1]!, title: 'Visit', ownerUserId: chair.user.userId });
    expect(JSON.stringify(noDue.body)).toContain('dueAt');
    // An action (like a decision) said to come from a meeting must name one with this case on its agenda.
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    for (const otherMeeting of ['m-no-such-meeting', undefined]) {
      const elsewhere =
        otherMeeting ??
        (await meetingCommand(chair, 'meeting.schedule', { kind: 'triage', title: 'Another triage', scheduledFor: new Date().toISOString(), agenda: [cases[0]!] }).then(
          (r) => (r.body as MeetingResult).meetingId,
        ));
      const wrongMeeting = await api.command('action.add', { commandId: newCommandId(), caseId: cases[1]!, title: 'Visit', ownerUserId: chair.user.userId, dueAt, meetingId: elsewhere });
      expect(wrongMeeting.status).toBe(400);
      expect(JSON.stringify(wrongMeeting.body)).toContain('no meeting with this case on its agenda');
    }
    expect((await api.view(cases[1]!)).summary.version).toBe(before);

    // An agency records its own attendance; another agency's only the chair may.
    const forOthers = await meetingCommand(police, 'meeting.record-attendance', { agency: 'health', status: 'apologies', name: 'Priya Patel' });
    expect(forOthers.status).toBe(403);
    expect(JSON.stringify(forOthers.body)).toContain('record your own agency, or ask the chair');

    const signedByOther = await meetingCommand(police, 'meeting.sign-minutes', {});
    expect(signedByOther.status).toBe(403);
    expect(JSON.stringify(signedByOther.body)).toContain('only the chair');
    const meeting = (await rest(world.baseUrl, chair).get<{ meeting: MeetingSummary }>(`/api/meetings/${meetingId}`)).body.meeting;
    expect(meeting.minutes).toEqual([]);
  });

  it('the chair signs minutes generated from the record: fact and opinion apart, each reader their own copy', async () => {
    expect((await meetingCommand(chair, 'meeting.end', {})).status).toBe(201);
    expect((await meetingCommand(chair, 'meeting.sign-minutes', {})).status).toBe(201);

    const read = async (s: Session) => (await rest(world.baseUrl, s).get<{ meeting: MeetingSummary }>(`/api/meetings/${meetingId}`)).body.meeting.minutes.at(-1)!.minutes;
    const forPolice = await read(police);
    const first = forPolice.items[0]!;
    expect(first.facts.map((f) => f.text)).toContain(RESTRICTED);
    expect(first.opinions).toHaveLength(1);
    expect(first.opinions[0]!.basis).toBeTruthy();
    expect(first.facts.every((f) => !first.opinions.some((o) => o.entryId === f.entryId))).toBe(true);
    expect(first.decisions[0]).toMatchObject({ outcome: 'strategy-discussion', dissent: [{ name: 'Priya Patel', agency: 'health' }] });
    expect(first.actions).toEqual([expect.objectContaining({ title: 'Joint home visit', owner: 'DC Sam Evans' })]);
    expect(forPolice.attendance.map((a) => a.agency).sort()).toEqual(['health', 'police']);

    const forHealth = await read(health);
    expect(JSON.stringify(forHealth)).not.toContain(RESTRICTED);
    expect(forHealth.items[0]!.facts.some((f) => f.withheld && f.agency === 'police')).toBe(true);
    // The live push of the signing carries no restricted text to anyone.
    await waitUntil('minutes-signed pushed', () => pushed.get(health.user.userId)!.find((e) => e.type === 'meeting.minutes-signed'));
    expect(JSON.stringify(pushed.get(health.user.userId))).not.toContain(RESTRICTED);

    // A later change is a new version.
    expect((await meetingCommand(chair, 'meeting.sign-minutes', {})).status).toBe(201);
    expect((await rest(world.baseUrl, chair).get<{ meeting: MeetingSummary }>(`/api/meetings/${meetingId}`)).body.meeting.minutes.map((m) => m.version)).toEqual([1, 2]);
  });

  it('exports the minutes as PDF and a printable page, audited', async () => {
    for (const format of ['pdf', 'html'] as const) {
      const res = await exportMinutes(world.baseUrl, health, meetingId, format);
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      if (format === 'pdf') expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      else {
        expect(body.toString()).toContain('Opinions');
        expect(body.toString()).not.toContain(RESTRICTED);
      }
    }
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    const entries = (await rest(world.baseUrl, auditor).get<{ entries: AuditRecord[] }>(`/api/audit?userId=${health.user.userId}`)).body.entries;
    expect(entries.filter((e) => e.action === 'minutes.export' && e.objectId === meetingId)).toHaveLength(2);
  });
});

/** Sockets for one describe block, closed after it, each with what it is pushed: case list rows, meeting list rows, meeting events. */
function useSockets() {
  const sockets: MashSocket[] = [];
  afterAll(() => {
    for (const s of sockets) s.disconnect();
  });
  return async (baseUrl: string, session: Session) => {
    const socket = await connectSocket(baseUrl, session);
    sockets.push(socket);
    const pushed = { socket, cases: [] as CaseSummary[], changed: [] as MeetingSummary[], events: [] as MeetingEvent[] };
    socket.on('cases.changed', (c) => pushed.cases.push(c));
    socket.on('meetings.changed', (m) => pushed.changed.push(m));
    socket.on('meeting.event', (e) => pushed.events.push(e));
    return pushed;
  };
}

async function meetingOverSocket(socket: MashSocket, name: string, payload: Record<string, unknown>): Promise<MeetingResult> {
  const ack = await rawEmit<Ack<MeetingResult>>(socket, name, { commandId: newCommandId(), ...payload });
  if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`);
  return ack.result;
}

describe('the meetings list, live', () => {
  // Two server processes: the watcher is on one, the chair's socket on the other.
  const world = useWorld({ servers: 2 });
  const socketOn = useSockets();

  const listOver = async (baseUrl: string, session: Session) => (await rest(baseUrl, session).get<{ meetings: MeetingSummary[] }>('/api/meetings')).body.meetings;

  it('a watcher on one process is pushed each change of a meeting run through a socket on the other, as the REST list gives it; other roles are pushed nothing', async () => {
    const [a, b] = [world.current.servers[0]!, world.current.servers[1]!];
    const [health, auditor] = await Promise.all([signIn(a.baseUrl, 'hv.patel'), signIn(a.baseUrl, 'audit.demo')]);
    const [lead, police, admin] = await Promise.all([signIn(b.baseUrl, 'lead.hughes'), signIn(b.baseUrl, 'pc.evans'), signIn(a.baseUrl, 'admin.demo')]);
    const agenda = [expectResult(await rest(b.baseUrl, lead).command('case.open', openCasePayload())).caseId, expectResult(await rest(b.baseUrl, lead).command('case.open', openCasePayload())).caseId];
    await rest(b.baseUrl, police).command('contribution.add', { ...factPayload(agenda[0]!), text: RESTRICTED, restrictedTo: ['police'] });
    // An earlier meeting, so the list the watcher is given is not empty.
    const earlier = await meetingOverSocket((await socketOn(b.baseUrl, lead)).socket, 'meeting.schedule', {
      kind: 'triage',
      title: 'Yesterday',
      scheduledFor: new Date(Date.now() - 86_400_000).toISOString(),
      agenda,
    });

    // A (health, on process a) watches; admin and auditor (also on a) may not read meetings at all.
    const watcher = await socketOn(a.baseUrl, health);
    const watched = await rawEmit<Ack<{ meetings: MeetingSummary[] }>>(watcher.socket, 'meetings.watch', {});
    expect(watched.ok && watched.result.meetings.map((m) => m.id)).toEqual([earlier.meetingId]);
    expect(watched.ok && watched.result.meetings).toEqual(await listOver(a.baseUrl, health));
    const outsiders = [await socketOn(a.baseUrl, admin), await socketOn(a.baseUrl, auditor)];
    for (const o of outsiders) expect(await rawEmit(o.socket, 'meetings.watch', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await rawEmit(watcher.socket, 'meetings.watch', { everything: true })).toMatchObject({ ok: false, error: { code: 'invalid' } });

    // B (the chair, on process b) schedules, starts, moves, ends and signs off over a socket.
    const chair = (await socketOn(b.baseUrl, lead)).socket;
    const { meetingId } = await meetingOverSocket(chair, 'meeting.schedule', { kind: 'triage', title: 'Live list triage', scheduledFor: new Date(Date.now() + 3_600_000).toISOString(), agenda });
    const row = (what: string, holds: (m: MeetingSummary) => boolean) =>
      waitUntil(`meetings.changed: ${what}`, () => watcher.changed.find((m) => m.id === meetingId && holds(m)), { timeoutMs: 10_000 });
    expect(await row('scheduled', (m) => m.status === 'scheduled')).toMatchObject({ title: 'Live list triage', chair: { userId: lead.user.userId } });
    await meetingOverSocket(chair, 'meeting.start', { meetingId });
    await row('started', (m) => m.status === 'in-progress');
    await meetingOverSocket(chair, 'meeting.move', { meetingId, itemIndex: 1 });
    await row('moved to item 2', (m) => m.currentItem === 1);
    await meetingOverSocket(chair, 'meeting.end', { meetingId });
    await row('ended', (m) => m.status === 'ended');
    const signed = await meetingOverSocket(chair, 'meeting.sign-minutes', { meetingId });
    const last = await row('minutes signed', (m) => m.version === signed.version);
    expect(last.minutes.map((v) => v.version)).toEqual([1]);

    // Each push is the row the REST list gives: minutes without what they say of each case.
    expect(last).toEqual((await listOver(a.baseUrl, health)).find((m) => m.id === meetingId));
    expect(watcher.changed.every((m) => m.minutes.every((v) => v.minutes.items.length === 0))).toBe(true);
    expect(JSON.stringify(watcher.changed)).not.toContain(RESTRICTED);

    // The watch was audited as the REST list is (meeting.list, here over the socket); the refusals as denied.
    const asAuditor = rest(a.baseUrl, auditor);
    const healthAudit = (await asAuditor.get<{ entries: AuditRecord[] }>(`/api/audit?userId=${health.user.userId}`)).body.entries;
    expect(healthAudit.filter((e) => e.action === 'meeting.list' && e.channel === 'socket' && e.outcome === 'allowed')).toHaveLength(1);
    const adminAudit = (await asAuditor.get<{ entries: AuditRecord[] }>(`/api/audit?userId=${admin.user.userId}`)).body.entries;
    expect(adminAudit.some((e) => e.action === 'meetings.watch' && e.outcome === 'denied')).toBe(true);

    // An acknowledgement comes after anything pushed before it: admin and auditor were pushed nothing.
    for (const o of outsiders) {
      await rawEmit(o.socket, 'meetings.watch', {});
      expect(o.changed).toEqual([]);
    }
  });
});

describe('a case restricted to some agencies, on an agenda', () => {
  // Two server processes: per-agency pushes cross between them through the adapter.
  const world = useWorld({ servers: 2 });
  const socketOn = useSockets();

  it("another agency's reader gets its agenda item withheld on every path (list, meeting, live, minutes, export); the agencies it is shared with see it whole", async () => {
    const [a, b] = [world.current.servers[0]!, world.current.servers[1]!];
    const [police, health] = await Promise.all([signIn(a.baseUrl, 'pc.evans'), signIn(a.baseUrl, 'hv.patel')]);
    const lead = await signIn(b.baseUrl, 'lead.hughes');
    // Health and police (process a) watch the case list and the meetings list.
    const forHealth = await socketOn(a.baseUrl, health);
    const forPolice = await socketOn(a.baseUrl, police);
    for (const w of [forHealth, forPolice]) {
      expect(await rawEmit(w.socket, 'cases.watch', {})).toMatchObject({ ok: true });
      expect(await rawEmit(w.socket, 'meetings.watch', {})).toMatchObject({ ok: true });
    }
    // Police open a case restricted to police and children's social care; the duty lead an open one.
    const secret = expectResult(await rest(a.baseUrl, police).command('case.open', openCasePayload({ restrictedTo: ['childrens-social-care'] })));
    const open = expectResult(await rest(b.baseUrl, lead).command('case.open', openCasePayload()));
    expect((await rest(a.baseUrl, health).get(`/api/cases/${secret.caseId}`)).status).not.toBe(200);
    const leaks = (x: unknown) => {
      const json = JSON.stringify(x);
      return json.includes(secret.caseId) || json.includes(secret.reference);
    };
    const WITHHELD = { caseId: '', reference: '', withheld: true };
    const whole = [
      { caseId: secret.caseId, reference: secret.reference },
      { caseId: open.caseId, reference: open.reference },
    ];
    const withheld = [WITHHELD, whole[1]];

    // The case list: the restricted case reaches police only, the open one both.
    for (const id of [secret.caseId, open.caseId]) await waitUntil('cases.changed', () => forPolice.cases.find((c) => c.id === id), { timeoutMs: 10_000 });
    await waitUntil('cases.changed', () => forHealth.cases.find((c) => c.id === open.caseId), { timeoutMs: 10_000 });

    // The duty lead (process b) schedules.
    const chair = (await socketOn(b.baseUrl, lead)).socket;
    const { meetingId } = await meetingOverSocket(chair, 'meeting.schedule', {
      kind: 'triage',
      title: 'Restricted triage',
      scheduledFor: new Date().toISOString(),
      agenda: [secret.caseId, open.caseId],
    });

    // The list, live and by REST: the same agenda length and order, the restricted case withheld for health only.
    const rowFor = (w: typeof forHealth) => waitUntil('meetings.changed', () => w.changed.find((m) => m.id === meetingId), { timeoutMs: 10_000 });
    expect((await rowFor(forHealth)).agenda).toEqual(withheld);
    expect((await rowFor(forPolice)).agenda).toEqual(whole);
    const listed = async (baseUrl: string, s: Session) => (await rest(baseUrl, s).get<{ meetings: MeetingSummary[] }>('/api/meetings')).body.meetings.find((m) => m.id === meetingId)!;
    expect((await listed(a.baseUrl, health)).agenda).toEqual(withheld);
    expect((await listed(a.baseUrl, police)).agenda).toEqual(whole);
    expect((await listed(b.baseUrl, lead)).agenda).toEqual(whole);

    // The meeting, by REST and by joining it.
    const read = async (s: Session) => (await rest(a.baseUrl, s).get<{ meeting: MeetingSummary }>(`/api/meetings/${meetingId}`)).body.meeting;
    expect((await read(health)).agenda).toEqual(withheld);
    expect((await read(police)).agenda).toEqual(whole);
    const joinedHealth = await rawEmit<Ack<{ meeting: MeetingSummary }>>(forHealth.socket, 'meeting.join', { meetingId });
    expect(joinedHealth.ok && joinedHealth.result.meeting.agenda).toEqual(withheld);
    const joinedPolice = await rawEmit<Ack<{ meeting: MeetingSummary }>>(forPolice.socket, 'meeting.join', { meetingId });
    expect(joinedPolice.ok && joinedPolice.result.meeting.agenda).toEqual(whole);
    expect(leaks(joinedHealth)).toBe(false);

    // The chair runs it through to signed minutes; item 1 stays the restricted case's place for everyone.
    await meetingOverSocket(chair, 'meeting.start', { meetingId });
    await meetingOverSocket(chair, 'meeting.move', { meetingId, itemIndex: 1 });
    await meetingOverSocket(chair, 'meeting.move', { meetingId, itemIndex: 0 });
    await meetingOverSocket(chair, 'meeting.end', { meetingId });
    const signed = await meetingOverSocket(chair, 'meeting.sign-minutes', { meetingId });
    for (const w of [forHealth, forPolice]) {
      await waitUntil('minutes-signed pushed', () => w.events.find((e) => e.type === 'meeting.minutes-signed'), { timeoutMs: 10_000 });
      await waitUntil('the signed row pushed', () => w.changed.find((m) => m.id === meetingId && m.version === signed.version), { timeoutMs: 10_000 });
    }
    const afterHealth = await read(health);
    expect(afterHealth.currentItem).toBe(0);
    expect(afterHealth.minutes.at(-1)!.minutes.items[0]).toMatchObject({ ...WITHHELD, restrictedTo: expect.arrayContaining(['police']) });
    const afterPolice = await read(police);
    expect(afterPolice.minutes.at(-1)!.minutes.items.map((i) => [i.caseId, i.reference])).toEqual(whole.map((i) => [i.caseId, i.reference]));
    const page = await (await exportMinutes(a.baseUrl, health, meetingId, 'html')).text();
    expect(page).toContain('A case restricted to other agencies');

    // Nothing health was given, by any path, names the restricted case; police were given it.
    expect(leaks([forHealth.cases, forHealth.changed, forHealth.events, await listed(a.baseUrl, health), afterHealth, page])).toBe(false);
    expect(leaks(forPolice.changed)).toBe(true);
    expect(leaks(forPolice.cases)).toBe(true);
  });
});
