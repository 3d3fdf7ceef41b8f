/**
 * `npm run bench deadlines`: schedule 10,000 deadlines falling due within one minute and measure
 * alert lateness (due time → the alert arriving at a connected socket.io client) and alerts per
 * second, with none lost and none duplicated. Baseline in the same run on the same Redis: bare
 * BullMQ (the same number of delayed jobs, due over the same minute, a processor that only notes
 * the time), i.e. the floor our worker, alert store and live feed add to.
 * Writes bench-results/deadlines-<timestamp>.json and bench-results/deadlines-latest.json.
 *
 * Options (flag or environment variable; bounded):
 *   --deadlines=10000  BENCH_DEADLINES  deadlines (100..20000)
 *   --window=60        BENCH_WINDOW     seconds over which they fall due (10..120)
 *   --cases=500        BENCH_DL_CASES   cases they are spread over (1..2000)
 */
import os from 'node:os';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Alert } from '@mashboard/shared';
import { connectSocket, expectResult, rest, signIn, type Session } from '../support/clients.ts';
import { newCommandId, openCasePayload } from '../support/fixtures.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';
import { startServer, type ServerHandle } from '../support/server.ts';
import { writeBenchResults } from './results.ts';

function option(name: string, env: string, fallback: number, min: number, max: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = flag ? flag.split('=')[1] : process.env[env];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be between ${min} and ${max}`);
  return value;
}

const OPTS = {
  deadlines: option('deadlines', 'BENCH_DEADLINES', 10_000, 100, 20_000),
  window: option('window', 'BENCH_WINDOW', 60, 10, 120),
  cases: option('cases', 'BENCH_DL_CASES', 500, 1, 2000),
};
const LEAD_MS = 45_000; // time to create everything before the first deadline falls due
const log = (line: string) => process.stderr.write(`[bench deadlines ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: RedisHandle | undefined;
let server: ServerHandle | undefined;
const hardDeadline = setTimeout(
  () => {
    log('hard time limit reached: stopping');
    void cleanup().finally(() => process.exit(2));
  },
  (LEAD_MS / 1000 + OPTS.window * 2 + 180) * 1000,
);
hardDeadline.unref();

async function cleanup() {
  await server?.stop().catch(() => undefined);
  await redis?.dispose().catch(() => undefined);
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { count: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted[sorted.length - 1] ?? NaN) };
}

/** Run `work` over items with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

async function mashboardPhase(lead: Session) {
  const api = rest(lead.baseUrl, lead);
  log(`opening ${OPTS.cases} cases`);
  const caseIds: string[] = [];
  await pool(Array.from({ length: OPTS.cases }), 20, async () => {
    caseIds.push(expectResult(await api.command('case.open', openCasePayload())).caseId);
  });

  const socket = await connectSocket(lead.baseUrl, lead);
  const receipts = new Map<string, { at: number; count: number; alert: Alert }>();
  socket.on('alert.raised', (alert) => {
    const now = Date.now();
    const seen = receipts.get(alert.id);
    if (seen) seen.count += 1;
    else receipts.set(alert.id, { at: now, count: 1, alert });
  });

  const firstDue = Date.now() + LEAD_MS;
  const created = Date.now();
  log(`scheduling ${OPTS.deadlines} action deadlines due between +${LEAD_MS / 1000} s and +${LEAD_MS / 1000 + OPTS.window} s`);
  await pool(Array.from({ length: OPTS.deadlines }), 50, async (_, i) => {
    const dueAt = new Date(firstDue + Math.floor((i * OPTS.window * 1000) / OPTS.deadlines)).toISOString();
    expectResult(await api.command('action.add', { commandId: newCommandId(), caseId: caseIds[i % caseIds.length]!, title: `Bench action ${i}`, ownerUserId: lead.user.userId, dueAt }));
  });
  const createSeconds = (Date.now() - created) / 1000;
  log(`scheduled in ${createSeconds.toFixed(1)} s (${Math.round(OPTS.deadlines / createSeconds)} commands/s)`);
  if (Date.now() > firstDue) log('WARNING: scheduling overran the lead time; early deadlines were due before they existed');

  const lastDue = firstDue + OPTS.window * 1000;
  const breaches = () => [...receipts.values()].filter((r) => r.alert.kind === 'breach');
  while (Date.now() < lastDue + 30_000 && breaches().length < OPTS.deadlines) await sleep(200);
  await sleep(1000); // let any duplicate push arrive
  socket.disconnect();

  const breach = breaches();
  const lateness = breach.map((r) => r.at - Date.parse(r.alert.dueAt));
  const times = breach.map((r) => r.at).sort((a, b) => a - b);
  const spanSeconds = times.length > 1 ? (times[times.length - 1]! - times[0]!) / 1000 : NaN;
  const inbox = (await api.get<{ alerts: Alert[] }>('/api/alerts')).body.alerts;
  return {
    createCommandsPerSecond: Math.round(OPTS.deadlines / createSeconds),
    breachAlerts: breach.length,
    warningAlerts: [...receipts.values()].filter((r) => r.alert.kind === 'warning').length,
    lost: OPTS.deadlines - breach.length,
    duplicatePushes: [...receipts.values()].reduce((n, r) => n + r.count - 1, 0),
    inboxSample: inbox.length,
    latenessMs: stats(lateness),
    alertsPerSecond: Math.round((breach.length / spanSeconds) * 10) / 10,
  };
}

async function bareBullmqPhase(redisUrl: string) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const prefix = 'bench:{bull}';
  const queue = new Queue('bare', { connection, prefix });
  const done = new Map<string, number>();
  let duplicates = 0;
  const worker = new Worker(
    'bare',
    (job) => {
      const now = Date.now();
      if (done.has(job.id!)) duplicates += 1;
      else done.set(job.id!, now - (job.data as { dueAt: number }).dueAt);
      return Promise.resolve();
    },
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix, concurrency: 50 },
  );
  const firstDue = Date.now() + 20_000;
  await pool(Array.from({ length: OPTS.deadlines }), 50, async (_, i) => {
    const dueAt = firstDue + Math.floor((i * OPTS.window * 1000) / OPTS.deadlines);
    await queue.add('due', { dueAt }, { jobId: `bare-${i}`, delay: dueAt - Date.now(), removeOnComplete: true });
  });
  const lastDue = firstDue + OPTS.window * 1000;
  while (Date.now() < lastDue + 30_000 && done.size < OPTS.deadlines) await sleep(200);
  await worker.close();
  await queue.close();
  connection.disconnect();
  return { processed: done.size, lost: OPTS.deadlines - done.size, duplicates, latenessMs: stats([...done.values()]) };
}

async function main() {
  log(`options ${JSON.stringify(OPTS)} on ${os.cpus().length} cores`);
  redis = await startRedis({ aof: true });
  log(`redis-server (AOF, appendfsync always) on ${redis.url}`);

  log('baseline: bare BullMQ delayed jobs');
  const bare = await bareBullmqPhase(redis.url);
  log(`bare BullMQ: lateness p50 ${bare.latenessMs.p50} p99 ${bare.latenessMs.p99} max ${bare.latenessMs.max} ms; lost ${bare.lost}`);

  server = await startServer({ redisUrl: redis.url, demo: true });
  const lead = await signIn(server.baseUrl, 'lead.hughes');
  const ours = await mashboardPhase(lead);

  const target = { p99LatenessUnderMs: 1000, met: ours.latenessMs.p99 < 1000 && ours.lost === 0 && ours.duplicatePushes === 0 };
  console.log('\nDeadline alerts: due time → alert at a connected socket.io client');
  console.table({
    'mashboard (BullMQ + worker re-read + alert store + feed → socket)': { ...ours.latenessMs, lost: ours.lost, duplicates: ours.duplicatePushes },
    'bare BullMQ (delayed job → processor)': { ...bare.latenessMs, lost: bare.lost, duplicates: bare.duplicates },
  });
  console.log(`alerts per second: ${ours.alertsPerSecond}; warnings also delivered: ${ours.warningAlerts}; scheduling: ${ours.createCommandsPerSecond} commands/s`);
  console.log(`target p99 lateness < 1000 ms, none lost, none duplicated: ${target.met ? 'MET' : 'NOT MET'}`);

  const result = { bench: 'deadlines', at: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version }, options: OPTS, mashboard: ours, bareBullmq: bare, target };
  log(`wrote bench-results/${writeBenchResults('deadlines', new Date(result.at), result)} and bench-results/deadlines-latest.json`);
}

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  });
