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
  ACCESS_KIND_LABELS,
  accessKind,
  AccessReportQuerySchema,
  agencyName,
  AUDIT_READ_LIMIT,
  AuditChildSearchSchema,
  AuditRecordQuerySchema,
  auditActionText,
  auditChannelText,
  buildAccessReport,
  OUTCOME_LABELS,
  formatUkDate,
  formatUkDateTime,
  ROLE_LABELS,
  type AccessReport,
  type AccessReportQuery,
  type AuditRecordWithReference,
  type CaseAuditRecord,
  type CaseTombstone,
  type Role,
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

/** The CSV columns of one audit record, as both the case record and the access report write them. */
const RECORD_CSV_COLUMNS = ['When (UK time)', 'Who', 'Agency', 'Role', 'What they did', 'Outcome', 'Detail', 'Through', 'Address', 'Record id', 'Hash'];

function recordCsvRow(e: AuditRecordWithReference): string[] {
  return [
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
  ];
}

/** An access report's CSV: one row per record it counts, with the case it is about and what it counts as. */
const ACCESS_CSV_COLUMNS = [...RECORD_CSV_COLUMNS.slice(0, 5), 'Counted as', 'Case', ...RECORD_CSV_COLUMNS.slice(5)];

function accessCsvRow(e: AuditRecordWithReference): string[] {
  const row = recordCsvRow(e);
  return [...row.slice(0, 5), accessKindText(e), e.reference ?? '', ...row.slice(5)];
}

/** How a record counts in the access report, in words. */
function accessKindText(e: AuditRecordWithReference): string {
  return e.outcome === 'denied' || e.outcome === 'failed' ? 'Refused' : ACCESS_KIND_LABELS[accessKind(e.action)];
}

/** "Jo Bloggs, Police, Social worker" or "Not signed in": who did it, in a document's table. */
const whoText = (e: AuditRecordWithReference) => (e.actor ? `${e.actor.name}, ${agencyName(e.actor.agency)}, ${ROLE_LABELS[e.actor.role as Role] ?? e.actor.role}` : 'Not signed in');
const whatText = (e: AuditRecordWithReference) => `${auditActionText(e.action, e.outcome)}${e.detail ? ` (${e.detail})` : ''}`;
const throughText = (e: AuditRecordWithReference) => `${auditChannelText(e.channel)}${e.ip ? `, ${e.ip}` : ''}`;

export function auditorRoutes(deps: AuditorDeps): Router {
  const { audit } = deps;
  const router = Router();

  /** Everything recorded about a case, newest first, named by reference. */
  async function caseRecord(reference: string): Promise<CaseAuditRecord & { caseId: string }> {
    const found = await deps.findCaseByReference(reference);
    if (!found)
      refuse('not-found', `No case with reference ${reference.trim().toUpperCase()}. Check the reference: nothing can be said about a case that is not held.`, [
        { path: 'reference', message: 'no case has this reference' },
      ]);
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
        res.type('text/csv; charset=utf-8').send(csv(RECORD_CSV_COLUMNS, record.entries.map(recordCsvRow)));
        return;
      }
      const title = `Who saw case ${record.reference}`;
      const pdf = await pdfDocument(title, record.reference, exportId, (doc) => {
        doc.heading(1, title);
        doc.paragraph(
          `Everything recorded about this case in the audit log: who opened, changed, shared or exported it, when, through what, and with what outcome. Newest first; times are UK time. Exported by ${actor.name} on ${formatUkDateTime(new Date())}.`,
        );
        if (record.erasedAt) doc.paragraph(`The case was erased on ${formatUkDateTime(new Date(record.erasedAt))}.`);
        if (record.truncated) doc.paragraph(`Only the newest ${AUDIT_READ_LIMIT.toLocaleString('en-GB')} records are listed.`);
        doc.table(
          ['When', 'Who', 'What they did', 'Outcome', 'Through'],
          record.entries.map((e) => [formatUkDateTime(new Date(e.at)), whoText(e), whatText(e), OUTCOME_LABELS[e.outcome], throughText(e)]),
          [2, 3, 4, 1.2, 2],
        );
      });
      res.type('application/pdf').send(pdf);
    }),
  );

  /** One person's records in the period (what they did themselves, newest first) and the report made from them. */
  async function accessReport(query: AccessReportQuery): Promise<{ report: AccessReport; records: AuditRecordWithReference[] }> {
    const user = await deps.users.get(query.userId);
    if (!user) refuse('not-found', 'No account with that id.', [{ path: 'userId', message: 'no account has this id' }]);
    const fromMs = Date.parse(`${query.from}T00:00:00Z`);
    const toMs = Date.parse(`${query.to}T00:00:00Z`) + 86_400_000;
    const entries = await audit.entriesFor({ userId: query.userId }, { fromMs, toMs, limit: AUDIT_READ_LIMIT + 1 });
    const truncated = entries.length > AUDIT_READ_LIMIT;
    // Only what they did themselves: the index also files what an admin did to their account.
    const records = (await withReferences(entries.slice(0, AUDIT_READ_LIMIT), deps.referencesOf)).filter((e) => e.actor?.userId === query.userId);
    return { report: buildAccessReport({ userId: user.id, name: user.name, agency: user.agency, role: user.role, disabled: Boolean(user.disabled) }, query, records, truncated), records };
  }

  router.get(
    '/audit/access-report',
    handle(async (req, res) => {
      const actor = requireAuth(req).actor;
      const query = parseOrRefuse(AccessReportQuerySchema, req.query);
      const exportId = randomUUID();
      const { report, records } = await audited(
        audit,
        {
          action: query.format ? 'audit.export' : 'audit.access-report',
          actor: auditActor(actor),
          objectType: 'user',
          objectId: query.userId,
          detail: query.format ? `access report ${query.from} to ${query.to}, ${query.format} export ${exportId}` : `${query.from} to ${query.to}`,
        },
        viaRest(req),
        async () => {
          authorize(actor, 'audit.read');
          return accessReport(query);
        },
      );
      if (!query.format) {
        res.json(report);
        return;
      }
      const name = `access-report-${report.from}-to-${report.to}-${exportId.slice(0, 8)}`;
      res.set('Content-Disposition', `attachment; filename="${name}.${query.format}"`);
      if (query.format === 'csv') {
        res.type('text/csv; charset=utf-8').send(csv(ACCESS_CSV_COLUMNS, records.map(accessCsvRow)));
        return;
      }
      res.type('application/pdf').send(await accessReportPdf(report, records, actor.name, exportId));
    }),
  );

  return router;
}

