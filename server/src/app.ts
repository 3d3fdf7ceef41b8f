/** The Express application: security headers, JSON bodies, the API, the built client. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import helmet from 'helmet';
import { HTTP_STATUS, LIMITS, type ApiError } from '@mashboard/shared';
import { toApiError } from './errors.ts';
import type { Logger } from './logger.ts';
import { metricsRoute } from './observability/metrics.ts';
import { requestIdOf, requestLogging } from './observability/requests.ts';
import { DOCUMENT_STYLE_SOURCE } from './documents.ts';

export interface AppParts {
  log: Logger;
  /** Routers mounted under /api, in order. */
  api: Router[];
  /** Runs before the API routers (e.g. loading the session). */
  before: express.RequestHandler[];
  clientDir: string | undefined;
  /** Serve the client's source maps (not in production: they hand out the code's inner workings). */
  sourceMaps: boolean;
  /** Whose X-Forwarded-For to believe for the client's address (sign-in throttling, the audit log). */
  trustProxy: false | number | string[];
  health: () => Promise<boolean>;
  /** May this process take traffic: Redis answers, its durability checks pass, it is not shutting down. */
  readiness: () => Promise<Readiness>;
  /** Serve `GET /metrics` on this port behind this bearer token (unset: not here). */
  metricsToken?: string;
}

export interface Readiness {
  ready: boolean;
  checks: {
    /** Redis answered a PING within the time allowed. */
    redis: boolean;
    /** Every Redis master has AOF, appendfsync always and noeviction (required in production only). */
    durable: boolean;
    /** The process is not shutting down. */
    accepting: boolean;
  };
}

/** The security headers of every answer, the API's, the client's and Socket.IO's alike. */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The printable documents' one stylesheet, by its hash (a share pack opened from the board inherits this policy).
        styleSrc: ["'self'", DOCUMENT_STYLE_SOURCE],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
}

function withRequestId(req: { id?: unknown }): { requestId?: string } {
  const requestId = requestIdOf(req);
  return requestId ? { requestId } : {};
}

export function buildApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', parts.trustProxy);
  app.use(...requestLogging(parts.log));
  app.use(securityHeaders());

  app.get('/api/health', (_req, res, next) => {
    parts
      .health()
      .then((ok) => res.status(ok ? 200 : 503).json({ ok }))
      .catch(next);
  });
  // For an orchestrator: live (the process answers; restart it otherwise) and ready (send it traffic).
  app.get('/api/health/live', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ live: true });
  });
  app.get('/api/health/ready', (_req, res, next) => {
    parts
      .readiness()
      .then((readiness) =>
        res
          .status(readiness.ready ? 200 : 503)
          .set('Cache-Control', 'no-store')
          .json(readiness),
      )
      .catch(next);
  });
  if (parts.metricsToken) app.get('/metrics', metricsRoute(parts.metricsToken));
  else {
    app.get('/metrics', (_req, res) => {
      res.status(404).type('text/plain').send('Metrics are not served on this port.\n');
    });
  }

  app.use('/api', (_req, res, next) => {
    // Case data is never cached by a browser or proxy.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', express.json({ limit: LIMITS.maxPayloadBytes, strict: true }));
  app.use('/api', ...parts.before);
  for (const router of parts.api) app.use('/api', router);
  app.use('/api', (req, res) => {
    const error: ApiError = { code: 'not-found', message: `No API route ${req.method} ${req.path}.`, ...withRequestId(req) };
    res.status(404).json({ error });
  });

  if (parts.clientDir) {
    // Checked per request, not at start-up, so a client built after the server started is served.
    const dir = parts.clientDir;
    if (!parts.sourceMaps) {
      app.get(/\.map$/, (_req, res) => {
        res.status(404).end();
      });
    }
    const index = path.join(dir, 'index.html');
    // The client's files are compressed (Brotli or gzip, as the browser accepts); API answers are
    // not, so a secret in one (the CSRF token) can never be guessed from compressed sizes (BREACH).
    app.use(compression({ filter: (req) => !req.path.startsWith('/api/') && !req.path.startsWith('/socket.io/') }));
    // Vite names built assets by their content's hash: they never change, so a year is safe.
    app.use('/assets', express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d' }));
    // An asset of another build (a page open across a deployment) is missing, not the app's page.
    app.use('/assets', (_req, res) => {
      res.status(404).end();
    });
    app.use(express.static(dir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res, next) => {
      if (!existsSync(index)) return next();
      res.set('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    let apiError: ApiError;
    const e = error as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      apiError = { code: 'invalid', message: `The request body is not valid JSON (${e.message ?? 'parse error'}).` };
    } else if (e.type === 'entity.too.large') {
      apiError = { code: 'too-large', message: `The request body is larger than ${LIMITS.maxPayloadBytes / 1024} KiB.` };
    } else if (e.type && e.status && e.status < 500) {
      apiError = { code: 'invalid', message: `The request could not be read: ${e.message ?? e.type}.` };
    } else {
      apiError = toApiError(error);
      const requestId = requestIdOf(req);
      if (apiError.code === 'internal') parts.log.error({ err: error, requestId }, 'request failed');
      if (apiError.code === 'unavailable') parts.log.warn({ err: error, requestId }, 'request failed: Redis is not answering');
    }
    res.status(HTTP_STATUS[apiError.code]).json({ error: { ...apiError, ...withRequestId(req) } });
  };
  app.use(onError);
  return app;
}
