/**
 * `npm run bench sizing`: how much Redis memory and AOF one realistic case takes.
 *
 * A realistic case: two children, ten contributions of about 600 characters, a child's voice
 * entry, a rating, an information request and its answer, a sharing decision, and a decision
 * made at a triage meeting (the meeting scheduled with the case on its agenda). `--cases` such
 * cases are written through the server's own command handlers in this process (see
 * seed-cases.ts) against a fresh redis-server (AOF, appendfsync always), with the audit log on
 * as in production. Measures `INFO memory` used_memory and the AOF size before and after, and
 * `MEMORY USAGE` of each key family of one case. Writes bench-results/sizing-latest.json.
 *
 * Options: --cases=1000 (50..20000) --concurrency=2 (triage meetings' worth of 25 cases written at once, 1..16)
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import { caseSearchKeys } from '@mashboard/shared';
import { caseIndexKey, caseShardOf, keys } from '../../server/src/store/keys.ts';
import { startRedis } from '../support/redis.ts';
import { startServer } from '../support/server.ts';
import { addContribution, answerRequest, commandId, decide, openCase, planCases, pool, prng, rate, requestInformation, scheduleMeeting, startMeeting, Writer } from './seed-cases.ts';
import { writeBenchResults } from './results.ts';

function option(name: string, fallback: number, min: number, max: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = flag ? Number(flag.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be between ${min} and ${max}`);
  return value;
}
const OPTS = { cases: option('cases', 1000, 50, 20_000), concurrency: option('concurrency', 2, 1, 16) };
const DAY = 86_400_000;
const log = (line: string) => process.stderr.write(`[bench sizing ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function info(redis: Redis) {
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { usedMemory: field(await redis.info('memory'), 'used_memory'), aof: field(await redis.info('persistence'), 'aof_current_size'), keys: await redis.dbsize() };
}

/** One realistic case, start to decision; returns its id. */
async function realisticCase(w: Writer, plan: Parameters<typeof openCase>[1], rnd: () => number): Promise<string> {
  const { caseId, version, childIds } = await openCase(w, plan, rnd);
  await rate(w, caseId, version, rnd);
  for (let i = 0; i < 10; i++) await addContribution(w, caseId, childIds, 560 + Math.floor(rnd() * 80), rnd);
  await w.run(
    'voice.record',
    {
      commandId: commandId('voice'),
      caseId,
      childId: childIds[0]!,
      words: "I don't like it when they shout. I hide under my bed with my headphones on until it stops.",
      wishes: 'To stay with Nan at the weekends.',
      feelings: 'Scared at night, happy at school.',
      howExpressed: 'spontaneous',
      circumstances: { where: 'School library', happened: { precision: 'exact', date: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10), time: '10:30' }, whoPresent: 'Class teacher' },
      heardBy: { name: 'T. Morgan', role: 'Designated safeguarding lead', agency: 'education' },
    },
    'dsl.morgan',
  );
  const request = await requestInformation(w, caseId, 'health');
  await answerRequest(w, caseId, request.entryId!);
  const view = await w.store.readView(caseId);
  const contributions = view!.entries
    .filter((e) => e.kind === 'contribution')
    .slice(0, 3)
    .map((e) => e.id);
  await w.run(
    'sharing.decide',
    {
      commandId: commandId('share'),
      caseId,
      direction: 'outgoing',
      purpose: 'The school nurse needs to know of the injuries to monitor the child',
      hasClearPurpose: true,
      consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
      identifiesPerson: true,
      lawfulBases: ['uk-gdpr-6-1-e'],
      decision: 'share',
      reasons: 'The child may be at risk of significant harm; the nurse sees her daily',
      selection: { contributionIds: contributions },
      recipient: { organisation: 'Larch Primary School', role: 'School nurse' },
      channel: 'secure-email',
      familyTold: { told: false, why: 'Telling the family now could put the child at risk' },
    },
    'sw.okafor',
  );
  return caseId;
}

