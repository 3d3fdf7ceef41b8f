/**
 * The auditor's questions, as schemas and pure helpers: find a child's record by reference or by
 * the child's name and date of birth (auditors never see internal ids), who saw it and what they
 * did, and one person's access over a period (what they opened, exported and shared).
 */
import { z } from 'zod';
import { TimestampSchema, IdSchema, IsoDateSchema, ShortText } from './primitives.schema.ts';
import type { AuditRecord } from './contract.ts';
import { isCalendarDate } from './primitives.ts';

/** The longest period one access report covers (an information governance spot check, not a bulk extract). */
export const ACCESS_REPORT_MAX_DAYS = 366;
/** The most audit records one answer reads: beyond it the answer says so, and a shorter period is asked for. */
export const AUDIT_READ_LIMIT = 5000;

const CaseReferenceSchema = z
  .string({ error: 'give a case reference, for example MASH-2026-00004' })
  .trim()
  .min(1, 'give a case reference, for example MASH-2026-00004')
  .max(40, 'must be at most 40 characters');

/** `POST /api/audit/children`: a child's cases by name and date of birth (a body: no child's name in a URL). */
export const AuditChildSearchSchema = z
  .object({
    /** The child's first name. */
    firstName: ShortText,
    /** The child's last name. */
    lastName: ShortText,
    /** The child's date of birth, YYYY-MM-DD. */
    dateOfBirth: IsoDateSchema,
  })
  .strict();
export type AuditChildSearch = z.infer<typeof AuditChildSearchSchema>;

/** A case of the child searched for, as the auditor sees it: its reference and the child, nothing of its content. */
export interface AuditCaseMatch {
  reference: string;
  receivedAt: string;
  status: string;
  child: { firstName: string; lastName: string; dateOfBirth?: string };
  /** strong: same date of birth and both names agree; possible: worth checking (a spelling variant, a short form). */
  strength: 'strong' | 'possible';
}

