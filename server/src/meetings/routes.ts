/** REST for meetings: the commands (same path as sockets), reads, and audited minutes exports. */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { MEETING_COMMAND_NAMES, MEETING_COMMAND_ROUTES } from '@mashboard/shared';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor } from '../audit/audited.ts';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import { HTML_DOCUMENT_CSP } from '../documents.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import type { MeetingCommands } from './commands.ts';
import type { MeetingQueries } from './queries.ts';
import { renderMinutesHtml, renderMinutesPdf } from './render.ts';
import { meetingIcs } from '../exports.ts';

export const ExportMinutesSchema = z.object({ format: z.enum(['html', 'pdf'], { error: 'format must be html or pdf' }), version: z.number().int().min(1).optional() }).strict();

export function meetingRoutes(deps: { commands: MeetingCommands; queries: MeetingQueries; audit: AuditLog }): Router {
  const router = Router();

  router.get(
    '/meetings',
    handle(async (req, res) => {
      res.json({ meetings: await deps.queries.list(requireAuth(req).actor, viaRest(req)) });
    }),
  );

  router.get(
    '/meetings/:meetingId',
    handle(async (req, res) => {
      res.json({ meeting: await deps.queries.read(requireAuth(req).actor, String(req.params.meetingId).slice(0, 64), viaRest(req)) });
    }),
  );

  router.get(
    '/meetings/:meetingId/invitation.ics',
    handle(async (req, res) => {
      const meeting = await deps.queries.read(requireAuth(req).actor, String(req.params.meetingId).slice(0, 64), viaRest(req));
      res.set('Content-Disposition', 'attachment; filename="mash-meeting.ics"').type('text/calendar; charset=utf-8').send(meetingIcs(meeting));
    }),
  );

  for (const name of MEETING_COMMAND_NAMES) {
    router.post(
      MEETING_COMMAND_ROUTES[name].replace(/^\/api/, ''),
      requireCsrf,
      handle(async (req, res) => {
        const raw: unknown = req.body;
        const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...raw } : raw;
        if (req.params.meetingId && body && typeof body === 'object') {
          const b = body as Record<string, unknown>;
          if (b.meetingId !== undefined && b.meetingId !== req.params.meetingId)
            refuse('invalid', 'Invalid input: meetingId: the body names a different meeting from the address', [{ path: 'meetingId', message: 'the body names a different meeting from the address' }]);
          b.meetingId = req.params.meetingId;
        }
        const result = await deps.commands.execute(name, body, requireAuth(req).actor, viaRest(req));
        res.status(result.duplicate ? 200 : 201).json(result);
      }),
    );
  }

  router.post(
    '/meetings/:meetingId/minutes/exports',
    requireCsrf,
    handle(async (req, res) => {
      const { actor } = requireAuth(req);
      const { format, version } = parseOrRefuse(ExportMinutesSchema, req.body);
      const meeting = await deps.queries.read(actor, String(req.params.meetingId).slice(0, 64), viaRest(req));
      const signed = version ? meeting.minutes.find((m) => m.version === version) : meeting.minutes[meeting.minutes.length - 1];
      if (!signed) refuse('not-found', 'No signed minutes for this meeting yet: the chair signs them off first.');
      const exportId = randomUUID();
      await deps.audit.record({
        action: 'minutes.export',
        outcome: 'succeeded',
        actor: auditActor(actor),
        objectType: 'meeting',
        objectId: meeting.id,
        detail: `${format} export ${exportId} of version ${signed.version}`,
        ...viaRest(req),
      });
      const header = { version: signed.version, signedBy: signed.signedBy.name, signedAt: signed.signedAt };
      res.set('Content-Disposition', `attachment; filename="minutes-${meeting.id}-v${signed.version}.${format}"`);
      if (format === 'pdf') res.type('application/pdf').send(await renderMinutesPdf(signed.minutes, header, exportId));
      else {
        res.set('Content-Security-Policy', HTML_DOCUMENT_CSP);
        res.type('text/html').send(renderMinutesHtml(signed.minutes, header, exportId));
      }
    }),
  );

  return router;
}
