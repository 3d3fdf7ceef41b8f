/**
 * Running the meeting room: the agenda starts in order of urgency (Red first) and the chair alone
 * reorders it, live for everyone, the item under discussion staying under discussion; the chair
 * records anyone's attendance (by phone too) and invited agencies with nothing recorded are
 * minuted as absent; decisions and actions are recorded in a meeting only while it runs (before
 * it starts or after it ends they are refused and nothing is written); minutes lay out each
 * decision as its parts, on the page and in the PDF.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DECISION_SETTINGS, type Ack, type MeetingEvent, type MeetingResult, type MeetingSummary } from '@mashboard/shared';
import { connectSocket, expectResult, rawEmit, rest, signIn, type MashSocket, type Session } from '../support/clients.ts';
import { newCommandId, openCasePayload } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();
let chair: Session;
let police: Session;
const sockets: MashSocket[] = [];

beforeAll(async () => {
  [chair, police] = await Promise.all([signIn(world.current.baseUrl, 'lead.hughes'), signIn(world.current.baseUrl, 'pc.evans')]);
});
afterAll(() => sockets.forEach((s) => s.disconnect()));

type Refusal = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

async function meetingCommand(session: Session, meetingId: string, path: string, body: Record<string, unknown>) {
  return rest(world.current.baseUrl, session).post<MeetingResult | Refusal>(`/api/meetings/${meetingId}/${path}`, { commandId: newCommandId(), ...body });
}
const meeting = async (session: Session, meetingId: string) => (await rest(world.current.baseUrl, session).get<{ meeting: MeetingSummary }>(`/api/meetings/${meetingId}`)).body.meeting;

/** A case rated as given (or left unrated), with a first name to know it by. */
async function ratedCase(firstName: string, rating?: 'red' | 'amber' | 'green' | 'blue'): Promise<string> {
  const api = rest(world.current.baseUrl, chair);
  const { caseId, version } = expectResult(await api.command('case.open', openCasePayload({ children: [{ firstName, lastName: 'Agenda', dateOfBirth: '2016-05-01' }] })));
  if (rating) expectResult(await api.command('rating.set', { commandId: newCommandId(), caseId, expectedVersion: version, rating, reason: `Rated ${rating} for the agenda test.` }));
  return caseId;
}

