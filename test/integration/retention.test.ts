/**
 * Retention with real Redis and real BullMQ: a schedule in seconds, so a review falls due during
 * the test and reaches the MASH managers who may see the case (and no one else); keep reschedules
 * it; a legal hold refuses erasure; an erasure leaves a tombstone and no trace of the case's content
 * anywhere in Redis (every key of every type is scanned, before as a control and after), while the
 * audit chain still verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Alert, ApiError, CaseSummary, CaseTombstone, CommandResult, MeetingResult, MeetingSummary, RetentionSchedule } from '@mashboard/shared';
import { verifyAuditChain } from '../../server/src/audit/audit-log.ts';
import { caseIndexKey, caseShardOf } from '../../server/src/store/keys.ts';
import { connectSocket, expectResult, rest, signIn, type MashSocket, type Session, withoutRequestId } from '../support/clients.ts';
import { factPayload, newCommandId, opinionPayload, openCasePayload, voicePayload, type World } from '../support/fixtures.ts';
import { waitUntil } from '../support/ports.ts';
import { useWorld } from '../support/world.ts';

const worldRef = useWorld();
let world: World;
let admin: Session;
let manager: Session;
let lead: Session;
let redis: Redis;
const sockets: MashSocket[] = [];

type Err = { error: ApiError };

async function putSchedule(session: Session, body: unknown) {
  const res = await fetch(`${session.baseUrl}/api/retention-schedule`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, origin: session.baseUrl },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { schedule: RetentionSchedule } & Partial<Err> };
}

async function currentSchedule(): Promise<RetentionSchedule> {
  return (await rest(world.baseUrl, admin).get<{ schedule: RetentionSchedule }>('/api/retention-schedule')).body.schedule;
}

async function close(session: Session, caseId: string): Promise<CaseSummary> {
  const api = rest(world.baseUrl, session);
  const before = (await api.view(caseId)).summary;
  expectResult(await api.command('case.change-status', { commandId: newCommandId(), caseId, expectedVersion: before.version, status: 'closed', reason: 'No further role for the MASH' }));
  return (await api.view(caseId)).summary;
}

async function inbox(session: Session): Promise<Alert[]> {
  return (await rest(world.baseUrl, session).get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
}

beforeAll(async () => {
  world = worldRef.current;
  [admin, manager, lead] = await Promise.all([signIn(world.baseUrl, 'admin.demo'), signIn(world.baseUrl, 'mgr.clarke'), signIn(world.baseUrl, 'lead.hughes')]);
  redis = new Redis(world.redis.url);
  // Reviews fall due seconds after closure.
  const { version, ...schedule } = await currentSchedule();
  const fast = { ...schedule, unit: 'seconds', closedWithoutDecision: 2, periods: { ...schedule.periods, 'early-help': 2, 'no-further-action': 2 } };
  const put = await putSchedule(admin, { expectedVersion: version, schedule: fast });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
});

afterAll(() => {
  for (const s of sockets) s.disconnect();
  redis?.disconnect();
});

describe('the retention schedule', () => {
  it('refuses an unknown outcome, a negative or fractional duration and a non-admin, naming the field, and changes nothing', async () => {
    const before = await currentSchedule();
    const { version, ...schedule } = before;
    const unknown = await putSchedule(admin, { expectedVersion: version, schedule: { ...schedule, periods: { ...schedule.periods, 'shred-it': 3 } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.issues?.[0]).toMatchObject({ path: 'periods' });
    expect(unknown.body.error?.message).toContain('shred-it');
    const negative = await putSchedule(admin, { expectedVersion: version, schedule: { ...schedule, periods: { ...schedule.periods, 'early-help': -5 } } });
    expect(negative.status).toBe(400);
    expect(negative.body.error?.issues).toEqual([{ path: 'periods.early-help', message: 'periods.early-help must be 1 or more (a positive whole number)' }]);
    const fraction = await putSchedule(admin, { expectedVersion: version, schedule: { ...schedule, closedWithoutDecision: 0.5 } });
    expect(fraction.body.error?.issues?.[0]?.path).toBe('closedWithoutDecision');
    const notAdmin = await putSchedule(manager, { expectedVersion: version, schedule });
    expect(notAdmin.status).toBe(403);
    expect(await currentSchedule()).toEqual(before);
  });
});

describe('retention reviews', () => {
  it('a review falls due and reaches the MASH managers who may see the case, live and in their inbox; keep reschedules it', async () => {
    // A police MASH manager, to show a case restricted to the police alerts no other agency's manager.
    const created = await rest(world.baseUrl, admin).post('/api/admin/users', {
      username: 'mgr.police',
      name: 'Insp Dana Reid',
      agency: 'police',
      role: 'mash-manager',
      password: 'a long enough passphrase',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const policeManager = await signIn(world.baseUrl, 'mgr.police', 'a long enough passphrase');
    const pushed: Alert[] = [];
    const socket = await connectSocket(world.baseUrl, manager);
    sockets.push(socket);
    socket.on('alert.raised', (a) => pushed.push(a));

    const open = expectResult(await rest(world.baseUrl, lead).command('case.open', openCasePayload())).caseId;
    const restricted = expectResult(await rest(world.baseUrl, policeManager).command('case.open', { ...openCasePayload(), restrictedTo: ['police'] })).caseId;
    const closed = await close(lead, open);
    expect(closed.retention?.reviewDueAt).toBeDefined();
    await close(policeManager, restricted);

    const live = await waitUntil('the review pushed to the manager', () => pushed.find((a) => a.caseId === open && a.kind === 'retention-review'), { timeoutMs: 20_000 });
    expect(live.title).toContain(closed.reference);
    expect(live.title).not.toMatch(/Amelia|Noah/);
    expect((await inbox(manager)).some((a) => a.id === live.id)).toBe(true);
    // The police manager hears of the police case (the control); the social care manager never does, nor does the duty lead.
    await waitUntil('the restricted case review in the police manager inbox', async () => (await inbox(policeManager)).find((a) => a.caseId === restricted));
    expect((await inbox(manager)).some((a) => a.caseId === restricted)).toBe(false);
    expect(pushed.some((a) => a.caseId === restricted)).toBe(false);
    expect((await inbox(lead)).some((a) => a.kind === 'retention-review')).toBe(false);

    // Keep: refused with a past date (naming the field) and from a duty lead; then kept to a day ahead.
    const api = rest(world.baseUrl, manager);
    const past = await api.command('retention.keep', { commandId: newCommandId(), caseId: open, reason: 'Sibling case open', nextReviewOn: '2020-01-01' });
    expect(past.status).toBe(400);
    expect((past.body as Err).error.issues?.[0]?.path).toBe('nextReviewOn');
    expect((await rest(world.baseUrl, lead).command('retention.keep', { commandId: newCommandId(), caseId: open, reason: 'x', nextReviewOn: '2099-01-01' })).status).toBe(403);
    const nextReviewOn = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expectResult(await api.command('retention.keep', { commandId: newCommandId(), caseId: open, reason: 'Sibling case still open in another area', nextReviewOn }));
    const kept = (await api.view(open)).summary;
    expect(kept.retention).toMatchObject({ reviewDueAt: `${nextReviewOn}T00:00:00.000Z`, reviews: [{ reason: 'Sibling case still open in another area', nextReviewOn }] });
    expect(kept.retention!.generation).toBeGreaterThan(closed.retention!.generation);
    // The retention index and the review job follow the new date (the old generation's job is gone).
    expect(Number(await redis.zscore(caseIndexKey(caseShardOf(open), 'retention'), open))).toBe(Date.parse(`${nextReviewOn}T00:00:00Z`));
    expect(await redis.zscore('mash:{bull}:deadlines:delayed', `${open}.retention.g${kept.retention!.generation}`)).not.toBeNull();

    // Erased, the police-only case answers 410 to the police and, to any other agency, exactly as a case that never existed.
    const { reference } = (await rest(world.baseUrl, policeManager).view(restricted)).summary;
    expectResult(await rest(world.baseUrl, policeManager).command('retention.erase', { commandId: newCommandId(), caseId: restricted, reason: 'Retention period over', confirmReference: reference }));
    expect((await rest(world.baseUrl, policeManager).get(`/api/cases/${restricted}`)).status).toBe(410);
    const missing = await rest(world.baseUrl, lead).get('/api/cases/c00000000000000000000');
    for (const answer of [await rest(world.baseUrl, lead).get(`/api/cases/${restricted}`), await rest(world.baseUrl, lead).command('contribution.add', factPayload(restricted))]) {
      expect(answer.status).toBe(404);
      // The same answer but for the request id each answer carries (random, so it tells nothing).
      expect(withoutRequestId(answer.body)).toEqual(withoutRequestId(missing.body));
      expect(JSON.stringify(answer.body)).not.toContain(reference);
    }
  });
});

/** Every key in Redis, every type, as text (binary values too), with its name. */
async function everything(): Promise<string[]> {
  const texts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scanBuffer(cursor, 'COUNT', 1000);
    cursor = next.toString();
    for (const keyBuf of keys) {
      const key = keyBuf.toString();
      texts.push(key);
      const type = await redis.type(key);
      const add = (values: Buffer[]) => texts.push(`${key} ${values.map((v) => v.toString('utf8')).join(' ')}`);
      if (type === 'string') add([(await redis.getBuffer(key)) ?? Buffer.alloc(0)]);
      else if (type === 'hash') add(await redis.hgetallBuffer(key).then((h) => Object.entries(h).flatMap(([f, v]) => [Buffer.from(f), v])));
      else if (type === 'list') add(await redis.lrangeBuffer(key, 0, -1));
      else if (type === 'set') add(await redis.smembersBuffer(key));
      else if (type === 'zset') add(await redis.zrangeBuffer(key, 0, -1));
      else if (type === 'stream') add(((await redis.xrangeBuffer(key, '-', '+')) as unknown as [Buffer, Buffer[]][]).flatMap(([id, fields]) => [id, ...fields]));
      else throw new Error(`unexpected type ${type} of ${key}`);
    }
  } while (cursor !== '0');
  return texts;
}

