/**
 * `npm run bench history`: do the everyday reads stay cheap when Redis holds years of records?
 *
 * One fresh redis-server (AOF, appendfsync always, as in production) and one server process:
 *   1. seed the open work: `--open` cases received in the last three days (rated, with
 *      deadlines, information requests, a few contributions, on today's triage meetings);
 *   2. measure every read below (`--samples` each after a warm-up, one request at a time, the same
 *      signed-in client throughout), and the server's start-up time (spawn → /api/health);
 *   3. add `--historic` closed cases spread over the five years before (each opened, rated,
 *      contributed to, decided at a daily triage meeting, closed);
 *   4. measure the same reads and the start-up again, and compare.
 * All seeding goes through the server's own command handlers (`CaseCommands`, `MeetingCommands`)
 * in this process against the same Redis (see seed-cases.ts), so the indexes are exactly as
 * production writes them. Reports median and p99 per read, the with/without ratio against the
 * 1.5x target, the seeding rate, and Redis memory and AOF size. Writes
 * bench-results/history-<timestamp>.json and bench-results/history-latest.json.
 *
 * Options: --historic=50000 (0..200000) --open=200 (10..2000) --samples=200 (20..5000)
 *          --concurrency=8 (meetings' worth of historic cases seeded at once, 1..64) --seed=1
 */
import os from 'node:os';
import { Redis } from 'ioredis';
import { LIMITS } from '@mashboard/shared';
import { AuditLog } from '../../server/src/audit/audit-log.ts';
import { CaseQueries } from '../../server/src/cases/queries.ts';
import { DeadlineScheduler } from '../../server/src/deadlines/scheduler.ts';
import { createLogger } from '../../server/src/logger.ts';
import { connectSocket, rawEmit, rest, signIn, type MashSocket, type Rest } from '../support/clients.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { startServer, type ServerHandle } from '../support/server.ts';
import {
  addContribution,
  answerRequest,
  close,
  decide,
  openCase,
  pickOutcome,
  planCases,
  pool,
  prng,
  rate,
  requestInformation,
  scheduleMeeting,
  startMeeting,
  Writer,
  type Family,
  type PlannedCase,
} from './seed-cases.ts';
import { writeBenchResults } from './results.ts';

