/**
 * Every case index agrees with the record. Random sequences of real commands (open, rate, ask
 * and answer, contribute, decide, change status, close and reopen, erase) run through `CaseCommands`
 * against a real redis-server; afterwards every index key is compared with what a full scan of
 * the stored summaries says it must hold, written here independently of `caseIndexEntries`.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSearchKeys, type CaseTombstone, DECISION_OUTCOMES, RATINGS, type Actor, type AgencyId, type CaseStatus, type CaseSummary } from '@mashboard/shared';
import { AuditLog } from '../../server/src/audit/audit-log.ts';
import { Users } from '../../server/src/auth/users.ts';
import { CaseCommands } from '../../server/src/cases/commands.ts';
import { CaseQueries } from '../../server/src/cases/queries.ts';
import { TimelinessPolicyStore } from '../../server/src/deadlines/policy-store.ts';
import { Refusal } from '../../server/src/errors.ts';
import { createLogger } from '../../server/src/logger.ts';
import { caseShardOf } from '../../server/src/store/keys.ts';
import { migrate } from '../../server/src/store/migrate.ts';
import { AlertStore } from '../../server/src/alerts/alert-store.ts';
import { DEADLINE_QUEUE, QUEUE_PREFIX, type DeadlineJob } from '../../server/src/deadlines/jobs.ts';
import { meetingStore } from '../../server/src/meetings/store.ts';
import { CaseErasure } from '../../server/src/retention/erasure.ts';
import { EventStore } from '../../server/src/store/event-store.ts';
import { openCasePayload } from '../support/fixtures.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';

const AGENCIES: AgencyId[] = ['police', 'health', 'education', 'childrens-social-care'];
const STATUSES: CaseStatus[] = ['in-progress', 'awaiting-information', 'decided', 'closed'];
const lead = (agency: AgencyId): Actor => ({ userId: `lead-${agency}`, name: `Lead ${agency}`, agency, role: 'duty-lead' });
const manager = (agency: AgencyId): Actor => ({ userId: `manager-${agency}`, name: `Manager ${agency}`, agency, role: 'mash-manager' });

type Step =
  | { kind: 'open'; agency: AgencyId; restricted: boolean; daysAgo: number; surname: string }
  | { kind: 'rate'; pick: number; rating: (typeof RATINGS)[number] }
  | { kind: 'request'; pick: number; agency: AgencyId }
  | { kind: 'answer'; pick: number }
  | { kind: 'contribute'; pick: number; agency: AgencyId }
  | { kind: 'decide'; pick: number; outcome: (typeof DECISION_OUTCOMES)[number] }
  | { kind: 'status'; pick: number; to: CaseStatus }
  | { kind: 'erase'; pick: number };

const agency = fc.constantFrom(...AGENCIES);
const pick = fc.nat(50);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      agency,
      restricted: fc.boolean(),
      daysAgo: fc.integer({ min: 0, max: 2000 }),
      surname: fc.constantFrom('Nowak', 'Novak', 'Smith', 'Ahmed', 'Ahmad'),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('rate' as const), pick, rating: fc.constantFrom(...RATINGS) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('request' as const), pick, agency }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('answer' as const), pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('contribute' as const), pick, agency }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('decide' as const), pick, outcome: fc.constantFrom(...DECISION_OUTCOMES) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('status' as const), pick, to: fc.constantFrom(...STATUSES) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('erase' as const), pick }), weight: 1 },
);

let redisServer: RedisHandle;
let redis: Redis;
let store: EventStore;
let commands: CaseCommands;
let queries: CaseQueries;
let queue: Queue<DeadlineJob>;

beforeAll(async () => {
  redisServer = await startRedis({ aof: false });
  redis = new Redis(redisServer.url);
  const log = createLogger('silent');
  store = new EventStore(redis);
  const audit = new AuditLog(redis, log, false);
  commands = new CaseCommands(redis, store, new Users(redis), new TimelinessPolicyStore(redis), audit, log);
  queue = new Queue<DeadlineJob>(DEADLINE_QUEUE, { connection: redis, prefix: QUEUE_PREFIX });
  commands.useErasure(new CaseErasure({ redis, store, alerts: new AlertStore(redis), meetings: meetingStore(redis), queue, log, broadcasts: redis }));
  queries = new CaseQueries(store, audit);
});

afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await redisServer?.dispose();
});

async function scan(match: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** Every index key and what it holds, as stored: zsets as member → score, hashes as field → value. */
async function storedIndexes(): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const key of await scan('mash:{cases:*}:idx:*')) {
    const type = await redis.type(key);
    const flat = type === 'zset' ? await redis.zrange(key, 0, -1, 'WITHSCORES') : await redis.hgetall(key).then((h) => Object.entries(h).flat());
    const entries = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) entries.set(flat[i]!, String(Number(flat[i + 1]) || flat[i + 1]));
    if (entries.size > 0) out.set(key, entries);
  }
  return out;
}

