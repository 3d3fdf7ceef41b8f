/** REST routes for cases: the commands (same handler path as the sockets) and the reads. */
import { Router } from 'express';
import { CaseListQuerySchema, CaseSearchSchema, CommandIdSchema, COMMAND_NAMES, COMMAND_ROUTES, InvolvementSearchSchema, JoinCaseSchema, type CommandName } from '@mashboard/shared';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { Users } from '../auth/users.ts';
import type { CaseCommands } from './commands.ts';
import type { CaseQueries } from './queries.ts';

/** The command's payload: the body, with ids from the path; a body that names another id is refused. */
function commandPayload(name: CommandName, body: unknown, params: Record<string, string>, idempotencyKey: string | undefined): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const payload: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const [param, value] of Object.entries(params)) {
    if (payload[param] !== undefined && payload[param] !== value) {
      refuse('invalid', `Invalid input: ${param}: the body names a different ${param} from the address`, [{ path: param, message: `the body names a different ${param} from the address (${name})` }]);
    }
    payload[param] = value;
  }
  if (idempotencyKey !== undefined) {
    // The header is the command id by another name: validated like it, and never a second, different one.
    const key = CommandIdSchema.safeParse(idempotencyKey);
    if (!key.success) {
      const message = `the Idempotency-Key header ${key.error.issues[0]?.message ?? 'is not a valid command id'}`;
      refuse('invalid', `Invalid input: commandId: ${message}`, [{ path: 'commandId', message }]);
    }
    if (payload.commandId !== undefined && payload.commandId !== idempotencyKey) {
      const message = 'the body names a different commandId from the Idempotency-Key header';
      refuse('invalid', `Invalid input: commandId: ${message}`, [{ path: 'commandId', message }]);
    }
    payload.commandId = idempotencyKey;
  }
  return payload;
}

export function caseRoutes(deps: { commands: CaseCommands; queries: CaseQueries; users: Users }): Router {
  const { commands, queries, users } = deps;
  const router = Router();

  router.get(
    '/cases',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      // No query: the open cases. With any filter or paging parameter: a page of every case ever held.
      if (Object.keys(req.query).length === 0) {
        res.json({ cases: await queries.list(auth.actor, viaRest(req)) });
        return;
      }
      res.json(await queries.page(auth.actor, parseOrRefuse(CaseListQuerySchema, req.query), viaRest(req)));
    }),
  );

  router.get(
    '/my-work',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      res.json(await queries.myWork(auth.actor, viaRest(req)));
    }),
  );

  router.get(
    '/cases/:caseId',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      const { caseId } = parseOrRefuse(JoinCaseSchema, { caseId: req.params.caseId });
      res.json(await queries.view(auth.actor, caseId, viaRest(req)));
    }),
  );

  router.get(
    '/cases/:caseId/events',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      const after = typeof req.query.after === 'string' ? req.query.after : undefined;
      const { caseId, afterEventId } = parseOrRefuse(JoinCaseSchema, { caseId: req.params.caseId, ...(after ? { afterEventId: after } : {}) });
      res.json(await queries.eventsAfter(auth.actor, caseId, afterEventId, viaRest(req)));
    }),
  );

  router.get(
    '/cases/:caseId/chronology',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      const { caseId } = parseOrRefuse(JoinCaseSchema, { caseId: req.params.caseId });
      res.json({ lines: await queries.chronology(auth.actor, caseId, viaRest(req)) });
    }),
  );

  router.get(
    '/cases/:caseId/previous-involvement',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      const { caseId } = parseOrRefuse(JoinCaseSchema, { caseId: req.params.caseId });
      res.json(await queries.previousInvolvement(auth.actor, caseId, viaRest(req)));
    }),
  );

  router.post(
    '/previous-involvement/search',
    requireCsrf,
    handle(async (req, res) => {
      const auth = requireAuth(req);
      const { children, people, addresses } = parseOrRefuse(InvolvementSearchSchema, req.body);
      res.json(
        await queries.involvement(
          auth.actor,
          {
            children,
            people: people.map((p, i) => ({ id: String(i), ...p })),
            addresses: addresses.map((a, i) => ({ id: String(i), ...a })),
          },
          undefined,
          viaRest(req),
        ),
      );
    }),
  );

  // A body, not a query string: a child's name or NHS number must never be in a URL (proxy and browser logs).
  router.post(
    '/search',
    requireCsrf,
    handle(async (req, res) => {
      const auth = requireAuth(req);
      const query = parseOrRefuse(CaseSearchSchema, req.body);
      res.json(await queries.search(auth.actor, query, viaRest(req)));
    }),
  );

  router.get(
    '/users',
    handle(async (req, res) => {
      const auth = requireAuth(req);
      authorize(auth.actor, 'users.list');
      res.json({ users: await users.list() });
    }),
  );

  for (const name of COMMAND_NAMES) {
    router.post(
      COMMAND_ROUTES[name].replace(/^\/api/, ''),
      requireCsrf,
      handle(async (req, res) => {
        const auth = requireAuth(req);
        const payload = commandPayload(name, req.body, req.params as Record<string, string>, req.get('idempotency-key'));
        const result = await commands.execute(name, payload, auth.actor, viaRest(req));
        res.status(result.duplicate ? 200 : 201).json(result);
      }),
    );
  }

  return router;
}
