/**
 * What Prometheus scrapes (`GET /metrics`): one registry per process, the series named in the
 * operations guide. Code that does the work observes it here; gauges that are cheaper to read than
 * to keep (BullMQ counts, the Redis round trip) are read when scraped, from the sources a process
 * registers with `measureFrom`. Labels are bounded sets (route patterns, event names, outcomes),
 * never ids or anything a user typed.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue } from 'bullmq';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RedisClient } from '../redis.ts';

export const registry = new Registry();
// Event-loop lag (nodejs_eventloop_lag_*), process memory (process_resident_memory_bytes,
// nodejs_heap_*), CPU, handles: prom-client's standard names, so stock dashboards work.
collectDefaultMetrics({ register: registry });

/** Seconds, from half a millisecond to ten seconds: a command, an append or a fan-out. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let sources: { queue?: Queue; redis?: RedisClient } = {};

/** Where this process's scrape-time gauges read from (the deadline queue, the main Redis connection). */
export function measureFrom(more: { queue?: Queue; redis?: RedisClient }): void {
  sources = { ...sources, ...more };
}

export const metrics = {
  httpRequests: new Histogram({
    name: 'mash_http_request_duration_seconds',
    help: 'REST and static requests: time to answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  socketEvents: new Histogram({
    name: 'mash_socket_event_duration_seconds',
    help: 'Socket.IO commands and reads: time to acknowledge, by event and outcome (ok or the error code)',
    labelNames: ['event', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  appends: new Histogram({
    name: 'mash_append_duration_seconds',
    help: 'An append (events, projection and indexes in one fsynced script), by aggregate (case, meeting) and outcome (ok, duplicate, conflict, error)',
    labelNames: ['aggregate', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  fanOut: new Histogram({
    name: 'mash_fanout_duration_seconds',
    help: 'From a case event being decided (its time) to its emit to the case room (submit to emit, less validation)',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  }),
  connectedSockets: new Gauge({
    name: 'mash_connected_sockets',
    help: 'Socket.IO connections signed in to this process',
    registers: [registry],
  }),
  auditBatches: new Counter({
    name: 'mash_audit_batches_total',
    help: 'Audit-log batches written, by outcome (stored or failed)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  auditRetries: new Counter({
    name: 'mash_audit_batch_retries_total',
    help: 'Audit batches re-chained because another process moved the head first',
    registers: [registry],
  }),
  alertLateness: new Histogram({
    name: 'mash_alert_lateness_seconds',
    help: 'From the time a deadline job was due to run to its alert being stored, by alert kind',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  }),
  deadlineJobs: new Gauge({
    name: 'mash_deadline_jobs',
    help: 'BullMQ deadline and retention jobs by state (waiting, delayed, active, failed), read at scrape',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (!sources.queue) return;
      const counts = await sources.queue.getJobCounts('waiting', 'delayed', 'active', 'failed').catch(() => null);
      if (!counts) return;
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  }),
  redisRoundTrip: new Gauge({
    name: 'mash_redis_round_trip_seconds',
    help: 'A PING to Redis and back, measured at scrape (-1 when Redis did not answer within a second)',
    registers: [registry],
    async collect() {
      const redis = sources.redis;
      if (!redis) return;
      const started = process.hrtime.bigint();
      const answered = await Promise.race([
        redis.ping().then(
          () => true,
          () => false,
        ),
        new Promise<false>((resolve) => setTimeout(resolve, 1_000, false).unref()),
      ]);
      this.set(answered ? Number(process.hrtime.bigint() - started) / 1e9 : -1);
    },
  }),
};

/** Seconds since a `process.hrtime.bigint()` reading. */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** How `/metrics` is offered: on its own port, behind a bearer token on the app's port, or both. */
export interface MetricsExposure {
  /** A separate port for `/metrics` only (METRICS_PORT). */
  port?: number;
  /** A bearer token the scraper must send (METRICS_TOKEN); required on the app's own port. */
  token?: string;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function answer(authorization: string | undefined, token: string | undefined): Promise<{ status: number; type: string; body: string; headers?: Record<string, string> }> {
  if (token !== undefined && !tokenMatches(authorization, token)) {
    return { status: 401, type: 'text/plain', body: 'A bearer token is required for /metrics.\n', headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' } };
  }
  return { status: 200, type: registry.contentType, body: await registry.metrics() };
}

/** `GET /metrics` on the app itself, behind the bearer token. */
export function metricsRoute(token: string): RequestHandler {
  return (req, res, next) => {
    answer(req.headers.authorization, token)
      .then(({ status, type, body, headers }) =>
        res
          .status(status)
          .set({ 'Content-Type': type, 'Cache-Control': 'no-store', ...headers })
          .send(body),
      )
      .catch(next);
  };
}

/** A listener for `/metrics` alone, on its own port (the bearer token too when one is set). */
export async function startMetricsServer(host: string, port: number, token: string | undefined): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    answer(req.headers.authorization, token).then(
      ({ status, type, body, headers }) => res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`METRICS_PORT ${port}: could not listen on ${host} (${error.message})`)));
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
