/** Wires configuration, Redis, HTTP, sockets and demo data into a running server. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from 'socket.io';
import { LIMITS } from '@mashboard/shared';
import { buildApp, securityHeaders } from './app.ts';
import { loadSession, originGuard, sessionRoutes } from './auth/http.ts';
import { Sessions } from './auth/sessions.ts';
import { SingleSignOn } from './auth/sso.ts';
import { ssoRoutes } from './auth/sso-routes.ts';
import { Users } from './auth/users.ts';
import { CaseCommands } from './cases/commands.ts';
import { CaseQueries } from './cases/queries.ts';
import { caseRoutes } from './cases/routes.ts';
import { allowedOrigins, requireMetricsExposure, type Config } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './demo/seed.ts';
import { createLogger, type Logger } from './logger.ts';
import { createAdapter } from './realtime/adapter.ts';
import { Presence } from './realtime/presence.ts';
import { attachSockets } from './realtime/sockets.ts';
import { endSessionSockets, endUserSockets, originCheck, watchSessions } from './realtime/gate.ts';
import type { MashServer } from './realtime/io.ts';
import { auditorRoutes } from './audit/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { AgencyStore } from './admin/agencies.ts';
import { policyGate } from './auth/policy-gate.ts';
import { sharingRoutes } from './sharing/routes.ts';
import { MeetingCommands } from './meetings/commands.ts';
import { MeetingQueries } from './meetings/queries.ts';
import { meetingStore } from './meetings/store.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { checkDurability, connectRedis, enforceDurability, redisReady } from './redis.ts';
import { measureFrom, startMetricsServer } from './observability/metrics.ts';
import { openApiDocument } from './openapi.ts';
import { migrate } from './store/migrate.ts';
import { EventStore } from './store/event-store.ts';
import { keys } from './store/keys.ts';
import { Router } from 'express';
import { AlertStore } from './alerts/alert-store.ts';
import { AuditLog } from './audit/audit-log.ts';
import { Alerts } from './alerts/alerts.ts';
import { alertRoutes } from './alerts/routes.ts';
import { startAlertFeed } from './realtime/alert-channel.ts';
import { TimelinessPolicyStore } from './deadlines/policy-store.ts';
import { timelinessRoutes } from './deadlines/routes.ts';
import { DeadlineScheduler } from './deadlines/scheduler.ts';
import { startDeadlineWorker } from './deadlines/worker.ts';
import { alertIfCalendarRunningOut } from './deadlines/calendar-check.ts';
import { RetentionScheduleStore } from './retention/schedule-store.ts';
import { RetentionReviews } from './retention/reviews.ts';
import { CaseErasure } from './retention/erasure.ts';
import { retentionRoutes } from './retention/routes.ts';
import { DecisionSettingsStore, decisionSettingsRoutes } from './cases/decision-settings.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** The separate metrics listener's port (METRICS_PORT), if there is one. */
  metricsPort: number | undefined;
  log: Logger;
  /** Every API route as `METHOD /api/path`, read from the application itself (for the policy test). */
  routes(): string[];
  close(): Promise<void>;
}