function periodIssues(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  // An impossible date is refused on its own field; the period is checked between real dates only.
  if (!isCalendarDate(q.from) || !isCalendarDate(q.to)) return;
  const days = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000;
  if (!(days >= 0)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after the start of the period' });
  else if (days >= ACCESS_REPORT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period must be at most ${ACCESS_REPORT_MAX_DAYS} days: choose a shorter one` });
}

/** `GET /api/audit/record`: everything recorded about one case, found by its reference. */
export const AuditRecordQuerySchema = z
  .object({
    /** The case reference, e.g. MASH-2026-00004. */
    reference: CaseReferenceSchema,
    /** csv or pdf for a document (attachment); absent for JSON. */
    format: z.enum(['csv', 'pdf'], { error: 'format must be csv or pdf' }).optional(),
  })
  .strict();

/** `GET /api/audit/access-report`: one person's access over a period. */
export const AccessReportQuerySchema = z
  .object({
    /** The person (from `GET /api/audit/users`). */
    userId: IdSchema,
    /** The first day, YYYY-MM-DD (UK days: from midnight UTC), inclusive. */
    from: IsoDateSchema,
    /** The last day, YYYY-MM-DD, inclusive. */
    to: IsoDateSchema,
    /** csv or pdf for a document (attachment); absent for JSON. */
    format: z.enum(['csv', 'pdf'], { error: 'format must be csv or pdf' }).optional(),
  })
  .strict()
  .superRefine(periodIssues);
export type AccessReportQuery = z.infer<typeof AccessReportQuerySchema>;

/** An audit record with the case it is about named by its reference (never its internal id). */
export type AuditRecordWithReference = Omit<AuditRecord, 'caseId'> & { reference?: string };

/** `GET /api/audit/record` answers: who saw this case, when, through what, and what they did. */
export interface CaseAuditRecord {
  reference: string;
  /** When the case was erased (its tombstone), if it was. */
  erasedAt?: string;
  entries: AuditRecordWithReference[];
  /** More were recorded than one answer reads (the newest are shown). */
  truncated: boolean;
}

/** What a recorded action counts as in an access report. */
export type AccessKind = 'opened' | 'exported' | 'shared' | 'searched' | 'changed' | 'other';

export const ACCESS_KIND_LABELS: Record<AccessKind, string> = {
  opened: 'Opened',
  exported: 'Exported',
  shared: 'Shared',
  searched: 'Searched',
  changed: 'Changed',
  other: 'Other',
};

const OPENED = new Set(['case.read', 'case.join', 'case.events.read', 'case.catch-up', 'case.chronology.read', 'case.previous-involvement.read', 'sharing.preview', 'meeting.read']);

export function accessKind(action: string): AccessKind {
  if (OPENED.has(action)) return 'opened';
  if (action.endsWith('.export')) return 'exported';
  if (action === 'sharing.decide') return 'shared';
  if (action === 'case.search' || action === 'case.list' || action === 'cases.watch') return 'searched';
  if (/^(case|contribution|voice|rating|information|strategy-discussion|action|deadline|decision|retention|people|meeting)\./.test(action)) return 'changed';
  return 'other';
}

/** One case in an access report: how often the person opened, exported from, shared from and changed it, and was refused. */
export interface AccessReportCase {
  reference: string;
  opened: number;
  exported: number;
  shared: number;
  changed: number;
  refused: number;
  first: string;
  last: string;
}

export interface AccessReport {
  user: { userId: string; name: string; agency: string; role: string; disabled: boolean };
  from: string;
  to: string;
  /** Records in the period (at most AUDIT_READ_LIMIT read). */
  total: number;
  truncated: boolean;
  counts: Record<AccessKind, number> & { refused: number };
  /** The cases they touched, most recent first. */
  cases: AccessReportCase[];
  /** Every export and sharing decision, newest first: the spot check's first look. */
  exportsAndShares: AuditRecordWithReference[];
}

/** The report from the person's records in the period (newest first), with each case named by its reference. */
export function buildAccessReport(user: AccessReport['user'], query: AccessReportQuery, records: readonly AuditRecordWithReference[], truncated: boolean): AccessReport {
  const counts: AccessReport['counts'] = { opened: 0, exported: 0, shared: 0, searched: 0, changed: 0, other: 0, refused: 0 };
  const cases = new Map<string, AccessReportCase>();
  const exportsAndShares: AuditRecordWithReference[] = [];
  for (const r of records) {
    const kind = accessKind(r.action);
    const refused = r.outcome === 'denied' || r.outcome === 'failed';
    if (refused) counts.refused += 1;
    else counts[kind] += 1;
    if (!refused && (kind === 'exported' || kind === 'shared')) exportsAndShares.push(r);
    if (!r.reference) continue;
    const c = cases.get(r.reference) ?? { reference: r.reference, opened: 0, exported: 0, shared: 0, changed: 0, refused: 0, first: r.at, last: r.at };
    if (refused) c.refused += 1;
    else if (kind === 'opened' || kind === 'exported' || kind === 'shared' || kind === 'changed') c[kind] += 1;
    if (r.at < c.first) c.first = r.at;
    if (r.at > c.last) c.last = r.at;
    cases.set(r.reference, c);
  }
  return {
    user,
    from: query.from,
    to: query.to,
    total: records.length,
    truncated,
    counts,
    cases: [...cases.values()].sort((a, b) => b.last.localeCompare(a.last)),
    exportsAndShares,
  };
}

/* ---- Answer schemas (the API document). ---- */

const recordFields = {
  id: z.string(),
  at: TimestampSchema,
  action: z.string(),
  outcome: z.enum(['allowed', 'denied', 'failed', 'succeeded']),
  actor: z.object({ userId: z.string(), name: z.string(), agency: z.string(), role: z.string() }).optional(),
  objectType: z.string().optional(),
  objectId: z.string().optional(),
  detail: z.string().optional(),
  channel: z.string().optional(),
  ip: z.string().optional(),
  hash: z.string(),
};
export const AuditRecordSchema = z.object({ ...recordFields, caseId: z.string().optional() }) satisfies z.ZodType<AuditRecord>;
/** `GET /api/audit`: a record, its case also named by its reference (the auditor's page shows references). */
export const AuditEntrySchema = AuditRecordSchema.extend({ reference: z.string().optional() }) satisfies z.ZodType<AuditRecord & { reference?: string }>;
export const AuditRecordWithReferenceSchema = z.object({ ...recordFields, reference: z.string().optional() }) satisfies z.ZodType<AuditRecordWithReference>;
export const AuditCaseMatchSchema = z.object({
  reference: z.string(),
  receivedAt: TimestampSchema,
  status: z.string(),
  child: z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().optional() }),
  strength: z.enum(['strong', 'possible']),
}) satisfies z.ZodType<AuditCaseMatch>;
export const CaseAuditRecordSchema = z.object({
  reference: z.string(),
  erasedAt: TimestampSchema.optional(),
  entries: z.array(AuditRecordWithReferenceSchema),
  truncated: z.boolean(),
}) satisfies z.ZodType<CaseAuditRecord>;
const count = z.number();
export const AccessReportSchema = z.object({
  user: z.object({ userId: z.string(), name: z.string(), agency: z.string(), role: z.string(), disabled: z.boolean() }),
  from: z.string(),
  to: z.string(),
  total: count,
  truncated: z.boolean(),
  counts: z.object({ opened: count, exported: count, shared: count, searched: count, changed: count, other: count, refused: count }),
  cases: z.array(z.object({ reference: z.string(), opened: count, exported: count, shared: count, changed: count, refused: count, first: TimestampSchema, last: TimestampSchema })),
  exportsAndShares: z.array(AuditRecordWithReferenceSchema),
}) satisfies z.ZodType<AccessReport>;

/* ---- The audit log in words (the auditor's page, its CSV and PDF): actions, outcomes, channels. ---- */

export type AuditOutcome = AuditRecord['outcome'];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['allowed', 'succeeded', 'denied', 'failed'];

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  allowed: 'Allowed',
  succeeded: 'Succeeded',
  denied: 'Denied',
  failed: 'Failed',
};

/** Each action: what was done (past tense) and the bare verb phrase (for "Refused: …"). */
const ACTIONS: Record<string, [done: string, verb: string]> = {
  'case.open': ['Opened the case', 'open a case'],
  'case.read': ['Read the case', 'read the case'],
  'case.events.read': ["Read the case's changes", "read the case's changes"],
  'case.join': ['Opened the live case board', 'open the live case board'],
  'case.catch-up': ["Caught up with the case's changes", "catch up with the case's changes"],
  'case.list': ['Listed the cases', 'list the cases'],
  'work.read': ['Read their own work (cases led, actions, requests to their agency)', 'read their own work'],
  'cases.watch': ['Watched the case list', 'watch the case list'],
  'case.assign-lead': ['Assigned the lead', 'assign the lead'],
  'case.change-status': ['Changed the status', 'change the status'],
  'people.add': ['Added people or addresses', 'add people or addresses'],
  'contribution.add': ['Added a contribution', 'add a contribution'],
  'contribution.correct': ['Corrected a contribution', 'correct a contribution'],
  'voice.record': ["Recorded the child's voice", "record the child's voice"],
  'voice.correct': ["Corrected a child's voice entry", "correct a child's voice entry"],
  'voice.record-absence': ["Recorded why there is no child's voice", "record why there is no child's voice"],
  'rating.set': ['Rated the case', 'rate the case'],
  'information.request': ['Requested information', 'request information'],
  'information.answer': ['Answered an information request', 'answer an information request'],
  'strategy-discussion.decide': ['Decided on a strategy discussion', 'decide on a strategy discussion'],
  'strategy-discussion.record-held': ['Recorded a strategy discussion as held', 'record a strategy discussion as held'],
  'action.add': ['Added an action', 'add an action'],
  'action.complete': ['Completed an action', 'complete an action'],
  'deadline.change-due': ['Changed a due time', 'change a due time'],
  'sharing.decide': ['Recorded a sharing decision', 'record a sharing decision'],
  'sharing.export': ['Exported a share pack', 'export a share pack'],
  'sign-in': ['Signed in', 'sign in'],
  'sign-out': ['Signed out', 'sign out'],
  'users.list': ['Listed the users', 'list the users'],
  'users.read': ['Listed the user accounts', 'list the user accounts'],
  'user.create': ['Created an account', 'create an account'],
  'user.disable': ['Disabled an account', 'disable an account'],
  'user.enable': ['Enabled an account', 'enable an account'],
  'user.role-change': ["Changed an account's role", "change an account's role"],
  'user.password-reset': ['Reset a password', 'reset a password'],
  'user.sessions-end': ["Ended an account's sessions", "end an account's sessions"],
  'audit.read': ['Read the audit log', 'read the audit log'],
  'alerts.read': ['Read their alerts', 'read their alerts'],
  'alert.acknowledge': ['Acknowledged an alert', 'acknowledge an alert'],
  'timeliness-policy.read': ['Read the timeliness policy', 'read the timeliness policy'],
  'timeliness-policy.replace': ['Changed the timeliness policy', 'change the timeliness policy'],
  'timeliness-report.read': ['Read the timeliness report', 'read the timeliness report'],
  'jobs.read': ['Read the failed jobs', 'read the failed jobs'],
  'case.chronology.read': ["Read the case's chronology", "read the case's chronology"],
  'case.previous-involvement.read': ['Checked for previous involvement', 'check for previous involvement'],
  'case.search': ['Searched records', 'search records'],
  'decision.record': ['Recorded a decision', 'record a decision'],
  'sharing.preview': ['Previewed a share pack', 'preview a share pack'],
  'meeting.list': ['Listed the meetings', 'list the meetings'],
  'meeting.read': ['Read a meeting', 'read a meeting'],
  'meeting.schedule': ['Scheduled a meeting', 'schedule a meeting'],
  'meeting.start': ['Started a meeting', 'start a meeting'],
  'meeting.move': ['Moved a meeting to another agenda item', 'move a meeting to another agenda item'],
  'meeting.reorder': ["Reordered a meeting's agenda", "reorder a meeting's agenda"],
  'meeting.record-attendance': ['Recorded attendance at a meeting', 'record attendance at a meeting'],
  'meeting.end': ['Ended a meeting', 'end a meeting'],
  'meeting.sign-minutes': ['Signed off the minutes', 'sign off the minutes'],
  'minutes.export': ['Exported the minutes', 'export the minutes'],
  'agency.create': ['Added an agency', 'add an agency'],
  'agency.change': ['Changed an agency', 'change an agency'],
  'audit.case-lookup': ["Looked up a case's audit log", "look up a case's audit log"],
  'audit.users-read': ['Listed the users for the audit log', 'list the users for the audit log'],
  'audit.child-search': ["Searched the audit for a child's cases", "search the audit for a child's cases"],
  'audit.export': ["Exported a case's audit record", "export a case's audit record"],
  'audit.access-report': ['Read an access report', 'read an access report'],
};

/**
 * The action in words, given how it ended: "Added a contribution", "Refused: read the case",
 * "Tried to add a contribution" (failed), "Sign-in refused" for a throttled sign-in. An action
 * this page does not know is shown as recorded.
 */
export function auditActionText(action: string, outcome: AuditOutcome): string {
  const known = ACTIONS[action];
  if (!known) return outcome === 'denied' ? `Refused: ${action}` : outcome === 'failed' ? `Tried: ${action}` : action;
  const [done, verb] = known;
  if (outcome === 'denied') return `Refused: ${verb}`;
  if (outcome === 'failed') return action === 'sign-in' ? 'Failed to sign in' : `Tried to ${verb}`;
  return done;
}

/** "Web request" / "Live connection" / … for the channel a record came through. */
export function auditChannelText(channel: string | undefined): string {
  switch (channel) {
    case 'rest':
      return 'Web request';
    case 'socket':
      return 'Live connection';
    case 'cli':
      return 'Command line';
    case 'system':
      return 'System';
    case undefined:
    case '':
      return 'Not recorded';
    default:
      return channel;
  }
}
