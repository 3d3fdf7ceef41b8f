/**
 * The auditor's questions over REST. Auditors read no case and never see internal ids: a case is
 * found by its reference or by the child's name and date of birth; what was recorded about it
 * (who saw it, when, through what, what they did) comes back with every case named by reference,
 * as JSON, CSV or PDF; and one person's access over a period is summed up for a spot check. Every
 * read goes through the audit's own indexes (by case, by user, by time), never a walk of the log,
 * and is itself audited.
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import {
  AccessReportQuerySchema,
  AUDIT_READ_LIMIT,
  AuditChildSearchSchema,
  AuditRecordQuerySchema,
  auditActionText,
  auditChannelText,
  buildAccessReport,
  OUTCOME_LABELS,
  formatUkDateTime,
  type AuditRecordWithReference,
  type CaseAuditRecord,
  type CaseTombstone,
} from '@mashboard/shared';
import { handle, requireAuth, requireCsrf, viaRest } from '../auth/http.ts';
import type { Users } from '../auth/users.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import { pdfDocument } from '../documents.ts';
import { auditActor, audited } from './audited.ts';
import type { AuditLog, StoredAuditEntry } from './audit-log.ts';
import { csv } from '../exports.ts';

export interface AuditorDeps {
  audit: AuditLog;
  users: Users;
  /** A case by reference; an erased case answers with its tombstone in `erased`. */
  findCaseByReference: (reference: string) => Promise<{ caseId: string; reference: string; erased?: CaseTombstone } | null>;
  casesOfChild: (child: { firstName: string; lastName: string; dateOfBirth: string }) => Promise<import('@mashboard/shared').AuditCaseMatch[]>;
  referencesOf: (caseIds: readonly string[]) => Promise<Map<string, string>>;
}

/** Audit entries as the auditor sees them: each case named by its reference, never its id. */
export async function withReferences(entries: readonly StoredAuditEntry[], referencesOf: AuditorDeps['referencesOf']): Promise<AuditRecordWithReference[]> {
  const references = await referencesOf(entries.flatMap((e) => (e.caseId ? [e.caseId] : [])));
  return entries.map(({ prevHash: _p, caseId, ...e }) => {
    const reference = caseId ? references.get(caseId) : undefined;
    return { ...e, ...(reference ? { reference } : {}) };
  });
}

const CSV_COLUMNS = ['When (UK time)', 'Who', 'Agency', 'Role', 'What they did', 'Outcome', 'Detail', 'Through', 'Address', 'Record id', 'Hash'];

function csvRows(record: CaseAuditRecord): string[][] {
  return record.entries.map((e) => [
    formatUkDateTime(new Date(e.at)),
    e.actor?.name ?? 'Not signed in',
    e.actor?.agency ?? '',
    e.actor?.role ?? '',
    auditActionText(e.action, e.outcome),
    OUTCOME_LABELS[e.outcome],
    e.detail ?? '',
    auditChannelText(e.channel),
    e.ip ?? '',
    e.id,
    e.hash,
  ]);
}

