/** REST for timeliness: alerts, the policy (admin), the report, and failed jobs (admin). */
import { Router } from 'express';
import { z } from 'zod';
import { IsoDateSchema } from '@mashboard/shared';
import type { Alerts } from '../alerts/alerts.ts';
import { handle, requireAuth, requireCsrf } from '../auth/http.ts';
import type { CaseQueries } from '../cases/queries.ts';
import { parseOrRefuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { TimelinessPolicyStore } from './policy-store.ts';
import { timelinessReport } from './report.ts';
import type { DeadlineScheduler } from './scheduler.ts';

const ReplacePolicySchema = z
  .object({
    /** The version the admin edited: refused if someone changed the policy since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    /** The new policy (its version is set by the server). */
    policy: z.record(z.string(), z.unknown(), { error: 'policy is required: the whole timeliness policy' }),
  })
  .strict();

const ReportQuerySchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .strict()
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });

export function timelinessRoutes(deps: { alerts: Alerts; policy: TimelinessPolicyStore; queries: CaseQueries; scheduler: DeadlineScheduler }): Router {
  const router = Router();

  router.get(
    '/alerts',
    handle(async (req, res) => {
      res.json({ alerts: await deps.alerts.inbox(requireAuth(req).actor) });
    }),
  );

  router.post(
    '/alerts/:alertId/acknowledge',
    requireCsrf,
    handle(async (req, res) => {
      res.json({ alert: await deps.alerts.acknowledge(requireAuth(req).actor, { alertId: req.params.alertId }) });
    }),
  );

  router.get(
    '/timeliness-policy',
    handle(async (req, res) => {
      authorize(requireAuth(req).actor, 'timeliness-policy.read');
      res.json({ policy: await deps.policy.current() });
    }),
  );

  router.put(
    '/timeliness-policy',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'timeliness-policy.replace');
      const { expectedVersion, policy } = parseOrRefuse(ReplacePolicySchema, req.body);
      res.json({ policy: await deps.policy.replace(policy, expectedVersion, actor) });
    }),
  );

  router.get(
    '/reports/timeliness',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'timeliness-report.read');
      const { from, to } = parseOrRefuse(ReportQuerySchema, req.query);
      const cases = await deps.queries.allForReport();
      res.json(timelinessReport(cases, new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)));
    }),
  );

  router.get(
    '/admin/jobs/failed',
    handle(async (req, res) => {
      authorize(requireAuth(req).actor, 'jobs.read');
      const jobs = await deps.scheduler.queue.getFailed(0, 199);
      res.json({
        jobs: jobs.map((j) => ({ id: j.id, name: j.name, data: j.data, failedReason: j.failedReason, attemptsMade: j.attemptsMade, finishedOn: j.finishedOn })),
      });
    }),
  );

  return router;
}
