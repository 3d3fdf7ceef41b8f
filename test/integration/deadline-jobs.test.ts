/**
 * Two guards pinned on their own, in one process against a real redis-server: a deadline job of a
 * generation the case has moved past answers "stale" and raises nothing, and an append decided on
 * a version the case has moved past is refused whole.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@mashboard/shared';
import { AlertStore } from '../../server/src/alerts/alert-store.ts';
import { AuditLog } from '../../server/src/audit/audit-log.ts';
import { Users } from '../../server/src/auth/users.ts';
import { CaseCommands } from '../../server/src/cases/commands.ts';
import { TimelinessPolicyStore } from '../../server/src/deadlines/policy-store.ts';
import { DeadlineScheduler } from '../../server/src/deadlines/scheduler.ts';
import { DeadlineProcessor } from '../../server/src/deadlines/worker.ts';
import { createLogger } from '../../server/src/logger.ts';
import { EventStore } from '../../server/src/store/event-store.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';

const lead: Actor = { userId: 'lead-1', name: 'Rhian Hughes', agency: 'childrens-social-care', role: 'duty-lead' };
let server: RedisHandle;
let redis: Redis;
let store: EventStore;
let commands: CaseCommands;
let scheduler: DeadlineScheduler;
let processor: DeadlineProcessor;

beforeAll(async () => {
  server = await startRedis({ aof: false });
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
  const log = createLogger('silent');
  store = new EventStore(redis);
  const users = new Users(redis);
  const policy = new TimelinessPolicyStore(redis);
  commands = new CaseCommands(redis, store, users, policy, new AuditLog(redis, log, false), log);
  scheduler = new DeadlineScheduler(redis, log);
  processor = new DeadlineProcessor({ store, users, alerts: new AlertStore(redis), policy, scheduler, log });
});

afterAll(async () => {
  await scheduler?.close();
  await redis?.quit();
  await server?.dispose();
});

async function rated() {
  const { caseId } = await commands.execute('case.open', openCasePayload(), lead);
  const red = await commands.execute('rating.set', { commandId: randomUUID(), caseId, expectedVersion: 1, rating: 'red', reason: 'Bruising to a baby.' }, lead);
  const green = await commands.execute('rating.set', { commandId: randomUUID(), caseId, expectedVersion: red.version, rating: 'green', reason: 'Explained by a fall, seen by the GP.' }, lead);
  return { caseId, old: red.version, current: green.version };
}

describe('deadline jobs', () => {
  it('a job of a generation the deadline has moved past answers stale and raises nothing; the current one raises', async () => {
    const { caseId, old, current } = await rated();
    expect(await processor.process({ kind: 'breach', caseId, deadlineId: 'triage', generation: old })).toBe('stale: deadline re-timed');
    expect(await redis.keys('mash:{alerts}:alert:*')).toEqual([]);
    expect(await processor.process({ kind: 'breach', caseId, deadlineId: 'triage', generation: current })).toMatch(/^raised /);
  });
});

describe('the append', () => {
  it('decided on a version the case has moved past, is refused whole', async () => {
    const { caseId } = await commands.execute('case.open', openCasePayload(), lead);
    const summary = (await store.readSummary(caseId))!;
    const outcome = await store.append({ aggregateId: caseId, commandId: randomUUID(), expectedVersion: summary.version - 1, events: [], summary, entries: [], previous: summary });
    expect(outcome).toEqual({ kind: 'conflict', currentVersion: summary.version });
    expect((await store.readEventsAfter(caseId, undefined, 10)).events).toHaveLength(1);
  });
});