/** The access report as a tagged PDF: the person and period, the counts, the cases they touched, their exports and sharing decisions, and every record. */
function accessReportPdf(report: AccessReport, records: readonly AuditRecordWithReference[], exportedBy: string, exportId: string): Promise<Buffer> {
  const { user, counts } = report;
  const period = `${formatUkDate(report.from)} to ${formatUkDate(report.to)}`;
  const title = `Access report: ${user.name}, ${period}`;
  return pdfDocument(title, `access report, ${user.name}`, exportId, (doc) => {
    doc.heading(1, title);
    doc.paragraph(
      `What ${user.name} (${agencyName(user.agency)}, ${ROLE_LABELS[user.role as Role] ?? user.role}${user.disabled ? ', account disabled' : ''}) opened, exported, shared and changed from ${period} inclusive, from the audit log. Times are UK time. Exported by ${exportedBy} on ${formatUkDateTime(new Date())}.`,
    );
    doc.paragraph(
      `${report.total} ${report.total === 1 ? 'record' : 'records'}: opened a case ${counts.opened} times, exported ${counts.exported}, recorded ${counts.shared} sharing ${counts.shared === 1 ? 'decision' : 'decisions'}, searched ${counts.searched}, changed ${counts.changed}, other ${counts.other}; refused ${counts.refused}.`,
    );
    if (report.truncated) doc.paragraph(`Only the newest ${AUDIT_READ_LIMIT.toLocaleString('en-GB')} records are counted: choose a shorter period.`);
    doc.heading(2, 'Cases they touched');
    if (report.cases.length === 0) doc.paragraph('No case was opened, changed, exported or shared in this period.');
    else
      doc.table(
        ['Case', 'Opened', 'Exported', 'Shared', 'Changed', 'Refused', 'Last'],
        report.cases.map((c) => [c.reference, String(c.opened), String(c.exported), String(c.shared), String(c.changed), String(c.refused), formatUkDateTime(new Date(c.last))]),
        [2.4, 1, 1.1, 1, 1.1, 1, 2.6],
      );
    doc.heading(2, 'Exports and sharing decisions');
    if (report.exportsAndShares.length === 0) doc.paragraph('None in this period.');
    else
      doc.table(
        ['When', 'What they did', 'Case'],
        report.exportsAndShares.map((e) => [formatUkDateTime(new Date(e.at)), whatText(e), e.reference ?? '']),
        [2, 5, 2],
      );
    doc.heading(2, 'Everything they did');
    if (records.length === 0) doc.paragraph('Nothing is recorded for this person in this period.');
    else
      doc.table(
        ['When', 'What they did', 'Case', 'Outcome', 'Through'],
        records.map((e) => [formatUkDateTime(new Date(e.at)), whatText(e), e.reference ?? '', OUTCOME_LABELS[e.outcome], throughText(e)]),
        [2, 4, 2, 1.2, 2],
      );
  });
}
