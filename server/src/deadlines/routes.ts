/** REST for timeliness: the policy (admin) and the timeliness report. */
import { Router, type Request } from 'express';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited } from '../audit/audited.ts';
import { z } from 'zod';
import { AddBankHolidaysSchema, IsoDateSchema } from '@mashboard/shared';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import type { CaseQueries } from '../cases/queries.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';
import { authorize } from '../policies.ts';
import type { TimelinessPolicyStore } from './policy-store.ts';
import { timelinessReport } from './report.ts';
import { ExportPeriodSchema, timelinessCsv } from '../exports.ts';

export const ReplacePolicySchema = z
  .object({
    /** The version the admin edited: refused if someone changed the policy since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    /** The new policy (its version is set by the server). */
    policy: z.record(z.string(), z.unknown(), { error: 'policy is required: the whole timeliness policy' }),
  })
  .strict();

export const ReportQuerySchema = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .strict()
  .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['to'] });

export function timelinessRoutes(deps: { policy: TimelinessPolicyStore; queries: CaseQueries; audit: AuditLog }): Router {
  const router = Router();
  const record = <T>(req: Request, action: string, objectType: string, work: () => Promise<T>, success: 'allowed' | 'succeeded' = 'allowed') =>
    audited(deps.audit, { action, actor: auditActor(requireAuth(req).actor), objectType }, viaRest(req), work, success);

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
      const replaced = await record(
        req,
        'timeliness-policy.replace',
        'timeliness-policy',
        async () => {
          const { expectedVersion, policy } = parseOrRefuse(ReplacePolicySchema, req.body);
          return deps.policy.replace(policy, expectedVersion, actor);
        },
        'succeeded',
      );
      res.json({ policy: replaced });
    }),
  );

  router.post(
    '/timeliness-policy/bank-holidays',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'timeliness-policy.replace');
      const result = await record(
        req,
        'timeliness-policy.replace',
        'timeliness-policy',
        async () => {
          const { expectedVersion, throughYear } = parseOrRefuse(AddBankHolidaysSchema, req.body);
          const thisYear = new Date().getUTCFullYear();
          if (throughYear < thisYear || throughYear > thisYear + 20) {
            refuse('invalid', `Invalid input: throughYear: must be from ${thisYear} to ${thisYear + 20}`, [{ path: 'throughYear', message: `must be from ${thisYear} to ${thisYear + 20}` }]);
          }
          const current = await deps.policy.current();
          const known = new Set(current.calendar.bankHolidays);
          const added = englandAndWalesBankHolidays(thisYear, throughYear).filter((day) => !known.has(day));
          const bankHolidays = [...known, ...added].sort();
          const policy = await deps.policy.replace({ ...current, calendar: { ...current.calendar, bankHolidays } }, expectedVersion, actor);
          return { policy, added };
        },
        'succeeded',
      );
      res.json(result);
    }),
  );

  router.get(
    '/reports/timeliness',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'timeliness-report.read');
      const report = await record(req, 'timeliness-report.read', 'report', async () => {
        const { from, to } = parseOrRefuse(ReportQuerySchema, req.query);
        const [start, end] = [new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)];
        return timelinessReport(await deps.queries.withDeadlinesStartedBetween(start, end), start, end);
      });
      res.json(report);
    }),
  );

  router.get(
    '/reports/timeliness.csv',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'timeliness-report.read');
      const { report, from, to } = await record(req, 'timeliness-report.export', 'report', async () => {
        const { from, to } = parseOrRefuse(ExportPeriodSchema, req.query);
        const [start, end] = [new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)];
        return { report: timelinessReport(await deps.queries.withDeadlinesStartedBetween(start, end), start, end), from, to };
      });
      res.set('Content-Disposition', `attachment; filename="timeliness-${from}-to-${to}.csv"`).type('text/csv; charset=utf-8').send(timelinessCsv(report));
    }),
  );

  return router;
}
