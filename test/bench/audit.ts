/**
 * `npm run bench audit`: what auditing every read and write costs. The same load runs against a
 * server with the audit log on and one with it off (MASH_AUDIT=off, a measuring-only setting),
 * each on its own fresh redis-server with AOF appendfsync always, in one run:
 *   - open-case latency: GET /api/cases/:id of a case with 20 entries, one request at a time;
 *   - contributions per second: closed-loop writers over REST for a fixed time.
 * Writes bench-results/audit-<timestamp>.json and bench-results/audit-latest.json.
 *
 * Options: --reads=1000 (100..10000) --writers=20 (1..200) --seconds=10 (2..60)
 */
import os from 'node:os';
import { expectResult, rest, signIn } from '../support/clients.ts';
import { factPayload, openCasePayload } from '../support/fixtures.ts';
import { startRedis } from '../support/redis.ts';
import { startServer } from '../support/server.ts';
import { writeBenchResults } from './results.ts';

function option(name: string, fallback: number, min: number, max: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = flag ? Number(flag.split('=')[1]) : fallback;
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be between ${min} and ${max}`);
  return value;
}
const OPTS = { reads: option('reads', 1000, 100, 10_000), writers: option('writers', 20, 1, 200), seconds: option('seconds', 10, 2, 60) };
const log = (line: string) => process.stderr.write(`[bench audit ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const r = (n: number) => Math.round(n * 100) / 100;
  return { p50: r(at(50)), p99: r(at(99)), max: r(sorted[sorted.length - 1]!) };
}

async function measure(audit: 'on' | 'off') {
  const redis = await startRedis({ aof: true });
  const server = await startServer({ redisUrl: redis.url, demo: true, env: { MASH_AUDIT: audit } });
  try {
    const session = await signIn(server.baseUrl, 'pc.evans');
    const api = rest(server.baseUrl, session);
    const { caseId } = expectResult(await api.command('case.open', openCasePayload()));
    for (let i = 0; i < 20; i++) expectResult(await api.command('contribution.add', factPayload(caseId)));

    for (let i = 0; i < 50; i++) await api.get(`/api/cases/${caseId}`); // warm up
    const latencies: number[] = [];
    for (let i = 0; i < OPTS.reads; i++) {
      const t0 = performance.now();
      const res = await api.get(`/api/cases/${caseId}`);
      latencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`read failed: ${res.status}`);
    }

    const cases = await Promise.all(Array.from({ length: 10 }, async () => expectResult(await api.command('case.open', openCasePayload())).caseId));
    let written = 0;
    const until = Date.now() + OPTS.seconds * 1000;
    await Promise.all(
      Array.from({ length: OPTS.writers }, async (_, w) => {
        while (Date.now() < until) {
          expectResult(await api.command('contribution.add', factPayload(cases[w % cases.length]!)));
          written += 1;
        }
      }),
    );
    return { openCaseMs: stats(latencies), contributionsPerSecond: Math.round(written / OPTS.seconds) };
  } finally {
    await server.stop();
    await redis.dispose();
  }
}

async function main() {
  log(`options ${JSON.stringify(OPTS)} on ${os.cpus().length} cores`);
  const off = await measure('off');
  log(`audit off: open case p50 ${off.openCaseMs.p50} ms; ${off.contributionsPerSecond} contributions/s`);
  const on = await measure('on');
  log(`audit on: open case p50 ${on.openCaseMs.p50} ms; ${on.contributionsPerSecond} contributions/s`);
  console.log('\nThe cost of auditing every read and write (AOF appendfsync always)');
  console.table({
    'audit on (every read and write recorded, hash-chained)': { ...on.openCaseMs, 'contributions/s': on.contributionsPerSecond },
    'audit off (measuring only)': { ...off.openCaseMs, 'contributions/s': off.contributionsPerSecond },
  });
  const result = { bench: 'audit', at: new Date().toISOString(), machine: { cores: os.cpus().length, node: process.version }, options: OPTS, auditOn: on, auditOff: off };
  writeBenchResults('audit', new Date(result.at), result);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