const found = (texts: string[], needle: string) => texts.filter((t) => t.toLowerCase().includes(needle.toLowerCase())).map((t) => t.slice(0, 120));

describe('erasure', () => {
  // Words found nowhere else: a child's names, the contributions, the child's words, the sharing record.
  const NEEDLES = ['Zephyrine', 'Quillfeather', 'Ottoline Brackenridge', 'xylophone-shaped bruise', 'gloomwhistle', 'marmalade moon', 'Quokkaville Academy'];
  let caseId: string;
  let reference: string;
  let meetingId: string;

  beforeAll(async () => {
    const api = rest(world.baseUrl, lead);
    const opened = expectResult(
      await api.command('case.open', {
        ...openCasePayload(),
        children: [{ firstName: 'Zephyrine', lastName: 'Quillfeather', dateOfBirth: '2016-04-09' }],
        referral: { source: 'education', referrerName: 'Ottoline Brackenridge', referrerRole: 'Teacher' },
        reasonForConcern: 'Zephyrine Quillfeather came to school with a xylophone-shaped bruise on her arm.',
      }),
    );
    caseId = opened.caseId;
    reference = opened.reference;
    const view = await api.view(caseId);
    const childId = view.summary.children[0]!.id;
    const police = await signIn(world.baseUrl, 'pc.evans');
    const health = await signIn(world.baseUrl, 'hv.patel');
    const fact = expectResult(await rest(world.baseUrl, police).command('contribution.add', factPayload(caseId, { text: 'Officers saw a xylophone-shaped bruise on Zephyrine.' })));
    expectResult(
      await rest(world.baseUrl, health).command('contribution.add', opinionPayload(caseId, { text: 'Mother seems gloomwhistle and withdrawn.', basis: 'Home visit: Quillfeather household' })),
    );
    expectResult(await rest(world.baseUrl, health).command('voice.record', voicePayload(caseId, childId, { words: 'I sleep under the marmalade moon when it is loud.' })));
    expectResult(
      await api.command('rating.set', { commandId: newCommandId(), caseId, expectedVersion: (await api.view(caseId)).summary.version, rating: 'red', reason: 'Injury to Zephyrine unexplained' }),
    );
    // An action named after the child falls due in seconds: its alert title carries the name.
    const dueAt = new Date(Date.now() + 3000).toISOString();
    expectResult(await api.command('action.add', { commandId: newCommandId(), caseId, title: 'Visit Zephyrine at home', ownerUserId: lead.user.userId, dueAt }));
    await waitUntil('the action alert', async () => (await inbox(lead)).find((a) => a.caseId === caseId && a.kind === 'breach' && a.title.includes('Zephyrine')), { timeoutMs: 20_000 });
    // A sharing decision with an export.
    const shared = expectResult(
      await rest(world.baseUrl, police).command('sharing.decide', {
        commandId: newCommandId(),
        caseId,
        direction: 'outgoing',
        purpose: 'So Quokkaville Academy can keep Zephyrine safe at school',
        hasClearPurpose: true,
        consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
        identifiesPerson: true,
        lawfulBases: ['uk-gdpr-6-1-e'],
        decision: 'share',
        reasons: 'Zephyrine may be at risk of significant harm',
        selection: { contributionIds: [fact.entryId!] },
        recipient: { organisation: 'Quokkaville Academy', role: 'School nurse' },
        channel: 'secure-email',
        familyTold: { told: false, why: 'Telling the family now could put the child at risk' },
      }),
    );
    const exported = await fetch(`${world.baseUrl}/api/cases/${caseId}/sharing-decisions/${shared.entryId}/exports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: police.cookie, 'x-csrf-token': police.csrfToken, origin: world.baseUrl },
      body: JSON.stringify({ format: 'html' }),
    });
    expect(exported.status).toBe(200);
    // A meeting with the case on the agenda, a decision in it, and signed minutes.
    const meeting = async (path: string, body: Record<string, unknown>) => {
      const res = await api.post<MeetingResult>(path, { commandId: newCommandId(), ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    meetingId = (await meeting('/api/meetings', { kind: 'triage', title: 'Morning triage', scheduledFor: new Date().toISOString(), agenda: [caseId] })).meetingId;
    await meeting(`/api/meetings/${meetingId}/start`, {});
    expectResult(
      await api.command('decision.record', {
        commandId: newCommandId(),
        caseId,
        meetingId,
        outcome: 'early-help',
        rationale: 'Zephyrine needs support at home',
        threshold: 'Level 2: early help (additional needs)',
        agreedBy: ['R Hughes'],
      }),
    );
    await meeting(`/api/meetings/${meetingId}/end`, {});
    await meeting(`/api/meetings/${meetingId}/minutes/sign`, {});
    await close(lead, caseId);
  });

  it('is refused under a legal hold, without a reason, with the wrong reference, naming the child, or by a duty lead; and nothing changes', async () => {
    const api = rest(world.baseUrl, manager);
    expectResult(await api.command('retention.set-legal-hold', { commandId: newCommandId(), caseId, onHold: true, reason: 'Civil claim notified by the council solicitor' }));
    const before = (await api.view(caseId)).summary;
    expect(before.legalHold?.reason).toBe('Civil claim notified by the council solicitor');
    const erase = (over: Record<string, unknown>) =>
      api.command('retention.erase', { commandId: newCommandId(), caseId, reason: 'Retention period over; nothing outstanding', confirmReference: reference, ...over });

    const held = await erase({});
    expect(held.status).toBe(409);
    expect((held.body as Err).error.message).toMatch(/legal hold/);
    expectResult(await api.command('retention.set-legal-hold', { commandId: newCommandId(), caseId, onHold: false, reason: 'Claim withdrawn' }));
    const lifted = (await api.view(caseId)).summary;

    const noReason = await erase({ reason: '' });
    expect(noReason.status).toBe(400);
    expect((noReason.body as Err).error.issues?.[0]?.path).toBe('reason');
    const missingReason = await api.command('retention.erase', { commandId: newCommandId(), caseId, confirmReference: reference });
    expect((missingReason.body as Err).error.issues?.[0]?.path).toBe('reason');
    const wrongReference = await erase({ confirmReference: 'MASH-1999-00001' });
    expect(wrongReference.status).toBe(400);
    expect((wrongReference.body as Err).error.issues).toEqual([{ path: 'confirmReference', message: `type the case reference ${reference} exactly to confirm` }]);
    const naming = await erase({ reason: 'Quillfeather family left the area' });
    expect((naming.body as Err).error.issues?.[0]?.path).toBe('reason');
    expect((await rest(world.baseUrl, lead).command('retention.erase', { commandId: newCommandId(), caseId, reason: 'x', confirmReference: reference })).status).toBe(403);
    expect((await api.view(caseId)).summary.version).toBe(lifted.version);
  });

  it('removes every trace of the case content from Redis, leaves a tombstone, and the audit chain still verifies', async () => {
    // The control: before erasure every needle is somewhere in Redis (so the scan below can fail).
    const before = await everything();
    for (const needle of NEEDLES) expect(found(before, needle).length, `${needle} before erasure`).toBeGreaterThan(0);

    const api = rest(world.baseUrl, manager);
    const commandId = newCommandId();
    const erased = await api.command('retention.erase', { commandId, caseId, reason: 'Retention period over; nothing outstanding', confirmReference: reference.toLowerCase() });
    expect(erased.status, JSON.stringify(erased.body)).toBe(201);
    expect((erased.body as CommandResult).reference).toBe(reference);
    // A retried erase answers as done; the case answers 410 Gone naming only its reference.
    const again = await api.command('retention.erase', { commandId, caseId, reason: 'Retention period over; nothing outstanding', confirmReference: reference });
    expect(again.status).toBe(200);
    expect((again.body as CommandResult).duplicate).toBe(true);
    const gone = await api.get<Err>(`/api/cases/${caseId}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.message).toContain(reference);
    expect((await api.command('contribution.add', factPayload(caseId))).status).toBe(410);

    const after = await everything();
    const leftovers = NEEDLES.flatMap((needle) => found(after, needle).map((where) => `${needle} in ${where}`));
    expect(leftovers).toEqual([]);

    const tombstone = JSON.parse((await redis.hget(`mash:{cases:${caseShardOf(caseId)}}:case:${caseId}:tombstone`, 'json'))!) as CaseTombstone;
    expect(tombstone).toMatchObject({
      caseId,
      reference,
      outcome: 'early-help',
      reason: 'Retention period over; nothing outstanding',
      erasedBy: { userId: manager.user.userId, role: 'mash-manager' },
    });
    expect(await redis.zscore(caseIndexKey(caseShardOf(caseId), 'erased'), caseId)).not.toBeNull();
    expect(await redis.zscore(caseIndexKey(caseShardOf(caseId), 'erasure-pending'), caseId)).toBeNull();
    // Gone from every case index: the reference look-up finds only the tombstone (the auditor's).
    expect(await redis.zscore(caseIndexKey(caseShardOf(caseId), 'closed'), caseId)).toBeNull();
    const auditor = await signIn(world.baseUrl, 'audit.demo');
    const lookup = await rest(world.baseUrl, auditor).get<{ caseId: string; erased?: CaseTombstone }>(`/api/audit/cases?reference=${reference}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ caseId, erased: { reference, erasedAt: tombstone.erasedAt } });

    // The meeting keeps its place for the case, the reference only; the alert keeps who was told.
    const meeting = (await rest(world.baseUrl, lead).get<{ meeting: MeetingSummary }>(`/api/meetings/${meetingId}`)).body.meeting;
    expect(meeting.agenda).toEqual([{ caseId: '', reference, erased: true }]);
    expect(meeting.minutes[0]!.minutes.items[0]).toMatchObject({ reference, erased: true, children: [], facts: [] });
    const alert = (await inbox(lead)).find((a) => a.caseId === caseId && a.kind === 'breach');
    expect(alert?.title).toBe(`Case ${reference}: erased under the retention schedule`);

    const chain = await verifyAuditChain(redis);
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThan(20);
  });
});
