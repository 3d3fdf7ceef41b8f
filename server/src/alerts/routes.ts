/** REST for alerts: a user's inbox, and acknowledging one (sockets acknowledge through the same `Alerts`). */
import { Router } from 'express';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited } from '../audit/audited.ts';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import type { Alerts } from './alerts.ts';

export function alertRoutes(deps: { alerts: Alerts; audit: AuditLog }): Router {
  const { alerts, audit } = deps;
  const router = Router();

  router.get(
    '/alerts',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      res.json({ alerts: await audited(audit, { action: 'alerts.read', actor: auditActor(actor), objectType: 'alert' }, viaRest(req), () => alerts.inbox(actor)) });
    }),
  );

  router.post(
    '/alerts/:alertId/acknowledge',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const alertId = String(req.params.alertId).slice(0, 200);
      const alert = await audited(
        audit,
        { action: 'alert.acknowledge', actor: auditActor(actor), objectType: 'alert', objectId: alertId },
        viaRest(req),
        () => alerts.acknowledge(actor, { alertId }),
        'succeeded',
      );
      res.json({ alert });
    }),
  );

  return router;
}