/** What the indexes must hold, from a full scan of the summaries (and the tombstones of erased cases). */
function expectedIndexes(summaries: CaseSummary[], tombstones: CaseTombstone[] = []): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const put = (c: { id: string }, name: string, member: string, value: number | string) => {
    const key = `mash:{cases:${caseShardOf(c.id)}}:idx:${name}`;
    if (!out.has(key)) out.set(key, new Map());
    out.get(key)!.set(member, String(value));
  };
  for (const c of summaries) {
    const received = Date.parse(c.receivedAt);
    put(c, 'received', c.id, received);
    put(c, `status:${c.status}`, c.id, received);
    if (c.status === 'closed') put(c, 'closed', c.id, Date.parse(c.closedAt!));
    if (c.status === 'closed' && c.retention) put(c, 'retention', c.id, Date.parse(c.retention.reviewDueAt));
    else put(c, 'open', c.id, received);
    if (c.rating) put(c, `rating:${c.rating.value}`, c.id, received);
    for (const a of new Set([c.openedBy.agency, ...c.agenciesContributed])) put(c, `agency:${a}`, c.id, received);
    const latest = c.decisions.at(-1);
    if (latest) {
      put(c, `outcome:${latest.outcome}`, c.id, received);
      put(c, 'decided', c.id, Date.parse(latest.recordedAt));
    }
    const open = c.deadlines.filter((d) => d.state === 'open');
    if (open.length > 0) put(c, 'deadlines:open', c.id, Math.min(...open.map((d) => Date.parse(d.dueAt))));
    for (const d of c.deadlines) put(c, 'deadlines:started', `${c.id}|${d.id}`, Date.parse(d.startedAt));
    // The work lists: open requests under the agency asked, open actions under their owner, open cases under their lead.
    for (const d of open) {
      if (d.kind === 'information-request') put(c, `requests:open:${d.agency}`, `${c.id}|${d.id}`, Date.parse(d.dueAt));
      if (d.kind === 'action') put(c, `actions:open:${d.owner!.userId}`, `${c.id}|${d.id}`, Date.parse(d.dueAt));
    }
    if (c.lead && c.status !== 'closed') put(c, `lead:${c.lead.userId}`, c.id, received);
    for (const term of caseSearchKeys(c)) put(c, `search:${term}`, c.id, received);
    put(c, 'reference', c.reference.toUpperCase(), c.id);
    const { id, reference, receivedAt, status, children, restrictedTo, openedBy } = c;
    put(c, 'card', c.id, JSON.stringify({ id, reference, receivedAt, status, children, restrictedTo, openedBy: { agency: openedBy.agency } }));
  }
  for (const t of tombstones) {
    put({ id: t.caseId }, 'erased', t.caseId, Date.parse(t.erasedAt));
    put({ id: t.caseId }, 'erased-reference', t.reference.toUpperCase(), t.caseId);
  }
  return out;
}

async function runStep(s: Step, opened: string[]): Promise<void> {
  const caseId = opened.length > 0 && s.kind !== 'open' ? opened[s.pick % opened.length]! : undefined;
  const summary = caseId ? await store.readSummary(caseId) : null;
  const id = randomUUID();
  try {
    switch (s.kind) {
      case 'open': {
        const payload = openCasePayload({
          commandId: id,
          receivedAt: new Date(Date.now() - s.daysAgo * 86_400_000 - 60_000).toISOString(),
          children: [{ firstName: 'Ola', lastName: s.surname, dateOfBirth: '2016-05-04' }],
          restrictedTo: s.restricted ? [s.agency] : [],
        });
        opened.push((await commands.execute('case.open', payload, lead(s.agency))).caseId);
        return;
      }
      case 'rate':
        if (summary) await commands.execute('rating.set', { commandId: id, caseId, expectedVersion: summary.version, rating: s.rating, reason: 'Seen on the board.' }, lead(summary.openedBy.agency));
        return;
      case 'request':
        if (summary) await commands.execute('information.request', { commandId: id, caseId, agency: s.agency, question: 'What do you hold?' }, lead(summary.openedBy.agency));
        return;
      case 'answer': {
        const request = summary?.deadlines.find((d) => d.kind === 'information-request' && d.state === 'open');
        if (summary && request)
          await commands.execute(
            'information.answer',
            { commandId: id, caseId, requestId: request.id.split(':')[1], answer: { kind: 'nothing-held', reason: 'Nothing held.' } },
            lead(summary.openedBy.agency),
          );
        return;
      }
      case 'contribute':
        if (summary) {
          const who = summary.restrictedTo.length > 0 ? summary.openedBy.agency : s.agency;
          await commands.execute(
            'contribution.add',
            { commandId: id, caseId, text: 'Known to us.', kind: 'fact', timeframe: 'current', happened: { precision: 'unknown' }, source: 'agency-records', childIds: [] },
            lead(who),
          );
        }
        return;
      case 'decide':
        if (summary)
          await commands.execute(
            'decision.record',
            { commandId: id, caseId, outcome: s.outcome, rationale: 'As discussed.', threshold: 'Level 3: child in need (complex needs, s17)', agreedBy: ['A. Lead'] },
            lead(summary.openedBy.agency),
          );
        return;
      case 'status':
        if (summary) await commands.execute('case.change-status', { commandId: id, caseId, expectedVersion: summary.version, status: s.to, reason: 'Moving on.' }, lead(summary.openedBy.agency));
        return;
      case 'erase':
        // Only a closed case can be erased: close it first where it is open.
        if (summary && summary.status !== 'closed') {
          await commands.execute('case.change-status', { commandId: randomUUID(), caseId, expectedVersion: summary.version, status: 'closed', reason: 'Done.' }, lead(summary.openedBy.agency));
        }
        if (summary)
          await commands.execute('retention.erase', { commandId: id, caseId, reason: 'Retention period ended; nothing kept.', confirmReference: summary.reference }, manager(summary.openedBy.agency));
        return;
    }
  } catch (error) {
    // A refused command (a closed case, an unknown request) writes nothing; the check below shows it.
    if (!(error instanceof Refusal)) throw error;
  }
}

