/** REST for share packs: a preview (what the recipient would see) and audited exports. */
import { Router } from 'express';
import { buildSharePack, ExportSharePackSchema, ShareSelectionSchema } from '@mashboard/shared';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import type { CaseCommands } from '../cases/commands.ts';
import type { CaseQueries } from '../cases/queries.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import { renderSharePackHtml, renderSharePackPdf } from './render.ts';
import { HTML_DOCUMENT_CSP } from '../documents.ts';

export function sharingRoutes(deps: { queries: CaseQueries; commands: CaseCommands }): Router {
  const router = Router();

  router.post(
    '/cases/:caseId/share-pack-preview',
    requireCsrf,
    handle(async (req, res) => {
      const { actor } = requireAuth(req);
      const caseId = String(req.params.caseId);
      const selection = parseOrRefuse(ShareSelectionSchema, req.body);
      const view = await deps.queries.view(actor, caseId, viaRest(req));
      res.json({ pack: buildSharePack(view, selection) });
    }),
  );

  router.post(
    '/cases/:caseId/sharing-decisions/:decisionId/exports',
    requireCsrf,
    handle(async (req, res) => {
      const { actor } = requireAuth(req);
      const { caseId, decisionId, format } = parseOrRefuse(ExportSharePackSchema, { ...req.body, caseId: req.params.caseId, decisionId: req.params.decisionId });
      // The pack is built from the case as the exporter may see it: nothing withheld from them can be in it.
      const view = await deps.queries.view(actor, caseId, viaRest(req));
      const decision = view.summary.sharingDecisions.find((d) => d.id === decisionId);
      if (!decision) refuse('not-found', `No sharing decision ${decisionId} on this case.`);
      if (decision.decision !== 'share') refuse('conflict', 'This is a decision not to share: there is nothing to export.');
      if (decision.supersededBy) refuse('conflict', 'This decision was superseded; export from the decision that replaced it.');
      const pack = buildSharePack(view, decision.selection);
      // Recorded (event on the case, audit entry) before the document leaves.
      const result = await deps.commands.recordExport(actor, { caseId, decisionId, format }, viaRest(req));
      const exportId = result.entryId!;
      const name = `${view.summary.reference}-shared-${exportId.slice(0, 8)}`;
      res.set('Content-Disposition', `attachment; filename="${name}.${format}"`);
      if (format === 'pdf') {
        res.type('application/pdf').send(await renderSharePackPdf(pack, decision, exportId));
      } else {
        // A standalone document: its own inline styles, so it is served with a CSP of its own.
        res.set('Content-Security-Policy', HTML_DOCUMENT_CSP);
        res.type('text/html').send(renderSharePackHtml(pack, decision, exportId));
      }
    }),
  );

  return router;
}
