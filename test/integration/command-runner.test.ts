/**
 * The one command runner (server/src/commands/runner.ts), as cases and meetings both use it, in
 * one process against a real redis-server: the named steps after an append, awaited and logged
 * by name when one fails; a payload parsed before the role is checked; a retried command answered
 * as done before anything is decided again.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ApiError, CaseEvent, CaseSummary, MeetingEvent, MeetingSummary } from '@mashboard/shared';
import { AuditLog } from '../../server/src/audit/audit-log.ts';
import { Users } from '../../server/src/auth/users.ts';
import { CaseCommands } from '../../server/src/cases/commands.ts';
import type { Appended } from '../../server/src/commands/runner.ts';
import { TimelinessPolicyStore } from '../../server/src/deadlines/policy-store.ts';
import { toApiError } from '../../server/src/errors.ts';
import { MeetingCommands } from '../../server/src/meetings/commands.ts';
import { meetingStore } from '../../server/src/meetings/store.ts';
import { EventStore } from '../../server/src/store/event-store.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';

const lead: Actor = { userId: 'lead-1', name: 'Rhian Hughes', agency: 'childrens-social-care', role: 'duty-lead' };
const practitioner: Actor = { userId: 'pc-1', name: 'PC Evans', agency: 'police', role: 'practitioner' };

let server: RedisHandle;
let redis: Redis;
let store: EventStore;
let cases: CaseCommands;
let meetings: MeetingCommands;
/** Every line the commands logged (at error level). */
const logged: Record<string, unknown>[] = [];
/** What each step after an append was told, in the order the steps finished. */
const caseSteps: { step: string; appended: Appended<CaseEvent, CaseSummary> }[] = [];
const meetingSteps: { step: string; appended: Appended<MeetingEvent, MeetingSummary> }[] = [];

/** The refusal a command was answered with, as the client gets it. */
async function refusal(work: Promise<unknown>): Promise<ApiError> {
  return work.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => toApiError(error),
  );
}

