/**
 * One log line and one latency observation per HTTP request: its request id, method, route
 * pattern, status and time taken; never a body, a query string, a header or an id in the path
 * (the route pattern stands for the path). The request id is returned in `X-Request-Id` and in
 * every error body, so a user can quote it and an operator can find the line.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import { routePatternOf } from '../auth/policy-gate.ts';
import type { Logger } from '../logger.ts';
import { metrics, secondsSince } from './metrics.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A request id a proxy in front may already have given (kept so its logs and ours agree); anything else is replaced. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{8,64}$/;

type Request = IncomingMessage & { originalUrl?: string; id?: unknown };

function routeOf(req: Request): string {
  return routePatternOf(req.method ?? 'GET', req.originalUrl ?? req.url ?? '');
}

export function requestLogging(log: Logger): RequestHandler[] {
  const logged = pinoHttp({
    logger: log,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && FORWARDED_ID.test(given) ? given : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // The request's own serializers would log its URL (query string included) and headers: the
    // request and response are left out whole, and only what is listed below is written.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    serializers: { req: () => undefined, res: () => undefined },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, loggable: { responseTime?: number }) => ({
      method: req.method,
      route: routeOf(req),
      status: res.statusCode,
      ms: loggable.responseTime,
    }),
    customErrorObject: (req, res, error, loggable: { responseTime?: number }) => ({
      method: req.method,
      route: routeOf(req),
      status: res.statusCode,
      ms: loggable.responseTime,
      err: error,
    }),
  });
  const timed: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      metrics.httpRequests.observe({ method: req.method, route: routeOf(req), status: String(res.statusCode) }, secondsSince(started));
    });
    next();
  };
  return [logged, timed];
}

/** The id of the request being answered (for error bodies). */
export function requestIdOf(req: { id?: unknown }): string | undefined {
  return typeof req.id === 'string' ? req.id : undefined;
}