async function schedule(agenda: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const res = await rest(world.current.baseUrl, chair).post<MeetingResult>('/api/meetings', {
    commandId: newCommandId(),
    kind: 'triage',
    title: 'Room triage',
    scheduledFor: new Date().toISOString(),
    agenda,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body.meetingId;
}

describe('the agenda', () => {
  it('starts in order of urgency whatever order the cases were chosen in: Red, Amber, not yet rated, Green, Blue', async () => {
    const blue = await ratedCase('Blue', 'blue');
    const green = await ratedCase('Green', 'green');
    const unrated = await ratedCase('Unrated');
    const amber = await ratedCase('Amber', 'amber');
    const red = await ratedCase('Red', 'red');
    const meetingId = await schedule([blue, green, unrated, amber, red]);
    expect((await meeting(chair, meetingId)).agenda.map((a) => a.caseId)).toEqual([red, amber, unrated, green, blue]);
    // Invited by default: the four statutory MASH partners.
    expect((await meeting(chair, meetingId)).invitedAgencies).toEqual(['police', 'childrens-social-care', 'health', 'education']);
  });

  it('the same case twice is refused, naming the place', async () => {
    const one = await ratedCase('Twice');
    const res = await rest(world.current.baseUrl, chair).post<Refusal>('/api/meetings', {
      commandId: newCommandId(),
      kind: 'triage',
      title: 'Twice',
      scheduledFor: new Date().toISOString(),
      agenda: [one, one],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'agenda.1', message: 'that case is already on the agenda' }]);
  });

  it('the chair moves an item; everyone in the room is told at once and the case under discussion stays under discussion', async () => {
    const cases = [await ratedCase('First', 'red'), await ratedCase('Second', 'amber'), await ratedCase('Third', 'green')];
    const meetingId = await schedule(cases);
    const attendee = await connectSocket(world.current.baseUrl, police);
    sockets.push(attendee);
    const pushed: MeetingEvent[] = [];
    attendee.on('meeting.event', (e) => pushed.push(e));
    expect(await rawEmit(attendee, 'meeting.join', { meetingId })).toMatchObject({ ok: true });

    expect((await meetingCommand(chair, meetingId, 'start', {})).status).toBe(201);
    expect((await meetingCommand(chair, meetingId, 'move', { itemIndex: 1 })).status).toBe(201);
    // The chair is discussing "Second"; the last case is brought to the top, over a socket.
    const chairSocket = await connectSocket(world.current.baseUrl, chair);
    sockets.push(chairSocket);
    const ack = await rawEmit<Ack<MeetingResult>>(chairSocket, 'meeting.reorder', { commandId: newCommandId(), meetingId, from: 2, to: 0 });
    expect(ack.ok).toBe(true);
    const after = await meeting(police, meetingId);
    expect(after.agenda.map((a) => a.caseId)).toEqual([cases[2], cases[0], cases[1]]);
    expect(after.agenda[after.currentItem]!.caseId).toBe(cases[1]);
    await waitUntil('the reorder pushed to the attendee', () => pushed.find((e) => e.type === 'meeting.agenda-reordered'));
    expect(pushed.find((e) => e.type === 'meeting.agenda-reordered')!.data).toEqual({ from: 2, to: 0 });

    // Moving the case under discussion carries the chair with it.
    expect((await meetingCommand(chair, meetingId, 'reorder', { from: 2, to: 0 })).status).toBe(201);
    const moved = await meeting(chair, meetingId);
    expect(moved.agenda.map((a) => a.caseId)).toEqual([cases[1], cases[2], cases[0]]);
    expect(moved.currentItem).toBe(0);
  });

  it('only the chair reorders; a place off the agenda or a missing one is refused naming the field, and nothing changes', async () => {
    const cases = [await ratedCase('Only'), await ratedCase('Chair')];
    const meetingId = await schedule(cases);
    const before = await meeting(chair, meetingId);

    const notChair = await meetingCommand(police, meetingId, 'reorder', { from: 0, to: 1 });
    expect(notChair.status).toBe(403);
    expect((notChair.body as Refusal).error.message).toContain('only the chair (Rhian Hughes)');

    const offTheEnd = await meetingCommand(chair, meetingId, 'reorder', { from: 0, to: 2 });
    expect(offTheEnd.status).toBe(400);
    expect((offTheEnd.body as Refusal).error.issues).toEqual([{ path: 'to', message: 'the agenda has 2 items (0 to 1)' }]);
    const missing = await meetingCommand(chair, meetingId, 'reorder', { from: 1 });
    expect(missing.status).toBe(400);
    expect((missing.body as Refusal).error.issues?.map((i) => i.path)).toEqual(['to']);
    const same = await meetingCommand(chair, meetingId, 'reorder', { from: 1, to: 1 });
    expect((same.body as Refusal).error.issues).toEqual([{ path: 'to', message: 'to must differ from from' }]);

    expect(await meeting(chair, meetingId)).toEqual(before);
  });
});

describe('attendance', () => {
  it("the chair records another agency's attendee by phone; invited agencies with nothing recorded are minuted as absent", async () => {
    const meetingId = await schedule([await ratedCase('Attend')], { invitedAgencies: ['police', 'childrens-social-care', 'health', 'education'] });
    expect((await meetingCommand(chair, meetingId, 'start', {})).status).toBe(201);
    expect((await meetingCommand(chair, meetingId, 'attendance', { agency: 'police', name: 'DC Sam Evans', status: 'phone' })).status).toBe(201);
    expect((await meetingCommand(chair, meetingId, 'attendance', { agency: 'childrens-social-care', name: 'Rhian Hughes', status: 'present' })).status).toBe(201);
    expect((await meetingCommand(chair, meetingId, 'attendance', { agency: 'health', status: 'written' })).status).toBe(201);
    const bad = await meetingCommand(chair, meetingId, 'attendance', { agency: 'police', name: 'DC Sam Evans', status: 'video' });
    expect(bad.status).toBe(400);
    expect((bad.body as Refusal).error.issues).toEqual([{ path: 'status', message: 'status must be one of: present, phone, apologies, written' }]);

    const now = await meeting(police, meetingId);
    expect(now.invitedAgencies).toEqual(['police', 'childrens-social-care', 'health', 'education']);
    expect(now.attendance.find((a) => a.agency === 'police')).toMatchObject({ name: 'DC Sam Evans', status: 'phone' });

    expect((await meetingCommand(chair, meetingId, 'end', {})).status).toBe(201);
    expect((await meetingCommand(chair, meetingId, 'minutes/sign', {})).status).toBe(201);
    const minutes = (await meeting(police, meetingId)).minutes.at(-1)!.minutes;
    expect(minutes.absent).toEqual(['education']);
    const html = await exportMinutes(police, meetingId, 'html');
    expect(html).toContain('Police (DC Sam Evans): Present by phone');
    expect(html).toContain('Health: Sent written information');
    expect(html).toContain('Education: Absent (invited, no attendance recorded)');
  });
});

async function exportMinutes(session: Session, meetingId: string, format: 'pdf' | 'html'): Promise<string> {
  const base = world.current.baseUrl;
  const res = await fetch(`${base}/api/meetings/${meetingId}/minutes/exports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: base },
    body: JSON.stringify({ format }),
  });
  expect(res.status).toBe(200);
  const body = Buffer.from(await res.arrayBuffer());
  // The PDF as a reader's tools see it: its text, in layout order.
  return format === 'pdf' ? execFileSync('pdftotext', ['-layout', '-', '-'], { input: body }).toString() : body.toString();
}

describe('decisions and actions belong to the meeting while it runs', () => {
  const decision = (caseId: string, meetingId: string) => ({
    commandId: newCommandId(),
    caseId,
    meetingId,
    outcome: 'early-help',
    rationale: 'Needs are below the s17 threshold and the family asked for help. [room rationale]',
    // One of the levels of need the admin's list names (the default list here).
    threshold: DEFAULT_DECISION_SETTINGS.thresholds[1]!,
    agreedBy: ['Rhian Hughes, Children’s social care', 'DC Sam Evans, Police'],
    dissent: [{ name: 'Priya Patel', agency: 'health', view: 'A health visitor assessment should come first. [room dissent]' }],
  });
  const action = (caseId: string, meetingId: string) => ({
    commandId: newCommandId(),
    caseId,
    meetingId,
    title: 'Refer to the early help hub',
    ownerUserId: police.user.userId,
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

  it('before the meeting starts and after it ends a decision or action naming it is refused and nothing is written; minutes lay each decision out as its parts, on the page and in the PDF', async () => {
    const api = rest(world.current.baseUrl, chair);
    const caseId = await ratedCase('Decided', 'amber');
    const meetingId = await schedule([caseId]);
    const version = async () => (await api.view(caseId)).summary.version;

    const v0 = await version();
    for (const name of ['decision.record', 'action.add'] as const) {
      const early = await api.command(name, name === 'decision.record' ? decision(caseId, meetingId) : action(caseId, meetingId));
      expect(early.status).toBe(409);
      expect(JSON.stringify(early.body)).toContain('The meeting has not started');
    }
    expect(await version()).toBe(v0);

    expect((await meetingCommand(chair, meetingId, 'start', {})).status).toBe(201);
    expectResult(await api.command('decision.record', decision(caseId, meetingId)));
    expectResult(await api.command('action.add', action(caseId, meetingId)));
    expect((await meetingCommand(chair, meetingId, 'end', {})).status).toBe(201);

    const v1 = await version();
    for (const name of ['decision.record', 'action.add'] as const) {
      const late = await api.command(name, name === 'decision.record' ? decision(caseId, meetingId) : action(caseId, meetingId));
      expect(late.status).toBe(409);
      expect((late.body as unknown as Refusal).error).toMatchObject({ code: 'conflict', issues: [{ path: 'meetingId', message: 'the meeting has ended' }] });
    }
    expect(await version()).toBe(v1);
    const lateAttendance = await meetingCommand(chair, meetingId, 'attendance', { agency: 'police', status: 'present' });
    expect(lateAttendance.status).toBe(409);

    expect((await meetingCommand(chair, meetingId, 'minutes/sign', {})).status).toBe(201);
    const html = await exportMinutes(police, meetingId, 'html');
    expect(html).toMatch(/<dt>Outcome<\/dt><dd>Early help<\/dd><dt>Threshold<\/dt><dd>Level 2: early help \(additional needs\)<\/dd><dt>Rationale<\/dt><dd>Needs are below/);
    expect(html).toContain('<dt>Agreed by</dt><dd>Rhian Hughes, Children’s social care; DC Sam Evans, Police</dd>');
    expect(html).toContain('<dt>Dissent</dt><dd>Priya Patel (Health): A health visitor assessment should come first. [room dissent]</dd>');

    const pdf = await exportMinutes(police, meetingId, 'pdf');
    // Each part begins its own line, in order, with its label.
    const lines = pdf.split('\n').map((l) => l.trim());
    const at = (label: string) => lines.findIndex((l) => l.startsWith(`${label}:`));
    const order = ['Outcome', 'Threshold', 'Rationale', 'Agreed by', 'Dissent'].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lines[at('Outcome')]).toBe('Outcome: Early help');
    expect(lines[at('Dissent')]).toContain('Priya Patel (Health)');
  });
});