beforeAll(async () => {
  server = await startRedis({ aof: false });
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const log = pino(
    { level: 'error' },
    new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  store = new EventStore(redis);
  const users = new Users(redis);
  const audit = new AuditLog(redis, log, false);
  const records = meetingStore(redis);
  cases = new CaseCommands(redis, store, users, new TimelinessPolicyStore(redis), audit, log);
  meetings = new MeetingCommands(records, store, users, audit, log);
  cases.afterAppend(
    {
      name: 'record what was appended',
      async run(appended) {
        // Finishes after the runner has moved on to its own next step, unless it is awaited.
        await new Promise((resolve) => setImmediate(resolve));
        caseSteps.push({ step: 'record', appended });
      },
    },
    {
      name: 'a step that fails',
      run() {
        throw new Error('the deadline queue is away');
      },
    },
  );
  meetings.afterAppend({
    name: 'record what was appended to a meeting',
    async run(appended) {
      await new Promise((resolve) => setImmediate(resolve));
      meetingSteps.push({ step: 'record', appended });
    },
  });
});

afterAll(async () => {
  await redis?.quit();
  await server?.dispose();
});

describe('the steps after an append', () => {
  it('each is awaited before the acknowledgement and told the stored events, the case after and before; one that fails is logged by its name and the command still stands', async () => {
    const opened = await cases.execute('case.open', openCasePayload(), lead);
    const before = (await store.readSummary(opened.caseId))!;
    caseSteps.length = 0;
    logged.length = 0;

    const added = await cases.execute('contribution.add', factPayload(opened.caseId), lead);

    expect(added.duplicate).toBe(false);
    expect(caseSteps).toHaveLength(1);
    const { appended } = caseSteps[0]!;
    const stored = await store.readEventsAfter(opened.caseId, before.lastEventId, 10);
    expect(appended.events).toEqual(stored.events);
    expect(appended.summary).toEqual(await store.readSummary(opened.caseId));
    expect(appended.previous).toEqual(before);
    expect(logged.filter((l) => l.msg === 'after-append step failed').map((l) => [l.step, l.caseId, (l.err as { message: string }).message])).toEqual([
      ['a step that fails', opened.caseId, 'the deadline queue is away'],
    ]);
  });

  it('a meeting command awaits its steps too', async () => {
    const opened = await cases.execute('case.open', openCasePayload(), lead);
    meetingSteps.length = 0;
    const scheduled = await meetings.execute(
      'meeting.schedule',
      { commandId: randomUUID(), kind: 'triage', title: 'Morning triage', scheduledFor: new Date().toISOString(), agenda: [opened.caseId] },
      lead,
    );
    expect(meetingSteps.map((s) => [s.appended.summary.id, s.appended.summary.version, s.appended.previous])).toEqual([[scheduled.meetingId, 1, null]]);
    expect(meetingSteps[0]!.appended.events.map((e) => e.type)).toEqual(['meeting.scheduled']);
  });
});

describe('validate, then authorize', () => {
  it('a malformed meeting payload from a role that may not schedule is answered naming the field', async () => {
    const error = await refusal(meetings.execute('meeting.schedule', { commandId: randomUUID(), kind: 'triage', title: 'Triage', scheduledFor: 'tomorrow', agenda: ['c1'] }, practitioner));
    expect(error.code).toBe('invalid');
    expect(error.issues?.map((i) => i.path)).toEqual(['scheduledFor']);
  });

  it('a well-formed one from that role is refused as forbidden, and nothing is written', async () => {
    const meetingsBefore = await redis.keys('mash:{meetings}:meeting:*');
    const error = await refusal(
      meetings.execute('meeting.schedule', { commandId: randomUUID(), kind: 'triage', title: 'Triage', scheduledFor: new Date().toISOString(), agenda: ['c1'] }, practitioner),
    );
    expect(error.code).toBe('forbidden');
    expect((await redis.keys('mash:{meetings}:meeting:*')).sort()).toEqual(meetingsBefore.sort());
  });

  it('an unknown command is refused before either', async () => {
    expect(await refusal(meetings.execute('meeting.cancel', null, practitioner))).toMatchObject({ code: 'invalid', message: 'Unknown command meeting.cancel.' });
    expect(await refusal(cases.execute('case.delete', null, practitioner))).toMatchObject({ code: 'invalid', message: 'Unknown command case.delete.' });
  });
});

describe('a retried command', () => {
  it('on a meeting the command has moved on is answered as done, not decided again', async () => {
    const opened = await cases.execute('case.open', openCasePayload(), lead);
    const scheduled = await meetings.execute('meeting.schedule', { commandId: randomUUID(), kind: 'triage', title: 'Triage', scheduledFor: new Date().toISOString(), agenda: [opened.caseId] }, lead);
    const start = { commandId: randomUUID(), meetingId: scheduled.meetingId };
    const started = await meetings.execute('meeting.start', start, lead);
    await meetings.execute('meeting.end', { commandId: randomUUID(), meetingId: scheduled.meetingId }, lead);
    meetingSteps.length = 0;
    // Started again, the meeting (now ended) would refuse it: the retry is answered as the first was.
    expect(await meetings.execute('meeting.start', start, lead)).toEqual({ ...started, duplicate: true });
    expect(meetingSteps).toEqual([]);
  });

  it('on a case whose version moved since is answered as done, not refused as a conflict', async () => {
    const opened = await cases.execute('case.open', openCasePayload(), lead);
    const rate = { commandId: randomUUID(), caseId: opened.caseId, expectedVersion: opened.version, rating: 'red', reason: 'Bruising to a baby.' };
    const rated = await cases.execute('rating.set', rate, lead);
    await cases.execute('contribution.add', factPayload(opened.caseId), lead);
    caseSteps.length = 0;
    expect(await cases.execute('rating.set', rate, lead)).toEqual({ ...rated, duplicate: true });
    expect(caseSteps).toEqual([]);
  });
});
