/**
 * The REST gate: every /api request must match a route in ROUTE_POLICY and its actor must meet
 * the route's requirement, before any handler runs. Refusals are audited.
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

export function policyGate(audit: AuditLog): RequestHandler {
  return (req, _res, next) => {
    const path = `/api${req.path}`;
    const found = COMPILED.find((r) => r.method === req.method && r.matches(path));
    if (!found) return next(); // no such route: the API's 404 answers it
    const verdict = meets(req.auth?.actor, found.requirement);
    if (verdict === 'ok') return next();
    const matched = found.matches(path);
    const caseId = matched && typeof matched.params.caseId === 'string' ? matched.params.caseId : undefined;
    const action = typeof found.requirement === 'string' ? found.requirement : found.route;
    audit
      .record({
        action,
        outcome: 'denied',
        ...(req.auth ? { actor: auditActor(req.auth.actor) } : {}),
        objectType: caseId ? 'case' : 'route',
        objectId: caseId ?? `${req.method} ${found.route}`,
        ...(caseId ? { caseId } : {}),
        detail: verdict,
        channel: 'rest',
        ...(req.ip ? { ip: req.ip } : {}),
      })
      .then(
        () =>
          next(
            verdict === 'unauthenticated'
              ? new Refusal({ code: 'unauthenticated', message: 'Sign in to continue (your session may have ended).' })
              : new Refusal({ code: 'forbidden', message: `Your role (${req.auth?.actor.role}) may not do ${action}.` }),
          ),
        next,
      );
  };
}
