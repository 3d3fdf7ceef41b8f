/** Every setting comes from the environment, parsed and validated here and nowhere else. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCAL_SIGN_IN_MODES, SsoMappingSchema, type LocalSignIn, type SsoMapping } from '@mashboard/shared';
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
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
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

/** A setting given as an empty string (`OIDC_ISSUER=`, or `${OIDC_ISSUER:-}` in a compose file) is not set. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

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
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
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
  /** Who may sign in with a Mashboard password: everyone, only administrators (break-glass), or nobody. */
  MASH_LOCAL_SIGN_IN: z.enum(LOCAL_SIGN_IN_MODES).default('on'),
  /** Single sign-on (OpenID Connect): the identity provider's issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0 */
  OIDC_ISSUER: unsetIfEmpty(z.string().url('must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0').optional()),
  /** The client (application) id registered at the provider. */
  OIDC_CLIENT_ID: unsetIfEmpty(z.string().max(500).optional()),
  /** The client secret registered at the provider. */
  OIDC_CLIENT_SECRET: unsetIfEmpty(z.string().max(2000).optional()),
  /** Where the provider sends people back: https://<this server>/api/sso/callback, registered at the provider exactly. */
  OIDC_REDIRECT_URI: unsetIfEmpty(z.string().url('must be a URL ending /api/sso/callback').optional()),
  /** Scopes asked for (space-separated); must include openid. */
  OIDC_SCOPES: z.string().default('openid profile email'),
  /** The JSON file of rules mapping claims (e.g. groups) to agency and role. */
  OIDC_MAPPING_FILE: unsetIfEmpty(z.string().optional()),
  /** The claim that becomes the username of an account first seen through single sign-on. */
  OIDC_USERNAME_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'must be a claim name such as preferred_username or email')
    .default('preferred_username'),
  /** The words on the sign-in button. */
  OIDC_LABEL: z.string().trim().min(1).max(100).default('Sign in with your organisation account'),
  /** Where the provider sends people after signing out there (registered at the provider); default: this server's home page. */
  OIDC_POST_LOGOUT_REDIRECT_URI: unsetIfEmpty(z.string().url().optional()),
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

/** The callback route: OIDC_REDIRECT_URI must name it. */
export const SSO_CALLBACK_PATH = '/api/sso/callback';

/** Single sign-on through an OpenID Connect provider (authorization code with PKCE). */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  mapping: SsoMapping;
  usernameClaim: string;
  label: string;
  postLogoutRedirectUri: string;
}

const SSO_REQUIRED = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_MAPPING_FILE'] as const;

/** The mapping file, read and validated now: a mistake stops the start, naming the rule and field. */
function readMapping(file: string): SsoMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`OIDC_MAPPING_FILE: cannot read ${file} (${(error as Error).message}).`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`OIDC_MAPPING_FILE: ${file} is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  const parsed = SsoMappingSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(the file)'}: ${i.message}`).join('\n');
    throw new Error(`OIDC_MAPPING_FILE: ${file} is not a valid mapping:\n${lines}`);
  }
  return parsed.data;
}

/** Single sign-on settings: none at all, or every one needed; never half, never weaker in production. */
function ssoConfig(e: z.infer<typeof EnvSchema>): SsoConfig | null {
  const given = SSO_REQUIRED.filter((name) => e[name] !== undefined);
  if (given.length === 0) return null;
  const missing = SSO_REQUIRED.filter((name) => e[name] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `Single sign-on is half configured: ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not. Set them all, or none.`,
    );
  }
  const redirect = new URL(e.OIDC_REDIRECT_URI!);
  if (redirect.pathname !== SSO_CALLBACK_PATH || redirect.search || redirect.hash) {
    throw new Error(`OIDC_REDIRECT_URI must be this server's ${SSO_CALLBACK_PATH} (e.g. https://mash.council.example${SSO_CALLBACK_PATH}), not ${e.OIDC_REDIRECT_URI}.`);
  }
  const scopes = e.OIDC_SCOPES.split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid')) throw new Error(`OIDC_SCOPES must include openid (it is "${e.OIDC_SCOPES}").`);
  if (e.NODE_ENV === 'production') {
    for (const [name, value] of [
      ['OIDC_ISSUER', e.OIDC_ISSUER!],
      ['OIDC_REDIRECT_URI', e.OIDC_REDIRECT_URI!],
    ] as const) {
      if (new URL(value).protocol !== 'https:') throw new Error(`${name} must be an https:// address in production (it is ${value}).`);
    }
  }
  return {
    issuer: e.OIDC_ISSUER!,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    redirectUri: e.OIDC_REDIRECT_URI!,
    scopes,
    mapping: readMapping(e.OIDC_MAPPING_FILE!),
    usernameClaim: e.OIDC_USERNAME_CLAIM,
    label: e.OIDC_LABEL,
    postLogoutRedirectUri: e.OIDC_POST_LOGOUT_REDIRECT_URI ?? `${redirect.origin}/`,
  };
}

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
  /** Who may sign in with a Mashboard password (MASH_LOCAL_SIGN_IN). */
  localSignIn: LocalSignIn;
  /** Single sign-on, or null when not configured. */
  sso: SsoConfig | null;
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
    redis: e.REDIS_CLUSTER_NODES ? { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES } : { kind: 'standalone', url: e.REDIS_URL ?? 'redis://127.0.0.1:6379' },
    demo: e.MASH_DEMO,
    allowedOrigins: e.MASH_ALLOWED_ORIGINS
      ? e.MASH_ALLOWED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
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
    localSignIn: e.MASH_LOCAL_SIGN_IN,
    sso: ssoConfig(e),
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
  if (config.localSignIn !== 'on' && !config.sso) {
    throw new Error(
      `MASH_LOCAL_SIGN_IN=${config.localSignIn} needs single sign-on (OIDC_ISSUER and the rest): without it ${config.localSignIn === 'off' ? 'nobody' : 'only administrators'} could sign in.`,
    );
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