/** Walk Express's router stack: the routes of every router mounted at /api, and of the app itself. */
function apiRoutes(app: import('express').Express): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; name?: string };
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.name === 'router' && layer.handle?.stack) {
        walk(layer.handle.stack, '/api');
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found.filter((r) => r.includes(' /api/'));
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** How long /api/health waits for Redis, and each step of a shutdown for what it stops. */
const HEALTH_TIMEOUT_MS = 800;
const SHUTDOWN_STEP_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The provider sends people back to OIDC_REDIRECT_URI: it must be one of this server's origins. */
function refuseRedirectElsewhere(config: Config): void {
  if (!config.sso) return;
  const redirectOrigin = new URL(config.sso.redirectUri).origin;
  const origins = config.allowedOrigins.length > 0 || config.port !== 0 ? allowedOrigins(config, config.port) : [];
  if (!origins.includes(redirectOrigin)) {
    throw new Error(
      `OIDC_REDIRECT_URI (${config.sso.redirectUri}) does not point at this server: its origin must be one of ${origins.join(', ') || "this server's (set PORT)"}. Behind a proxy, set MASH_ALLOWED_ORIGINS to the public https:// origin.`,
    );
  }
}

export async function startServer(config: Config): Promise<RunningServer> {
  refuseRedirectElsewhere(config);
  requireMetricsExposure(config);
  const log = createLogger(config.logLevel);
  const redis = connectRedis(config.redis, 'main', { failFast: true });
  await redisReady(redis);
  await enforceDurability(redis, config.env, log);
  await migrate(redis, log);

  const agencies = new AgencyStore(redis, log);
  await agencies.start();
  const agencyWatch = agencies.watch();
  const store = new EventStore(redis);
  const users = new Users(redis);
  if (config.env === 'production') {
    // A Redis once seeded by `npm run demo` holds accounts whose password is published.
    const demo = (await Promise.all(DEMO_ACCOUNTS.map((a) => users.findByUsername(a.username)))).filter((u) => u !== null);
    if (demo.length > 0) {
      throw new Error(
        `Refusing to start in production: this Redis holds the demo accounts (${demo.map((u) => u.username).join(', ')}), whose password is published. Use a Redis that never ran the demo.`,
      );
    }
  }
  const sessions = new Sessions(redis, config.sessionIdleMs, config.sessionAbsoluteMs, config.cookieSecure);
  // Single sign-on: the provider must answer as the configured issuer now, or the start stops here.
  const sso = config.sso ? await SingleSignOn.connect(config.sso, config.env, redis, log) : null;
  if (sso) {
    for (const [i, rule] of sso.settings.mapping.rules.entries()) {
      if (!(await agencies.get(rule.agency))) {
        throw new Error(`OIDC_MAPPING_FILE: rule ${i + 1} names agency "${rule.agency}", which is not a known agency (add it as an admin first, or fix the rule).`);
      }
    }
  }
  const policy = new TimelinessPolicyStore(redis);
  const audit = new AuditLog(redis, log, config.audit);
  if (!config.audit) log.warn('AUDIT LOG OFF (MASH_AUDIT=off): for measuring only; nothing is being recorded.');
  const meetingRecords = meetingStore(redis);
  const retentionSchedule = new RetentionScheduleStore(redis, config.env !== 'production');
  const decisionSettings = new DecisionSettingsStore(redis);
  const commands = new CaseCommands(redis, store, users, policy, audit, log, (meetingId) => meetingRecords.readSummary(meetingId), retentionSchedule, decisionSettings);
  const meetings = { commands: new MeetingCommands(meetingRecords, store, users, audit, log), queries: new MeetingQueries(redis, meetingRecords, store, audit) };
  const queries = new CaseQueries(store, audit);
  const presence = new Presence(redis);
  const alertStore = new AlertStore(redis);
  const alerts = new Alerts(alertStore, store);
  // BullMQ defines its many scripts on the connection it is given, and ioredis copies every defined
  // script onto each auto-pipelined batch: the queue gets its own connection, so the hot one stays lean.
  const queueRedis = connectRedis(config.redis, 'deadline-queue', { failFast: true });
  await redisReady(queueRedis);
  const scheduler = new DeadlineScheduler(queueRedis, log);
  measureFrom({ queue: scheduler.queue, redis });
  // Retention reviews ride the same queue and workers: a job per (case, review generation).
  const reviews = new RetentionReviews(redis, scheduler.queue, store, log);
  const adapterRedis = connectRedis(config.redis, 'adapter');
  const erasure = new CaseErasure({ redis, store, alerts: alertStore, meetings: meetingRecords, queue: scheduler.queue, log, broadcasts: adapterRedis });
  commands.useErasure(erasure);
  commands.useEarlierDecisions((children, receivedAt) => queries.earlierDecisions(children, receivedAt));

  const httpServer = createServer();
  let origins: string[] = [];
  const isAllowedOrigin = (origin: string | undefined) => origin !== undefined && origins.includes(origin);

  const io: MashServer = new Server(httpServer, {
    adapter: createAdapter(adapterRedis, { streamName: keys.adapterStream(), maxLen: 10_000 }),
    maxHttpBufferSize: LIMITS.maxPayloadBytes,
    serveClient: false,
    ...originCheck(isAllowedOrigin),
  });
  io.engine.use(securityHeaders());
  const sockets = attachSockets({ io, commands, queries, alerts, meetings, sessions, users, presence, audit, log });
  // What follows every append, in one place. Each step is awaited before the command is
  // acknowledged; the events are stored already, so a step that fails is logged by its name and
  // the reconciliation below repairs the jobs it left out.
  commands.afterAppend(
    // Deadline jobs follow every change of a case's clocks.
    { name: 'schedule deadline jobs', run: ({ summary, previous }) => scheduler.sync(previous, summary) },
    { name: 'schedule retention reviews', run: ({ summary, previous }) => reviews.sync(previous, summary) },
    sockets.afterAppend.cases,
  );
  meetings.commands.afterAppend(sockets.afterAppend.meetings);

  if (config.demo) await seedDemo(users, commands, store, log);
  const alertFeed = startAlertFeed(io, config.redis, store, log);
  const sessionWatch = watchSessions(io, sessions, log);
  // Anchor the audit chain outside Redis: the head hash goes to the application log every hour.
  const anchorAudit = async () => log.info({ auditHead: await audit.head() }, 'audit chain head');
  const anchorTimer = setInterval(() => void anchorAudit().catch(() => undefined), 3_600_000);
  anchorTimer.unref();
  const worker =
    config.worker === 'inline'
      ? startDeadlineWorker(
          { store, users, alerts: alertStore, policy, scheduler, log },
          { redis: config.redis, concurrency: config.workerConcurrency, delayAfterAlertMs: config.faultDelayAfterAlertMs },
        )
      : null;
  // Repair what a crash between an append and its scheduling left out: re-adding an existing job is a no-op.
  const reconcile = async () => {
    const open = await scheduler.reconcile(await queries.withOpenDeadlines());
    const reviewsDue = await reviews.reconcile();
    const erasuresFinished = await erasure.reconcile();
    log.debug({ open, reviewsDue, erasuresFinished }, 'deadline and retention jobs reconciled');
  };
  await reconcile();
  // The calendar's bank holidays must not run out unnoticed: the admins are told 6 months ahead.
  const checkCalendar = () => alertIfCalendarRunningOut({ policy, users, alerts: alertStore }).catch((error: unknown) => log.warn({ err: error }, 'calendar check failed'));
  await checkCalendar();
  const calendarTimer = setInterval(() => void checkCalendar(), 3_600_000);
  calendarTimer.unref();
  const reconcileTimer = setInterval(() => void reconcile().catch((error: unknown) => log.warn({ err: error }, 'reconcile failed')), 60_000);
  reconcileTimer.unref();

  const documentRoutes = Router();
  const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  documentRoutes.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(version, config.demo));
  });

  const demoRoutes = Router();
  if (config.demo) {
    demoRoutes.get('/demo-accounts', (_req, res) => {
      res.json({ accounts: DEMO_ACCOUNTS.map(({ username, name, agency, role }) => ({ username, name, agency, role })), password: DEMO_PASSWORD });
    });
  }

  let shuttingDown = false;
  const redisAnswers = () =>
    withTimeout(
      redis.ping().then((pong) => pong === 'PONG'),
      HEALTH_TIMEOUT_MS,
    ).catch(() => false);
  /** A case by reference for the auditor; an erased case is still found by it, with its tombstone. */
  const findCaseByReference = async (reference: string) => {
    const found = await queries.byReference(reference);
    if (found) return { caseId: found.id, reference: found.reference };
    const tombstone = await queries.tombstoneByReference(reference);
    return tombstone ? { caseId: tombstone.caseId, reference: tombstone.reference, erased: tombstone } : null;
  };
  const app = buildApp({
    log,
    before: [originGuard(isAllowedOrigin), loadSession(sessions, users), policyGate(audit)],
    api: [
      documentRoutes,
      demoRoutes,
      sessionRoutes({
        redis,
        sessions,
        users,
        cookieSecure: config.cookieSecure,
        audit,
        alerts: alertStore,
        onSignOut: (key) => endSessionSockets(io, key, 'signed out'),
        localSignIn: config.localSignIn,
        ssoLabel: sso?.settings.label ?? null,
        providerSignOutUrl: () => sso?.endSessionUrl() ?? null,
      }),
      ssoRoutes({
        sso,
        localSignIn: config.localSignIn,
        redis,
        users,
        sessions,
        agencies,
        audit,
        cookieSecure: config.cookieSecure,
        log,
        onSignOut: (key) => endSessionSockets(io, key, 'signed out'),
        endUserSockets: (userId, reason) => endUserSockets(io, userId, reason),
      }),
      caseRoutes({ commands, queries, users }),
      alertRoutes({ alerts, audit }),
      timelinessRoutes({ policy, queries, audit }),
      retentionRoutes({ schedule: retentionSchedule, audit }),
      decisionSettingsRoutes({ settings: decisionSettings, audit }),
      sharingRoutes({ queries, commands }),
      meetingRoutes({ ...meetings, audit }),
      adminRoutes({
        users,
        sessions,
        audit,
        endUserSockets: (userId, reason) => endUserSockets(io, userId, reason),
        agencies,
        findCaseByReference,
        referencesOf: (ids) => queries.referencesOf(ids),
        failedJobs: () => scheduler.failedJobs(),
      }),
      auditorRoutes({ audit, users, findCaseByReference, casesOfChild: (child) => queries.casesOfChildForAudit(child), referencesOf: (ids) => queries.referencesOf(ids) }),
    ],
    clientDir: config.clientDir ?? path.join(repoRoot, 'client/dist'),
    sourceMaps: config.env !== 'production',
    trustProxy: config.trustProxy,
    // Within a second either way: a Redis that is away or hung answers 503 at once.
    health: redisAnswers,
    async readiness() {
      const accepting = !shuttingDown;
      const [answers, report] = await Promise.all([redisAnswers(), withTimeout(checkDurability(redis), HEALTH_TIMEOUT_MS).catch(() => null)]);
      const durable = report !== null && report.problems.length === 0;
      // Outside production a Redis without AOF is allowed (with a warning at start), so it is ready.
      const ready = accepting && answers && report !== null && (durable || config.env !== 'production');
      return { ready, checks: { redis: answers, durable, accepting } };
    },
    ...(config.metrics.token && config.metrics.port === undefined ? { metricsToken: config.metrics.token } : {}),
  });
  // Socket.IO answers its own path (and refuses a foreign Origin there): the app never sees it,
  // so a refused handshake is answered once, not again by the app with an error logged.
  httpServer.on('request', (req, res) => {
    if (!req.url?.startsWith('/socket.io/')) void app(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  origins = allowedOrigins(config, port);
  const metricsServer = config.metrics.port !== undefined ? await startMetricsServer(config.host, config.metrics.port, config.metrics.token) : null;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    metricsPort: metricsServer?.port,
    log,
    routes: () => apiRoutes(app),
    close() {
      // Not ready from the first moment of a shutdown: a load balancer stops sending work here.
      shuttingDown = true;
      closing ??= (async () => {
        await metricsServer?.close();
        clearInterval(reconcileTimer);
        clearInterval(anchorTimer);
        clearInterval(calendarTimer);
        agencyWatch.stop();
        sessionWatch.stop();
        sockets.stop();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => {
          io.close(() => resolve()).catch(() => resolve());
        });
        // Bounded: with Redis away, BullMQ and the stream readers would wait for it for ever.
        await withTimeout(Promise.allSettled([worker?.close(), alertFeed.stop(), scheduler.close()]), SHUTDOWN_STEP_MS).catch(() => undefined);
        await withTimeout(Promise.allSettled([redis.quit(), queueRedis.quit(), adapterRedis.quit()]), SHUTDOWN_STEP_MS).catch(() => undefined);
        for (const connection of [redis, queueRedis, adapterRedis]) connection.disconnect();
      })();
      return closing;
    },
  };
}
