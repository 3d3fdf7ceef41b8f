/** Every setting comes from the environment, parsed and validated here and nowhere else. */
import { z } from 'zod';
import type { RedisTarget } from './redis.ts';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** `host:port,host:port,...`: a Redis Cluster's seed nodes (IPv6 hosts in brackets: `[::1]:7000`). */
const ClusterNodes = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined;
    const nodes: { host: string; port: number }[] = [];
    for (const item of value.split(',').map((s) => s.trim())) {
      const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:/[\]]+)):(\d{1,5})$/.exec(item);
      const port = match ? Number(match[3]) : 0;
      if (!match || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not host:port; expected e.g. REDIS_CLUSTER_NODES=10.0.0.1:6379,10.0.0.2:6379` });
        return z.NEVER;
      }
      nodes.push({ host: match[1] ?? match[2]!, port });
    }
    return nodes;
  });

/** Addresses a proxy may sit at: an IPv4 or IPv6 address, with or without a /prefix. */
const PROXY_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;
/** The proxies whose X-Forwarded-For is believed: unset, none (req.ip is the connection's address). */
const TrustProxy = z
  .string()
  .optional()
  .transform((raw, ctx): false | number | string[] => {
    if (raw === undefined || raw.trim() === '' || raw === 'false') return false;
    if (/^\d+$/.test(raw.trim())) {
      const hops = Number(raw.trim());
      if (hops >= 1 && hops <= 10) return hops;
    }
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((i) => !['loopback', 'linklocal', 'uniquelocal'].includes(i) && !PROXY_ADDRESS.test(i));
    if (items.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a number of proxy hops (1 to 10), or proxy addresses (IP or CIDR, or loopback, linklocal, uniquelocal) separated by commas${bad.length ? `; not understood: ${bad.join(', ')}` : ''}`,
      });
      return z.NEVER;
    }
    return items;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Interface to listen on. */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Redis connection; when unset, `npm start` finds or starts a local redis-server. */
  REDIS_URL: z.string().url().optional(),
  /** Redis Cluster seed nodes; when set, REDIS_URL is not used. */
  REDIS_CLUSTER_NODES: ClusterNodes,
  /** Seed fictional demo users and cases (never in production). */
  MASH_DEMO: flag,
  /** Origins allowed to open sockets and send cookie-authenticated requests (comma-separated). */
  MASH_ALLOWED_ORIGINS: z.string().optional(),
  /** The reverse proxies whose X-Forwarded-For gives the client's address (default: none). */
  TRUST_PROXY: TrustProxy,
  /** Minutes of inactivity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().max(24 * 60).default(30),
  /** Hours after sign-in after which a session ends whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().max(72).default(12),
  /** Send cookies only over HTTPS (default: on in production). */
  COOKIE_SECURE: z.enum(['1', '0', 'true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder for a locally started redis-server's data (AOF). */
  MASH_DATA_DIR: z.string().default('data'),
  /** Serve the built client from this folder (default client/dist). */
  MASH_CLIENT_DIR: z.string().optional(),
  /** `inline`: this process also runs the deadline worker; `off`: run `npm run worker` separately. */
  MASH_WORKER: z.enum(['inline', 'off']).default('inline'),
  /** Deadline jobs one worker process runs at once. */
  MASH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** `off` stops the audit log, only to measure what auditing costs (refused in production). */
  MASH_AUDIT: z.enum(['on', 'off']).default('on'),
  /** Fault injection for tests only: the worker pauses this long after raising an alert (refused in production). */
  MASH_FAULT_DELAY_AFTER_ALERT_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /** Serve Prometheus `/metrics` on this separate port (on HOST); 0 picks a free one. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Bearer token a scraper must send for `/metrics` (on the app's port when METRICS_PORT is unset). */
  METRICS_TOKEN: z
    .string()
    .optional()
    .refine((t) => t === undefined || (t.length >= 32 && /^[\x21-\x7e]+$/.test(t)), {
      message: 'must be at least 32 printable characters with no spaces (e.g. the output of `openssl rand -hex 32`)',
    }),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** The standalone Redis (REDIS_URL) or the cluster (REDIS_CLUSTER_NODES). */
  redis: RedisTarget;
  demo: boolean;
  allowedOrigins: string[];
  /** Whose X-Forwarded-For to believe (express's `trust proxy`): false, a hop count, or addresses. */
  trustProxy: false | number | string[];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  cookieSecure: boolean;
  logLevel: string;
  dataDir: string;
  clientDir: string | undefined;
  worker: 'inline' | 'off';
  workerConcurrency: number;
  faultDelayAfterAlertMs: number;
  audit: boolean;
  /** How `/metrics` is offered; neither set: not at all. */
  metrics: { port?: number; token?: string };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration in the environment:\n${lines}`);
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port,
    redis: e.REDIS_CLUSTER_NODES
      ? { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES }
      : { kind: 'standalone', url: e.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    demo: e.MASH_DEMO,
    allowedOrigins: e.MASH_ALLOWED_ORIGINS
      ? e.MASH_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean)
      : [],
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE ? e.COOKIE_SECURE === '1' || e.COOKIE_SECURE === 'true' : e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    dataDir: e.MASH_DATA_DIR,
    clientDir: e.MASH_CLIENT_DIR,
    worker: e.MASH_WORKER,
    workerConcurrency: e.MASH_WORKER_CONCURRENCY,
    faultDelayAfterAlertMs: e.MASH_FAULT_DELAY_AFTER_ALERT_MS,
    audit: e.MASH_AUDIT === 'on',
    metrics: {
      ...(e.METRICS_PORT !== undefined ? { port: e.METRICS_PORT } : {}),
      ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}),
    },
    ...overrides,
  };
  if (config.demo && config.env === 'production') {
    throw new Error('MASH_DEMO cannot be used with NODE_ENV=production: demo accounts have a published password.');
  }
  if (!config.audit && config.env === 'production') {
    throw new Error('MASH_AUDIT=off is for measuring only and cannot be used with NODE_ENV=production: every access must be audited.');
  }
  if (config.faultDelayAfterAlertMs > 0 && config.env === 'production') {
    throw new Error('MASH_FAULT_DELAY_AFTER_ALERT_MS is for tests and cannot be used with NODE_ENV=production.');
  }
  if (config.metrics.port !== undefined && config.metrics.port !== 0 && config.metrics.port === config.port) {
    throw new Error(`METRICS_PORT (${config.metrics.port}) must differ from PORT: the metrics listener is separate from the app.`);
  }
  return config;
}

/**
 * Metrics are never open by default, and a production server or worker must be scrapeable: it
 * refuses to start unless METRICS_PORT (a port kept off the public network) or METRICS_TOKEN is set.
 */
export function requireMetricsExposure(config: Config): void {
  if (config.env !== 'production' || config.metrics.port !== undefined || config.metrics.token !== undefined) return;
  throw new Error(
    'Refusing to start in production without a way to scrape metrics: set METRICS_PORT (a separate port for /metrics, kept off the public network) or METRICS_TOKEN (a bearer token of 32+ characters for /metrics on the app port).',
  );
}

/** Origins allowed by default: the server's own address on loopback. */
export function allowedOrigins(config: Config, boundPort: number): string[] {
  if (config.allowedOrigins.length > 0) return config.allowedOrigins;
  return [`http://127.0.0.1:${boundPort}`, `http://localhost:${boundPort}`, `http://[::1]:${boundPort}`];
}