function option(name: string, fallback: number, min: number, max: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = flag ? Number(flag.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be between ${min} and ${max}`);
  return value;
}
const OPTS = {
  historic: option('historic', 50_000, 0, 200_000),
  open: option('open', 200, 10, 2_000),
  samples: option('samples', 200, 20, 5_000),
  concurrency: option('concurrency', 8, 1, 64),
  seed: option('seed', 1, 0, 1e9),
};
const TARGET_RATIO = 1.5;
const MEETING_SIZE = 25;
const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
const log = (line: string) => process.stderr.write(`[bench history ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const r = (n: number) => Math.round(n * 100) / 100;
  return { p50: r(at(50)), p99: r(at(99)), max: r(sorted[sorted.length - 1]!) };
}
type Stats = ReturnType<typeof stats>;

async function redisInfo(redis: Redis) {
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  const memory = await redis.info('memory');
  const persistence = await redis.info('persistence');
  return {
    usedMemoryBytes: field(memory, 'used_memory'),
    usedMemoryDatasetBytes: field(memory, 'used_memory_dataset'),
    aofBytes: field(persistence, 'aof_current_size'),
    keys: await redis.dbsize(),
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

interface OpenSeed {
  caseIds: string[];
  references: string[];
  /** The open case whose children have the most namesakes in the history. */
  involvementCaseId: string;
}

async function seedOpen(w: Writer, plans: PlannedCase[], rnd: () => number): Promise<OpenSeed> {
  const caseIds: string[] = [];
  const references: string[] = [];
  await pool(plans, 16, async (plan) => {
    const { caseId, version, childIds } = await openCase(w, plan, rnd);
    caseIds.push(caseId);
    const rated = await rate(w, caseId, version, rnd);
    references.push(rated.reference);
    for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) await addContribution(w, caseId, childIds, 300 + Math.floor(rnd() * 500), rnd);
    if (rnd() < 0.6) {
      const req = await requestInformation(w, caseId, ['health', 'police', 'education'][Math.floor(rnd() * 3)]);
      if (rnd() < 0.3) await answerRequest(w, caseId, req.entryId!);
    }
  });
  // Today's triage meetings: the open cases, MEETING_SIZE to a meeting.
  for (let i = 0; i < caseIds.length; i += MEETING_SIZE) await scheduleMeeting(w, caseIds.slice(i, i + MEETING_SIZE), new Date(Date.now() + 3_600_000).toISOString());
  return { caseIds, references, involvementCaseId: caseIds[0]! };
}

/** The historic cases, a day's triage meeting at a time; returns cases and commands per second. */
async function seedHistory(w: Writer, plans: PlannedCase[], rnd: () => number) {
  const meetings: PlannedCase[][] = [];
  for (let i = 0; i < plans.length; i += MEETING_SIZE) meetings.push(plans.slice(i, i + MEETING_SIZE));
  const commandsBefore = w.commandsRun;
  const t0 = performance.now();
  let done = 0;
  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    log(`  ${done.toLocaleString('en-GB')} / ${plans.length.toLocaleString('en-GB')} historic cases, ${Math.round(done / s)} cases/s, ${Math.round((w.commandsRun - commandsBefore) / s)} commands/s`);
  }, 10_000);
  try {
    await pool(meetings, OPTS.concurrency, async (group) => {
      const cases = await Promise.all(
        group.map(async (plan) => {
          const { caseId, version, childIds } = await openCase(w, plan, rnd);
          await rate(w, caseId, version, rnd);
          for (let i = 0, n = Math.floor(rnd() * 3); i < n; i++) await addContribution(w, caseId, childIds, 200 + Math.floor(rnd() * 600), rnd);
          // No information requests here: the server stamps a request's start with its own clock, so a
          // seeded historic request would start "this week" and swell this week's timeliness report.
          return caseId;
        }),
      );
      const last = Date.parse(group[group.length - 1]!.receivedAt);
      const { meetingId } = await scheduleMeeting(w, cases, new Date(last + DAY).toISOString());
      await startMeeting(w, meetingId);
      await Promise.all(
        cases.map(async (caseId) => {
          const decided = await decide(w, caseId, pickOutcome(rnd), meetingId);
          await close(w, caseId, decided.version);
          done += 1;
        }),
      );
    });
  } finally {
    clearInterval(progress);
  }
  const seconds = (performance.now() - t0) / 1000;
  const commands = w.commandsRun - commandsBefore;
  return { seconds: Math.round(seconds * 10) / 10, casesPerSecond: Math.round(plans.length / seconds), commandsPerSecond: Math.round(commands / seconds), commands };
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

interface Clients {
  lead: Rest;
  auditor: Rest;
  socket: MashSocket;
  openDeadlines: () => Promise<unknown[]>;
  reconcile: () => Promise<number>;
}

interface Fixture {
  involvementCaseId: string;
  reference: string;
  common: { firstName: string; lastName: string; dateOfBirth: string };
  thisWeek: { from: string; to: string };
  yearAgo: { from: string; to: string };
}

interface Read {
  name: string;
  /** Untimed pause between samples (ms): the server limits each socket to LIMITS.socketEventsPerSecond. */
  pauseMs?: number;
  run: (c: Clients, f: Fixture) => Promise<number>;
}

/** Status 200 and the number of rows answered (a sanity check that the read found what it should). */
async function ok(res: Promise<{ status: number; body: unknown }>, rows: (body: never) => number): Promise<number> {
  const { status, body } = await res;
  if (status !== 200) throw new Error(`read failed: ${status} ${JSON.stringify(body).slice(0, 300)}`);
  return rows(body as never);
}
type Figures = Record<string, { met: number; breached: number; pending: number }>;
const reportRows = (b: { byRating: Figures; byAgency: Figures }) => [...Object.values(b.byRating), ...Object.values(b.byAgency)].reduce((n, f) => n + f.met + f.breached + f.pending, 0);
const involvementRows = (b: { children: { matches: unknown[] }[] }) => b.children.reduce((n, c) => n + c.matches.length, 0);

const READS: Read[] = [
  { name: 'open-case list (GET /api/cases)', run: (c) => ok(c.lead.get('/api/cases'), (b: { cases: unknown[] }) => b.cases.length) },
  {
    name: "duty lead's dashboard (cases.watch over socket.io)",
    pauseMs: Math.ceil(1000 / LIMITS.socketEventsPerSecond) + 5,
    run: async (c) => {
      const ack = await rawEmit<{ ok: boolean; result?: { cases: unknown[] }; error?: unknown }>(c.socket, 'cases.watch', {});
      if (!ack.ok) throw new Error(`cases.watch refused: ${JSON.stringify(ack.error)}`);
      return ack.result!.cases.length;
    },
  },
  { name: 'meetings list (GET /api/meetings)', run: (c) => ok(c.lead.get('/api/meetings'), (b: { meetings: unknown[] }) => b.meetings.length) },
  { name: "a case's previous involvement", run: (c, f) => ok(c.lead.get(`/api/cases/${f.involvementCaseId}/previous-involvement`), involvementRows) },
  {
    name: 'new-contact search, a common name',
    run: (c, f) => ok(c.lead.post('/api/previous-involvement/search', { children: [f.common] }), involvementRows),
  },
  {
    name: 'new-contact search, a name with no match',
    run: (c) => ok(c.lead.post('/api/previous-involvement/search', { children: [{ firstName: 'Zebedee', lastName: 'Quartermaine-Ngata', dateOfBirth: '2016-02-29' }] }), involvementRows),
  },
  { name: 'timeliness report, this week', run: (c, f) => ok(c.lead.get(`/api/reports/timeliness?from=${f.thisWeek.from}&to=${f.thisWeek.to}`), reportRows) },
  { name: 'timeliness report, a week a year ago', run: (c, f) => ok(c.lead.get(`/api/reports/timeliness?from=${f.yearAgo.from}&to=${f.yearAgo.to}`), reportRows) },
  { name: "auditor's look-up by reference", run: (c, f) => ok(c.auditor.get(`/api/audit/cases?reference=${encodeURIComponent(f.reference)}`), () => 1) },
  { name: 'closed cases, one page of 50', run: (c) => ok(c.lead.get('/api/cases?status=closed&limit=50'), (b: { cases: unknown[] }) => b.cases.length) },
  { name: 'cases with open deadlines (in-process, the read reconciliation makes)', run: async (c) => (await c.openDeadlines()).length },
  { name: 'deadline reconciliation (in-process: that read + BullMQ re-add)', run: (c) => c.reconcile() },
  { name: 'search records, a common last name (POST /api/search)', run: (c, f) => ok(c.lead.post('/api/search', { lastName: f.common.lastName }), (b: { matches: unknown[] }) => b.matches.length) },
  {
    name: 'search records, a common name and date of birth',
    run: (c, f) => ok(c.lead.post('/api/search', { firstName: f.common.firstName, lastName: f.common.lastName, dateOfBirth: f.common.dateOfBirth }), (b: { matches: unknown[] }) => b.matches.length),
  },
];

async function measureReads(clients: Clients, fixture: Fixture): Promise<Record<string, Stats & { rows: number }>> {
  const out: Record<string, Stats & { rows: number }> = {};
  for (const read of READS) {
    const samples = read.name.startsWith('deadline reconciliation') ? Math.max(10, Math.round(OPTS.samples / 20)) : OPTS.samples;
    let rows = 0;
    const pause = () => (read.pauseMs ? new Promise((r) => setTimeout(r, read.pauseMs)) : undefined);
    for (let i = 0; i < Math.min(20, Math.ceil(samples / 3)); i++) {
      rows = await read.run(clients, fixture); // warm up
      await pause();
    }
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      await pause();
      const t0 = performance.now();
      await read.run(clients, fixture);
      latencies.push(performance.now() - t0);
    }
    out[read.name] = { ...stats(latencies), rows };
    log(`  ${read.name}: p50 ${out[read.name]!.p50} ms, p99 ${out[read.name]!.p99} ms (${rows} rows)`);
  }
  return out;
}

/** Time from spawning the server to /api/health answering, `times` restarts; the harness polls every 100 ms. */
async function startUp(server: ServerHandle, times = 3): Promise<{ runsMs: number[]; medianMs: number }> {
  const runsMs: number[] = [];
  for (let i = 0; i < times; i++) {
    await server.stop();
    const t0 = performance.now();
    await server.restart();
    runsMs.push(Math.round(performance.now() - t0));
  }
  return { runsMs, medianMs: [...runsMs].sort((a, b) => a - b)[Math.floor(times / 2)]! };
}

async function phase(name: string, server: ServerHandle, redis: RedisHandle, fixture: Fixture, ioredis: Redis, w: Writer) {
  log(`${name}: start-up`);
  const startup = await startUp(server);
  await new Promise((r) => setTimeout(r, 3_000)); // let the worker run whatever fell due at start-up
  const lead = await signIn(server.baseUrl, 'lead.hughes');
  const auditor = await signIn(server.baseUrl, 'audit.demo');
  const socket = await connectSocket(server.baseUrl, lead);
  const audit = new AuditLog(ioredis, createLogger('warn'), true);
  const queries = new CaseQueries(w.store, audit);
  const queueRedis = new Redis(redis.url, { maxRetriesPerRequest: null });
  const scheduler = new DeadlineScheduler(queueRedis, createLogger('warn'));
  try {
    log(`${name}: reads`);
    const reads = await measureReads(
      {
        lead: rest(server.baseUrl, lead),
        auditor: rest(server.baseUrl, auditor),
        socket,
        openDeadlines: () => queries.withOpenDeadlines(),
        reconcile: async () => scheduler.reconcile(await queries.withOpenDeadlines()),
      },
      fixture,
    );
    return { startup, reads, redis: await redisInfo(ioredis) };
  } finally {
    socket.close();
    await scheduler.close();
    queueRedis.disconnect();
  }
}

async function main() {
  log(`options ${JSON.stringify(OPTS)} on ${os.cpus().length} cores`);
  const rnd = prng(OPTS.seed);
  const now = Date.now();
  const families: Family[] = [];
  const historicPlans = planCases(OPTS.historic, now - 5 * YEAR, now - 14 * DAY, rnd, families);
  const openPlans = planCases(OPTS.open, now - 3 * DAY, now - 60_000, rnd, families);

  const redis = await startRedis({ aof: true });
  // Once in demo mode to create the accounts (and its three demo cases); then without.
  const demo = await startServer({ redisUrl: redis.url, demo: true });
  await demo.stop();
  const server = await startServer({ redisUrl: redis.url, demo: false, port: demo.port });
  const ioredis = new Redis(redis.url);
  const w = new Writer(ioredis);
  try {
    log(`seeding ${OPTS.open} open cases`);
    const t0 = performance.now();
    const open = await seedOpen(w, openPlans, rnd);
    const openSeconds = (performance.now() - t0) / 1000;
    log(`  ${Math.round(OPTS.open / openSeconds)} cases/s`);

    // The fixture: the same for both phases.
    const surnameCount = new Map<string, number>();
    for (const p of historicPlans) for (const c of p.children) surnameCount.set(c.lastName, (surnameCount.get(c.lastName) ?? 0) + 1);
    const openSummaries = await w.store.readSummaries(open.caseIds);
    const involvement = [...openSummaries].sort((a, b) => (surnameCount.get(b.children[0]!.lastName) ?? 0) - (surnameCount.get(a.children[0]!.lastName) ?? 0))[0]!;
    const commonSurname = [...surnameCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Smith';
    const namesake = historicPlans.flatMap((p) => p.children).find((c) => c.lastName === commonSurname);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const fixture: Fixture = {
      involvementCaseId: involvement.id,
      reference: openSummaries[0]!.reference,
      common: { firstName: namesake?.firstName ?? 'Oliver', lastName: commonSurname, dateOfBirth: namesake?.dateOfBirth ?? '2015-03-01' },
      thisWeek: { from: day(now - 6 * DAY), to: day(now + DAY) },
      yearAgo: { from: day(now - 365 * DAY), to: day(now - 358 * DAY) },
    };
    log(`fixture ${JSON.stringify({ ...fixture, involvementChild: `${involvement.children[0]!.firstName} ${involvement.children[0]!.lastName}` })}`);

    const without = await phase('without history', server, redis, fixture, ioredis, w);

    log(`seeding ${OPTS.historic.toLocaleString('en-GB')} historic cases (concurrency ${OPTS.concurrency} meetings of ${MEETING_SIZE})`);
    const seeding = OPTS.historic > 0 ? await seedHistory(w, historicPlans, rnd) : { seconds: 0, casesPerSecond: 0, commandsPerSecond: 0, commands: 0 };
    log(`  ${seeding.casesPerSecond} cases/s, ${seeding.commandsPerSecond} commands/s, ${seeding.seconds} s`);
    const afterSeed = await redisInfo(ioredis);

    const withHistory = await phase('with history', server, redis, fixture, ioredis, w);

    const rows: Record<string, Record<string, string | number>> = {};
    const ratios: Record<string, { p50: number; p99: number; met: boolean }> = {};
    for (const read of READS) {
      const a = without.reads[read.name]!;
      const b = withHistory.reads[read.name]!;
      const ratio = { p50: Math.round((b.p50 / a.p50) * 100) / 100, p99: Math.round((b.p99 / a.p99) * 100) / 100 };
      ratios[read.name] = { ...ratio, met: ratio.p50 <= TARGET_RATIO };
      rows[read.name] = {
        'without p50': a.p50,
        'without p99': a.p99,
        'with p50': b.p50,
        'with p99': b.p99,
        'ratio p50': ratio.p50,
        'ratio p99': ratio.p99,
        rows: `${a.rows} → ${b.rows}`,
      };
    }
    rows['start-up (spawn → /api/health), ms'] = {
      'without p50': without.startup.medianMs,
      'with p50': withHistory.startup.medianMs,
      'ratio p50': Math.round((withHistory.startup.medianMs / without.startup.medianMs) * 100) / 100,
      rows: `${without.startup.runsMs.join('/')} → ${withHistory.startup.runsMs.join('/')}`,
    };
    console.log(`\nYears of records: ${OPTS.open} open cases, then + ${OPTS.historic.toLocaleString('en-GB')} closed historic ones (ms; ${OPTS.samples} samples each, one at a time)`);
    console.table(rows);
    const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
    const perCase = OPTS.historic > 0 ? Math.round((afterSeed.usedMemoryBytes - without.redis.usedMemoryBytes) / OPTS.historic) : 0;
    const aofPerCase = OPTS.historic > 0 ? Math.round((afterSeed.aofBytes - without.redis.aofBytes) / OPTS.historic) : 0;
    console.log(
      `Seeding: ${seeding.casesPerSecond} historic cases/s (${seeding.commandsPerSecond} commands/s, ${seeding.commands.toLocaleString('en-GB')} commands in ${seeding.seconds} s, in-process CaseCommands, appendfsync always).\n` +
        `Redis used_memory: ${mb(without.redis.usedMemoryBytes)} MB without history → ${mb(afterSeed.usedMemoryBytes)} MB with (${perCase.toLocaleString('en-GB')} bytes per historic case, audit included); ` +
        `AOF ${mb(without.redis.aofBytes)} → ${mb(afterSeed.aofBytes)} MB (${aofPerCase.toLocaleString('en-GB')} bytes per case); keys ${without.redis.keys.toLocaleString('en-GB')} → ${afterSeed.keys.toLocaleString('en-GB')}.`,
    );
    const open200 = withHistory.reads[READS[0]!.name]!;
    const search = withHistory.reads['new-contact search, a common name']!;
    const targets = {
      everyReadWithin1_5x: Object.values(ratios).every((r) => r.met),
      readsOver1_5x: Object.entries(ratios)
        .filter(([, r]) => !r.met)
        .map(([n, r]) => `${n} (${r.p50}x)`),
      startupUnder5s: withHistory.startup.medianMs < 5_000,
      openListP99Under20ms: open200.p99 < 20,
      searchP99Under50ms: search.p99 < 50,
    };
    console.log(`Targets: ${JSON.stringify(targets, null, 1)}`);

    const result = {
      bench: 'history',
      at: new Date().toISOString(),
      machine: { cores: os.cpus().length, node: process.version },
      options: OPTS,
      fixture,
      seeding: { ...seeding, openCasesPerSecond: Math.round(OPTS.open / openSeconds) },
      without,
      withHistory,
      afterSeed,
      memory: { bytesPerHistoricCase: perCase, aofBytesPerHistoricCase: aofPerCase },
      ratios,
      targets,
    };
    writeBenchResults('history', new Date(result.at), result);
  } finally {
    ioredis.disconnect();
    await server.stop();
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
