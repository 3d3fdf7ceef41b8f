/**
 * `npm run worker`: a deadline worker in its own process, to scale the job queue apart from the
 * web processes (set MASH_WORKER=off on those). Stops gracefully on SIGINT/SIGTERM: the jobs in
 * hand finish, the rest wait for another worker.
 */
import { AlertStore } from '../alerts/alert-store.ts';
import { Users } from '../auth/users.ts';
import { loadConfig, requireMetricsExposure } from '../config.ts';
import { measureFrom, startMetricsServer } from '../observability/metrics.ts';
import { TimelinessPolicyStore } from '../deadlines/policy-store.ts';
import { DeadlineScheduler } from '../deadlines/scheduler.ts';
import { startDeadlineWorker } from '../deadlines/worker.ts';
import { createLogger } from '../logger.ts';
import { connectRedis, enforceDurability } from '../redis.ts';
import { migrate } from '../store/migrate.ts';
import { EventStore } from '../store/event-store.ts';
import { findRedis } from './ensure-redis.ts';
import { AgencyStore } from '../admin/agencies.ts';

async function main() {
  const config = loadConfig();
  requireMetricsExposure(config);
  if (config.env === 'production' && config.metrics.port === undefined) {
    throw new Error('Refusing to start in production: a worker has no app port, so its metrics need METRICS_PORT (a port kept off the public network).');
  }
  const log = createLogger(config.logLevel);
  const { target } = await findRedis(config, process.env.REDIS_URL, (line) => log.info(line));
  const redis = connectRedis(target, 'worker-main');
  await enforceDurability(redis, config.env, log);
  await migrate(redis, log);
  const agencies = new AgencyStore(redis, log);
  await agencies.start();
  agencies.watch();
  const scheduler = new DeadlineScheduler(redis, log);
  measureFrom({ queue: scheduler.queue, redis });
  // A worker serves no HTTP but its metrics (alert lateness, the queue), on METRICS_PORT only.
  const metricsServer = config.metrics.port !== undefined ? await startMetricsServer(config.host, config.metrics.port, config.metrics.token) : null;
  // EventStore still declares a standalone `Redis`; a Cluster has the same commands.
  const worker = startDeadlineWorker(
    { store: new EventStore(redis), users: new Users(redis), alerts: new AlertStore(redis), policy: new TimelinessPolicyStore(redis), scheduler, log },
    { redis: target, concurrency: config.workerConcurrency, delayAfterAlertMs: config.faultDelayAfterAlertMs },
  );
  log.info({ concurrency: config.workerConcurrency }, 'deadline worker running');
  process.stdout.write('Mashboard deadline worker running\n');
  const stop = async (signal: string) => {
    log.info(`${signal}: stopping worker`);
    await worker.close();
    await metricsServer?.close();
    await scheduler.close();
    await redis.quit();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
