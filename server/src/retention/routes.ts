/** REST for the retention schedule: anyone on the case side may read it; only an admin replaces it. */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited } from '../audit/audited.ts';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import { parseOrRefuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { RetentionScheduleStore } from './schedule-store.ts';

export const ReplaceScheduleSchema = z
  .object({
    /** The version the admin edited: refused if someone changed the schedule since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    /** The new schedule (its version is set by the server). */
    schedule: z.record(z.string(), z.unknown(), { error: 'schedule is required: the whole retention schedule' }),
  })
  .strict();

export function retentionRoutes(deps: { schedule: RetentionScheduleStore; audit: AuditLog }): Router {
  const router = Router();
  const record = <T>(req: Request, action: string, work: () => Promise<T>) =>
    audited(deps.audit, { action, actor: auditActor(requireAuth(req).actor), objectType: 'retention-schedule' }, viaRest(req), work, 'succeeded');

  router.get(
    '/retention-schedule',
    handle(async (req, res) => {
      authorize(requireAuth(req).actor, 'retention-schedule.read');
      res.json({ schedule: await deps.schedule.current() });
    }),
  );

  router.put(
    '/retention-schedule',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'retention-schedule.replace');
      const replaced = await record(req, 'retention-schedule.replace', async () => {
        const { expectedVersion, schedule } = parseOrRefuse(ReplaceScheduleSchema, req.body);
        return deps.schedule.replace(schedule, expectedVersion, actor);
      });
      res.json({ schedule: replaced });
    }),
  );

  return router;
}
