/**
 * The decision settings in force (the levels of need a decision names, whether a manager signs
 * decisions off), versioned like the timeliness policy (see `store/versioned-setting.ts`). Owns the
 * `mash:{decisions}:*` keys. Anyone on the case side may read them; only an admin replaces them.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { DEFAULT_DECISION_SETTINGS, DecisionSettingsSchema, type DecisionSettings } from '@mashboard/shared';
import type { RedisClient } from '../redis.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited } from '../audit/audited.ts';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import { parseOrRefuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import { VersionedSetting } from '../store/versioned-setting.ts';

export class DecisionSettingsStore extends VersionedSetting<DecisionSettings> {
  constructor(redis: RedisClient) {
    super(redis, { key: 'mash:{decisions}:settings', schema: DecisionSettingsSchema, fallback: DEFAULT_DECISION_SETTINGS, recordName: 'settings', label: 'decision settings' });
  }
}

export const ReplaceSettingsSchema = z
  .object({
    /** The version the admin edited: refused if someone changed the settings since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    /** The new settings (their version is set by the server). */
    settings: z.record(z.string(), z.unknown(), { error: 'settings is required: the whole decision settings' }),
  })
  .strict();

export function decisionSettingsRoutes(deps: { settings: DecisionSettingsStore; audit: AuditLog }): Router {
  const router = Router();
  const record = <T>(req: Request, action: string, work: () => Promise<T>) =>
    audited(deps.audit, { action, actor: auditActor(requireAuth(req).actor), objectType: 'decision-settings' }, viaRest(req), work, 'succeeded');

  router.get(
    '/decision-settings',
    handle(async (req, res) => {
      authorize(requireAuth(req).actor, 'decision-settings.read');
      res.json({ settings: await deps.settings.current() });
    }),
  );

  router.put(
    '/decision-settings',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      authorize(actor, 'decision-settings.replace');
      const replaced = await record(req, 'decision-settings.replace', async () => {
        const { expectedVersion, settings } = parseOrRefuse(ReplaceSettingsSchema, req.body);
        return deps.settings.replace(settings, expectedVersion, actor);
      });
      res.json({ settings: replaced });
    }),
  );

  return router;
}