export function auditorRoutes(deps: AuditorDeps): Router {
  const { audit } = deps;
  const router = Router();

  /** Everything recorded about a case, newest first, named by reference. */
  async function caseRecord(reference: string): Promise<CaseAuditRecord & { caseId: string }> {
    const found = await deps.findCaseByReference(reference);
    if (!found) refuse('not-found', `No case with reference ${reference.trim().toUpperCase()}. Check the reference: nothing can be said about a case that is not held.`, [{ path: 'reference', message: 'no case has this reference' }]);
    const entries = await audit.entriesFor({ caseId: found.caseId }, { limit: AUDIT_READ_LIMIT + 1 });
    const truncated = entries.length > AUDIT_READ_LIMIT;
    return {
      caseId: found.caseId,
      reference: found.reference,
      ...(found.erased ? { erasedAt: found.erased.erasedAt } : {}),
      entries: await withReferences(entries.slice(0, AUDIT_READ_LIMIT), deps.referencesOf),
      truncated,
    };
  }

  // A body, not a query string: a child's name and date of birth must never be in a URL.
  router.post(
    '/audit/children',
    requireCsrf,
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const cases = await audited(audit, { action: 'audit.child-search', actor: auditActor(actor), objectType: 'case', detail: 'name, date of birth' }, viaRest(req), async () => {
        authorize(actor, 'audit.read');
        const child = parseOrRefuse(AuditChildSearchSchema, req.body);
        return deps.casesOfChild(child);
      });
      res.json({ cases });
    }),
  );

  router.get(
    '/audit/record',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const query = parseOrRefuse(AuditRecordQuerySchema, req.query);
      const action = query.format ? 'audit.export' : 'audit.read';
      const exportId = randomUUID();
      const record = await audited(
        audit,
        { action, actor: auditActor(actor), objectType: 'case', detail: `reference ${query.reference.trim().toUpperCase()}${query.format ? `, ${query.format} export ${exportId}` : ''}` },
        viaRest(req),
        async () => {
          authorize(actor, 'audit.read');
          return caseRecord(query.reference);
        },
        'allowed',
        // Filed under the case too: its record shows who looked at it in the audit, and who exported that.
        (found) => ({ caseId: found.caseId }),
      );
      if (!query.format) {
        const { caseId: _id, ...answer } = record;
        res.json(answer);
        return;
      }
      const name = `${record.reference}-audit-${exportId.slice(0, 8)}`;
      res.set('Content-Disposition', `attachment; filename="${name}.${query.format}"`);
      if (query.format === 'csv') {
        // The one CSV writer (exports.ts): a byte-order mark for Excel, and no cell read as a formula.
        res.type('text/csv; charset=utf-8').send(csv(CSV_COLUMNS, csvRows(record)));
        return;
      }
      const title = `Who saw case ${record.reference}`;
      const pdf = await pdfDocument(title, record.reference, exportId, (doc) => {
        doc.heading(1, title);
        doc.paragraph(`Everything recorded about this case in the audit log: who opened, changed, shared or exported it, when, through what, and with what outcome. Newest first; times are UK time. Exported by ${actor.name} on ${formatUkDateTime(new Date())}.`);
        if (record.erasedAt) doc.paragraph(`The case was erased on ${formatUkDateTime(new Date(record.erasedAt))}.`);
        if (record.truncated) doc.paragraph(`Only the newest ${AUDIT_READ_LIMIT.toLocaleString('en-GB')} records are listed.`);
        doc.table(
          ['When', 'Who', 'What they did', 'Outcome', 'Through'],
          record.entries.map((e) => [formatUkDateTime(new Date(e.at)), e.actor ? `${e.actor.name}, ${e.actor.agency}, ${e.actor.role}` : 'Not signed in', `${auditActionText(e.action, e.outcome)}${e.detail ? ` (${e.detail})` : ''}`, OUTCOME_LABELS[e.outcome], `${auditChannelText(e.channel)}${e.ip ? `, ${e.ip}` : ''}`]),
          [2, 3, 4, 1.2, 2],
        );
      });
      res.type('application/pdf').send(pdf);
    }),
  );

  router.get(
    '/audit/access-report',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const query = parseOrRefuse(AccessReportQuerySchema, req.query);
      const report = await audited(audit, { action: 'audit.access-report', actor: auditActor(actor), objectType: 'user', objectId: query.userId, detail: `${query.from} to ${query.to}` }, viaRest(req), async () => {
        authorize(actor, 'audit.read');
        const user = await deps.users.get(query.userId);
        if (!user) refuse('not-found', 'No account with that id.', [{ path: 'userId', message: 'no account has this id' }]);
        const fromMs = Date.parse(`${query.from}T00:00:00Z`);
        const toMs = Date.parse(`${query.to}T00:00:00Z`) + 86_400_000;
        const entries = await audit.entriesFor({ userId: query.userId }, { fromMs, toMs, limit: AUDIT_READ_LIMIT + 1 });
        const truncated = entries.length > AUDIT_READ_LIMIT;
        // Only what they did themselves: the index also files what an admin did to their account.
        const theirs = (await withReferences(entries.slice(0, AUDIT_READ_LIMIT), deps.referencesOf)).filter((e) => e.actor?.userId === query.userId);
        return buildAccessReport({ userId: user.id, name: user.name, agency: user.agency, role: user.role, disabled: Boolean(user.disabled) }, query, theirs, truncated);
      });
      res.json(report);
    }),
  );

  return router;
}