async function main() {
  log(`options ${JSON.stringify(OPTS)} on ${os.cpus().length} cores`);
  const rnd = prng(7);
  const plans = planCases(OPTS.cases, Date.now() - 30 * DAY, Date.now() - DAY, rnd).map((p) => ({
    ...p,
    // Two children on every case: a sibling added when the plan has one.
    children: p.children.length >= 2 ? p.children.slice(0, 2) : [p.children[0]!, { firstName: 'Mia', lastName: p.children[0]!.lastName, dateOfBirth: p.children[0]!.dateOfBirth }],
  }));
  const redis = await startRedis({ aof: true });
  const ioredis = new Redis(redis.url);
  try {
    // The server once in demo mode creates the accounts; it is stopped so only this process writes.
    const server = await startServer({ redisUrl: redis.url, demo: true });
    await server.stop();
    const w = new Writer(ioredis);
    await w.actor('lead.hughes');
    const before = await info(ioredis);
    const t0 = performance.now();
    const caseIds: string[] = new Array(plans.length);
    // Cases in groups of 25, each group decided at one triage meeting.
    const groups: number[][] = [];
    for (let i = 0; i < plans.length; i += 25) groups.push(Array.from({ length: Math.min(25, plans.length - i) }, (_, k) => i + k));
    await pool(groups, OPTS.concurrency, async (group) => {
      await Promise.all(group.map(async (i) => (caseIds[i] = await realisticCase(w, plans[i]!, rnd))));
      const { meetingId } = await scheduleMeeting(
        w,
        group.map((i) => caseIds[i]!),
        new Date().toISOString(),
      );
      await startMeeting(w, meetingId);
      await Promise.all(group.map((i) => decide(w, caseIds[i]!, 'child-in-need-assessment', meetingId)));
    });
    const seconds = (performance.now() - t0) / 1000;
    const after = await info(ioredis);

    // One case, key by key.
    const one = caseIds[Math.floor(caseIds.length / 2)]!;
    const summary = (await w.store.readSummary(one))!;
    const usage = async (key: string) => Number((await ioredis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
    const families: Record<string, number> = {
      'events (stream)': await usage(keys.caseEvents(one)),
      'summary (hash)': await usage(keys.caseSummary(one)),
      'entries (hash)': await usage(keys.caseEntries(one)),
      'commands (hash)': await usage(keys.caseCommands(one)),
      'audit by-case (zset)': await usage(`mash:{audit}:by-case:${one}`),
    };
    const shard = caseShardOf(one);
    const perShardIndexes = (await ioredis.keys(caseIndexKey(shard, '*'))).length;
    const searchTerms = caseSearchKeys(summary).length;
    const auditLog = await usage('mash:{audit}:log');
    const auditEntries = await ioredis.xlen('mash:{audit}:log');
    const perCase = Math.round((after.usedMemory - before.usedMemory) / OPTS.cases);
    const aofPerCase = Math.round((after.aof - before.aof) / OPTS.cases);
    const familiesTotal = Object.values(families).reduce((a, b) => a + b, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
    const gb = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GB`;
    console.log(
      `\nSizing: ${OPTS.cases.toLocaleString('en-GB')} realistic cases (2 children, 10 contributions of ~600 characters, a voice entry, rating, request + answer, sharing decision, meeting decision), written in ${seconds.toFixed(1)} s`,
    );
    console.table({
      'per case (used_memory delta / cases)': { memory: kb(perCase), AOF: kb(aofPerCase) },
      'per 10,000 cases': { memory: gb(perCase * 10_000), AOF: gb(aofPerCase * 10_000) },
    });
    console.log('One case, MEMORY USAGE by key family:');
    console.table(Object.fromEntries(Object.entries(families).map(([k, v]) => [k, { bytes: v }])));
    console.log(
      `Key families of one case: ${kb(familiesTotal)}; the rest of the per-case figure is its share of the shard indexes (${searchTerms} search terms, ` +
        `${perShardIndexes} index keys in its shard), the audit log (${auditEntries.toLocaleString('en-GB')} entries, ${kb(auditLog)} in all, ${kb(auditLog / OPTS.cases)} per case), ` +
        `and the meetings.`,
    );
    const result = {
      bench: 'sizing',
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, node: process.version },
      options: OPTS,
      seconds: Math.round(seconds * 10) / 10,
      before,
      after,
      perCaseBytes: perCase,
      aofPerCaseBytes: aofPerCase,
      oneCase: { caseId: one, families, searchTerms, events: summary.version },
      audit: { entries: auditEntries, bytes: auditLog },
    };
    writeBenchResults('sizing', new Date(result.at), result);
  } finally {
    ioredis.disconnect();
    await redis.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
