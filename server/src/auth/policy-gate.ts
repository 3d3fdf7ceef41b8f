/**
 * The REST gate: every /api request must match a route in ROUTE_POLICY and its actor must meet
 * the route's requirement, before any handler runs; anything else is refused here, deny by
 * default (HEAD is judged as the GET it mirrors). Refusals are audited.
 */
import type { RequestHandler } from 'express';
import { match } from 'path-to-regexp';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor } from '../audit/audited.ts';
import { Refusal } from '../errors.ts';
import { meets, ROUTE_POLICY, type Requirement } from '../policies.ts';

interface CompiledRoute {
  method: string;
  route: string;
  matches: (path: string) => false | { params: Partial<Record<string, string | string[]>> };
  requirement: Requirement;
}

const COMPILED: CompiledRoute[] = Object.entries(ROUTE_POLICY).map(([key, requirement]) => {
  const [method, route] = key.split(' ') as [string, string];
  return { method, route, matches: match(route, { decode: decodeURIComponent }), requirement };
});

/** The ROUTE_POLICY entry a request matches (HEAD as the GET it mirrors), or none. */
export function matchRoute(method: string, apiPath: string): CompiledRoute | undefined {
  const judged = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((r) => r.method === judged && r.matches(apiPath));
}

/** A request's route pattern for logs and metrics (`GET /api/cases/:caseId`): never its ids or query. */
export function routePatternOf(method: string, originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  if (path === '/metrics') return '/metrics';
  if (path.startsWith('/socket.io/')) return '/socket.io';
  if (!path.startsWith('/api/')) return '(client)';
  return matchRoute(method, path)?.route ?? '(unknown)';
}

const SIGN_IN = 'Sign in to continue (your session may have ended).';

export function policyGate(audit: AuditLog): RequestHandler {
  return (req, _res, next) => {
    /** Record the refusal, then answer it: a denial is never answered unaudited. */
    const deny = (entry: { action: string; objectType: string; objectId: string; caseId?: string; detail: string }, refusal: Refusal) => {
      audit.record({ ...entry, outcome: 'denied', ...(req.auth ? { actor: auditActor(req.auth.actor) } : {}), channel: 'rest', ...(req.ip ? { ip: req.ip } : {}) }).then(() => next(refusal), next);
    };
    const path = `/api${req.path}`;
    const found = matchRoute(req.method, path);
    if (!found) {
      // No such route (or not with this method): refused here, whatever handler might exist. A
      // signed-in user is told only that there is nothing there; anyone else, to sign in.
      deny(
        { action: 'route.unknown', objectType: 'route', objectId: `${req.method} ${path.slice(0, 200)}`, detail: req.auth ? 'no such route' : 'unauthenticated' },
        req.auth ? new Refusal({ code: 'not-found', message: 'There is nothing at that address.' }) : new Refusal({ code: 'unauthenticated', message: SIGN_IN }),
      );
      return;
    }
    const verdict = meets(req.auth?.actor, found.requirement);
    if (verdict === 'ok') return next();
    const matched = found.matches(path);
    const caseId = matched && typeof matched.params.caseId === 'string' ? matched.params.caseId : undefined;
    const action = typeof found.requirement === 'string' ? found.requirement : found.route;
    deny(
      { action, objectType: caseId ? 'case' : 'route', objectId: caseId ?? `${req.method} ${found.route}`, ...(caseId ? { caseId } : {}), detail: verdict },
      verdict === 'unauthenticated'
        ? new Refusal({ code: 'unauthenticated', message: SIGN_IN })
        : new Refusal({ code: 'forbidden', message: `Your role (${req.auth?.actor.role}) may not do ${action}.` }),
    );
  };
}