describe('case indexes', () => {
  it('agree with a full scan of the record after any sequence of commands', async () => {
    let erased = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        await redis.flushall();
        const opened: string[] = [];
        for (const s of steps) await runStep(s, opened);
        const summaries = (await Promise.all((await scan('mash:{cases:*}:case:*:summary')).map((k) => store.readSummary(k.split(':')[4]!)))).filter((s): s is CaseSummary => s !== null);
        const tombstones = await Promise.all((await scan('mash:{cases:*}:case:*:tombstone')).map(async (k) => JSON.parse((await redis.hget(k, 'json'))!) as CaseTombstone));
        expect(summaries.length + tombstones.length).toBe(opened.length);
        erased += tombstones.length;
        expect(await storedIndexes()).toEqual(expectedIndexes(summaries, tombstones));

        // And the reads built on them give what a scan gives.
        const reader = lead('childrens-social-care');
        const visible = summaries.filter((s) => s.restrictedTo.length === 0 || s.restrictedTo.includes(reader.agency));
        const byNewest = (a: CaseSummary, b: CaseSummary) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || (a.id < b.id ? 1 : -1);
        expect((await queries.list(reader)).map((s) => s.id)).toEqual(
          visible
            .filter((s) => s.status !== 'closed')
            .sort(byNewest)
            .map((s) => s.id),
        );
        const pages: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await queries.page(reader, { status: 'closed', limit: 3, ...(cursor ? { cursor } : {}) });
          pages.push(...page.cases.map((s) => s.id));
          cursor = page.next ?? undefined;
        } while (cursor);
        expect(pages).toEqual(
          visible
            .filter((s) => s.status === 'closed')
            .sort(byNewest)
            .map((s) => s.id),
        );
        for (const s of summaries) expect((await queries.byReference(s.reference.toLowerCase()))?.id).toBe(s.id);
        expect((await queries.withOpenDeadlines()).map((s) => s.id).sort()).toEqual(
          summaries
            .filter((s) => s.deadlines.some((d) => d.state === 'open'))
            .map((s) => s.id)
            .sort(),
        );
      }),
      { numRuns: 30 },
    );
    expect(erased).toBeGreaterThan(0); // the sequences did erase cases
  });
});

describe('cases written by the earlier per-case key layout', () => {
  it('are moved into their shards at start-up, indexed, and read as before', async () => {
    await redis.flushall();
    const opened: string[] = [];
    for (const s of [
      { kind: 'open', agency: 'police', restricted: false, daysAgo: 3, surname: 'Nowak' },
      { kind: 'open', agency: 'health', restricted: true, daysAgo: 400, surname: 'Ahmed' },
      { kind: 'rate', pick: 0, rating: 'red' },
      { kind: 'status', pick: 1, to: 'closed' },
    ] satisfies Step[]) {
      await runStep(s, opened);
    }
    const before = await Promise.all(opened.map((id) => store.readSummary(id)));
    // Put them back as an earlier version wrote them: a slot per case, one index of every case, no schema mark.
    for (const key of await scan('mash:{cases:*}:case:*')) {
      const [, , , , id, part] = key.split(':');
      await redis.rename(key, `mash:{case:${id}}:${part}`);
    }
    for (const key of await scan('mash:{cases:*}:idx:*')) await redis.del(key);
    for (const s of before) await redis.zadd('mash:cases:by-received', Date.parse(s!.receivedAt), s!.id);
    await redis.del('mash:schema');
    expect(await queries.list(lead('health'))).toEqual([]);

    await migrate(redis, createLogger('silent'));
    await migrate(redis, createLogger('silent')); // a second start changes nothing

    expect(await Promise.all(opened.map((id) => store.readSummary(id)))).toEqual(before);
    expect(await scan('mash:{case:*')).toEqual([]);
    expect(await redis.exists('mash:cases:by-received')).toBe(0);
    expect(await storedIndexes()).toEqual(expectedIndexes(before as CaseSummary[]));
    expect((await queries.list(lead('police'))).map((s) => s.id)).toEqual([opened[0]]);
    expect((await store.readEventsAfter(opened[0]!, undefined, 100)).events.map((e) => e.type)).toEqual(['case.opened', 'rating.set', 'case.status-changed']);
  });
});
