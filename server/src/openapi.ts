/**
 * The API as a document (`GET /api/openapi.json`, OpenAPI 3.1): every REST route in ROUTE_POLICY
 * with who may call it, its path parameters, its body or query as JSON Schema generated from the
 * same zod schemas that validate it, its answer and its errors; and beside it, under
 * `x-socket-io`, every Socket.IO event a client may send (payload schema, acknowledgement) and
 * every event the server pushes. `test/integration/openapi.test.ts` checks it against the routes
 * the application really registers.
 */
import { z } from 'zod';
import {
  AccessReportQuerySchema,
  AccessReportSchema,
  AcknowledgeAlertSchema,
  AdminUserListingSchema,
  AgencySchema,
  AlertSchema,
  AuditCaseMatchSchema,
  AuditEntrySchema,
  BoardEntrySchema,
  CaseAuditRecordSchema,
  CaseDecisionSchema,
  CaseEventSchema,
  CaseListPageSchema,
  CaseSearchResultSchema,
  CaseSummarySchema,
  CaseTombstoneSchema,
  CaseViewSchema,
  CatchUpResultSchema,
  ChronologyLineSchema,
  CommandResultSchema,
  DeadlineSchema,
  DecisionSettingsSchema,
  DemoAccountsSchema,
  FailedJobSchema,
  HealthSchema,
  InvolvementMatchViewSchema,
  JoinResultSchema,
  LivenessSchema,
  MeetingEventSchema,
  MeetingResultSchema,
  MeetingSummarySchema,
  MyWorkSchema,
  PreviousInvolvementResultSchema,
  ReadinessSchema,
  RetentionScheduleSchema,
  SessionSchema,
  SharePackSchema,
  SharingDecisionSchema,
  SignInMethodsSchema,
  SignInSettingsSchema,
  TimelinessPolicySchema,
  TimelinessReportSchema,
  UserListingSchema,
  ViewerSchema,
  AddBankHolidaysSchema,
  AuditChildSearchSchema,
  AuditRecordQuerySchema,
  CaseListQuerySchema,
  CaseSearchSchema,
  CatchUpSchema,
  ChangeRoleSchema,
  COMMAND_ROUTES,
  COMMANDS,
  CreateUserSchema,
  ExportSharePackSchema,
  InvolvementSearchSchema,
  JoinCaseSchema,
  JoinMeetingSchema,
  LeaveCaseSchema,
  MEETING_COMMAND_ROUTES,
  MEETING_COMMANDS,
  POLICY,
  ResetPasswordSchema,
  ShareSelectionSchema,
  SignInSchema,
  WatchMeetingsSchema,
  type ClientToServerEvents,
  type CommandName,
  type ErrorCode,
  type MeetingCommandName,
  type ServerToClientEvents,
} from '@mashboard/shared';
import { AuditCaseLookupSchema, AuditExportQuerySchema, AuditQuerySchema, ChangeAgencySchema, NewAgencySchema } from './admin/routes.ts';
import { ExportPeriodSchema } from './exports.ts';
import { ReplacePolicySchema, ReportQuerySchema } from './deadlines/routes.ts';
import { ReplaceSettingsSchema } from './cases/decision-settings.ts';
import { ExportMinutesSchema } from './meetings/routes.ts';
import { ReplaceScheduleSchema } from './retention/routes.ts';
import { ROUTE_POLICY, SOCKET_POLICY, type Requirement } from './policies.ts';
import type { Readiness } from './app.ts';
import type { FailedJob } from './deadlines/scheduler.ts';

/** What one route takes and answers, beyond what the policy table already says. */
interface RouteDoc {
  summary: string;
  /** The JSON body, validated by this schema (path parameters are not part of it). */
  body?: z.ZodType;
  /** The query string, validated by this schema. */
  query?: z.ZodType;
  /** What a success answers, in words. */
  answer: string;
  /** The JSON a success answers (absent: no JSON body, e.g. 204, 303 or only a document). */
  schema?: z.ZodType;
  /** A success status other than 200. */
  status?: number;
  /** The media types of a document (attachment) it answers instead of, or besides, JSON. */
  documents?: readonly string[];
  /** Other answers a client must expect, by status (e.g. 503 with the same body). */
  also?: Record<number, { answer: string; schema: z.ZodType }>;
}

const COMMAND_ANSWER = '`CommandResult`: the case\u2019s version and last event id once the events are stored';
const MEETING_ANSWER = '`MeetingResult`: the meeting\u2019s version and last event id once the events are stored';

const PolicyAnswer = z.object({ policy: TimelinessPolicySchema });
const SettingsAnswer = z.object({ settings: DecisionSettingsSchema });
const ScheduleAnswer = z.object({ schedule: RetentionScheduleSchema });
const UserAnswer = z.object({ user: AdminUserListingSchema });
const UsersAnswer = z.object({ users: z.array(AdminUserListingSchema) });
/** This document, in outline (its own schema is the OpenAPI 3.1 one). */
const OpenApiDocumentSchema = z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) });

/** Every route that is not a command (commands are documented from COMMANDS and COMMAND_ROUTES). */
const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /api/health': {
    summary: 'Redis answers (kept for older monitors)',
    answer: '{ok:true}',
    schema: HealthSchema,
    also: { 503: { answer: '{ok:false} within a second if Redis does not answer', schema: HealthSchema } },
  },
  'GET /api/health/live': { summary: 'Liveness: the process answers', answer: '{live:true}', schema: LivenessSchema },
  'GET /api/health/ready': {
    summary: 'Readiness: Redis answers, durability checks pass (production), not shutting down',
    answer: '{ready, checks:{redis, durable, accepting}}',
    schema: ReadinessSchema satisfies z.ZodType<Readiness>,
    also: { 503: { answer: 'the same body when not ready, within a second', schema: ReadinessSchema } },
  },
  'GET /api/openapi.json': { summary: 'This document', answer: 'the OpenAPI 3.1 document, socket events under x-socket-io', schema: OpenApiDocumentSchema },
  'POST /api/session': {
    summary: 'Sign in with a local account',
    body: SignInSchema,
    answer: '{user, csrfToken} and the session cookie; 401 without saying whether the account exists; 429 after repeated failures',
    schema: SessionSchema,
  },
  'GET /api/session': { summary: 'The signed-in user', answer: '{user, csrfToken}', schema: SessionSchema },
  'DELETE /api/session': {
    summary: 'Sign out (closes the session\u2019s sockets)',
    answer: '204: signed out',
    status: 204,
    also: { 200: { answer: 'an account signed in through single sign-on: {providerSignOutUrl}, the provider\u2019s end-session page to offer', schema: z.object({ providerSignOutUrl: z.string() }) } },
  },
  'GET /api/sign-in-methods': {
    summary: 'What the sign-in page offers: passwords (on, admins, off) and single sign-on',
    answer: '`SignInMethods` {local, sso: {label} | null}',
    schema: SignInMethodsSchema,
  },
  'GET /api/sso/start': {
    summary: 'Start single sign-on (OpenID Connect code flow with PKCE, state and nonce)',
    answer: '303 to the provider, with the attempt\u2019s mash.sso cookie; 404 when single sign-on is not set up',
    status: 303,
  },
  'GET /api/sso/callback': {
    summary: 'The provider\u2019s answer: checked (state, PKCE, ID token signature, issuer, audience, expiry, nonce), mapped to agency and role',
    query: z.object({ code: z.string().max(4000).optional(), state: z.string().max(500).optional(), error: z.string().max(200).optional(), error_description: z.string().max(2000).optional() }),
    answer:
      '303 to / with the session cookie; or 303 to /?sso-error=<reason> (no-mapping, disabled, expired, refused-by-provider, invalid-response, username-taken, misconfigured, unavailable), signing nobody in',
    status: 303,
  },
  'GET /api/admin/sign-in': {
    summary: 'How people sign in and the single sign-on mapping (never the secret)',
    answer: '`SignInSettings` {local, sso: {label, issuer, clientId, redirectUri, scopes, usernameClaim, mapping} | null}',
    schema: SignInSettingsSchema,
  },
  'GET /api/demo-accounts': { summary: 'Demo mode only: the demo accounts and password', answer: '{accounts, password}', schema: DemoAccountsSchema },
  'GET /api/cases': {
    summary: 'Open cases, or a filtered page of every case held',
    query: CaseListQuerySchema,
    answer: 'without a query: {cases} (open cases); with any filter: {cases, next} (next: the cursor of the page after, null at the end)',
    schema: z.union([z.object({ cases: z.array(CaseSummarySchema) }), CaseListPageSchema]),
  },
  'GET /api/cases/:caseId': { summary: 'A case as the reader may see it', answer: '`CaseView` {summary, entries}', schema: CaseViewSchema },
  'GET /api/cases/:caseId/events': {
    summary: 'A case\u2019s events after an id',
    query: z.object({ after: JoinCaseSchema.shape.afterEventId }).strict(),
    answer: '{events, more}: up to 1,000 events in order',
    schema: CatchUpResultSchema,
  },
  'GET /api/cases/:caseId/chronology': { summary: 'The chronology, ordered by when things happened', answer: '{lines: ChronologyLine[]}', schema: z.object({ lines: z.array(ChronologyLineSchema) }) },
  'GET /api/cases/:caseId/previous-involvement': {
    summary: 'Earlier cases matching the children',
    answer: '{children: [{index, name, matches}], people: [{personId, name, matches}], addresses: [{addressId, address, matches}]}',
    schema: PreviousInvolvementResultSchema,
  },
  'POST /api/previous-involvement/search': {
    summary: 'Previous involvement before a case is opened',
    body: InvolvementSearchSchema,
    answer: '{children: [{index, name, matches}]}',
    schema: PreviousInvolvementResultSchema,
  },
  'POST /api/search': {
    summary: 'Search every case ever held (audited with the kinds of terms only)',
    body: CaseSearchSchema,
    answer: '{matches, total}: the 100 closest matches',
    schema: CaseSearchResultSchema,
  },
  'GET /api/my-work': {
    summary: 'The reader\u2019s own work, from the work-list indexes: open cases they lead, open actions they own, open information requests to their agency',
    answer: '`MyWork` {cases, leading, actions: [{caseId, deadline}], requests: [{caseId, deadline}]}, soonest due first; cases restricted from the reader left out',
    schema: MyWorkSchema,
  },
  'GET /api/users': { summary: 'Users, for choosing a lead or an owner', answer: '{users: [{userId, name, agency, role}]}', schema: z.object({ users: z.array(UserListingSchema) }) },
  'GET /api/alerts': { summary: 'The reader\u2019s alert inbox, newest first', answer: '{alerts: Alert[]}', schema: z.object({ alerts: z.array(AlertSchema) }) },
  'POST /api/alerts/:alertId/acknowledge': { summary: 'Acknowledge an alert (stops its escalation)', answer: '{alert}', schema: z.object({ alert: AlertSchema }) },
  'GET /api/timeliness-policy': { summary: 'The timeliness policy in force', answer: '{policy}', schema: PolicyAnswer },
  'PUT /api/timeliness-policy': {
    summary: 'Replace the timeliness policy (versioned)',
    body: ReplacePolicySchema,
    answer: '{policy} with the next version; 409 if it changed since expectedVersion',
    schema: PolicyAnswer,
  },
  'POST /api/timeliness-policy/bank-holidays': {
    summary: 'Add England and Wales bank holidays from the maintained source (date-holidays), this year through throughYear',
    body: AddBankHolidaysSchema,
    answer: '{policy, added}: the next policy version and the days it added; 409 if the policy changed since expectedVersion',
    schema: PolicyAnswer.extend({ added: z.array(z.string()) }),
  },
  'GET /api/decision-settings': {
    summary: 'The decision settings in force: the levels of need a decision may name, and whether sign-off is required',
    answer: '{settings}: {version, thresholds, signOffRequired}',
    schema: SettingsAnswer,
  },
  'PUT /api/decision-settings': {
    summary: 'Replace the decision settings (versioned)',
    body: ReplaceSettingsSchema,
    answer: '{settings} with the next version; 409 if they changed since expectedVersion',
    schema: SettingsAnswer,
  },
  'GET /api/reports/timeliness': {
    summary: 'Met, breached and pending deadlines per rating and agency',
    query: ReportQuerySchema,
    answer: 'per rating and per agency: {met, breached, pending, medianHours, p90Hours}',
    schema: TimelinessReportSchema,
  },
  'GET /api/reports/timeliness.csv': {
    summary: 'The timeliness report as CSV (a period of at most 366 days)',
    query: ExportPeriodSchema,
    answer: 'text/csv: a row per rating and per agency',
    documents: ['text/csv'],
  },
  'GET /api/retention-schedule': { summary: 'The retention schedule in force', answer: '{schedule}', schema: ScheduleAnswer },
  'PUT /api/retention-schedule': {
    summary: 'Replace the retention schedule (versioned)',
    body: ReplaceScheduleSchema,
    answer: '{schedule} with the next version; 409 if it changed since expectedVersion',
    schema: ScheduleAnswer,
  },
  'GET /api/admin/jobs/failed': { summary: 'Deadline jobs that failed every retry', answer: '{jobs}', schema: z.object({ jobs: z.array(FailedJobSchema satisfies z.ZodType<FailedJob>) }) },
  'GET /api/admin/users': { summary: 'Every account', answer: '{users: [{userId, username, name, agency, role, disabled}]}', schema: UsersAnswer },
  'POST /api/admin/users': { summary: 'Create a local account', body: CreateUserSchema, answer: '201 {user}', status: 201, schema: UserAnswer },
  'POST /api/admin/users/:userId/disable': { summary: 'Disable an account (its sockets close at once)', answer: '{user}', schema: UserAnswer },
  'POST /api/admin/users/:userId/enable': { summary: 'Enable an account', answer: '{user}', schema: UserAnswer },
  'POST /api/admin/users/:userId/role': { summary: 'Change an account\u2019s role and agency', body: ChangeRoleSchema, answer: '{user}; the user signs in again', schema: UserAnswer },
  'POST /api/admin/users/:userId/password': {
    summary: 'Reset a password (an admin\u2019s own needs currentPassword)',
    body: ResetPasswordSchema,
    answer: '{user}; the user\u2019s sessions end',
    schema: UserAnswer,
  },
  'POST /api/admin/users/:userId/end-sessions': { summary: 'End every session of an account', answer: '{user}', schema: UserAnswer },
  'GET /api/audit': {
    summary: 'Audit entries about a case or by a user, newest first',
    query: AuditQuerySchema,
    answer: '{entries}: each record with its case\u2019s reference',
    schema: z.object({ entries: z.array(AuditEntrySchema) }),
  },
  'GET /api/audit.csv': {
    summary: 'Audit entries about a case or by a user as CSV (a period of at most 366 days)',
    query: AuditExportQuerySchema,
    answer: 'text/csv: the entries, newest first (at most 50,000)',
    documents: ['text/csv'],
  },
  'GET /api/audit/cases': {
    summary: 'Find a case by reference (an erased case: its tombstone)',
    query: AuditCaseLookupSchema,
    answer: '{caseId, reference, erased?}',
    schema: z.object({ caseId: z.string(), reference: z.string(), erased: CaseTombstoneSchema.optional() }),
  },
  'GET /api/audit/users': { summary: 'Every account, disabled ones included', answer: '{users}', schema: UsersAnswer },
  'POST /api/audit/children': {
    summary: "A child's cases by name and date of birth, any case (references only; audited with the kinds of terms)",
    body: AuditChildSearchSchema,
    answer: '{cases: AuditCaseMatch[]}',
    schema: z.object({ cases: z.array(AuditCaseMatchSchema) }),
  },
  'GET /api/audit/record': {
    summary: 'Who saw a case, when, through what and what they did, by reference; format=csv|pdf for a document (audited as an export)',
    query: AuditRecordQuerySchema,
    answer: 'CaseAuditRecord {reference, erasedAt?, entries, truncated}, or with format the document as an attachment',
    documents: ['text/csv', 'application/pdf'],
    schema: CaseAuditRecordSchema,
  },
  'GET /api/audit/access-report': {
    summary: "One person's access over a period of at most 366 days: what they opened, exported and shared; format=csv|pdf for a document (audited as an export)",
    query: AccessReportQuerySchema,
    answer: 'AccessReport, or with format the document as an attachment',
    documents: ['text/csv', 'application/pdf'],
    schema: AccessReportSchema,
  },
  'GET /api/agencies': { summary: 'The partner agencies', answer: '{agencies: [{id, name, active}]}', schema: z.object({ agencies: z.array(AgencySchema) }) },
  'POST /api/admin/agencies': { summary: 'Add a local partner agency', body: NewAgencySchema, answer: '201 {agency}', status: 201, schema: z.object({ agency: AgencySchema }) },
  'POST /api/admin/agencies/:agencyId': { summary: 'Rename or deactivate an agency', body: ChangeAgencySchema, answer: '{agency}', schema: z.object({ agency: AgencySchema }) },
  'POST /api/cases/:caseId/share-pack-preview': {
    summary: 'What a recipient would see',
    body: ShareSelectionSchema,
    answer: '{pack: SharePack}: what is shared, and what was left out and why',
    schema: z.object({ pack: SharePackSchema }),
  },
  'POST /api/cases/:caseId/sharing-decisions/:decisionId/exports': {
    summary: 'Export a share pack (recorded on the case and audited first)',
    body: ExportSharePackSchema,
    answer: 'the document as an attachment (application/pdf or text/html)',
    documents: ['application/pdf', 'text/html'],
  },
  'GET /api/meetings': { summary: 'Meetings to come and of the last 30 days', answer: '{meetings}', schema: z.object({ meetings: z.array(MeetingSummarySchema) }) },
  'GET /api/meetings/:meetingId': { summary: 'A meeting, with the reader\u2019s own copy of its signed minutes', answer: '{meeting}', schema: z.object({ meeting: MeetingSummarySchema }) },
  'GET /api/meetings/:meetingId/invitation.ics': {
    summary: 'The meeting as a calendar invitation (iCalendar); names no child or case',
    answer: 'text/calendar: one VEVENT, UID <meetingId>@mashboard',
    documents: ['text/calendar'],
  },
  'POST /api/meetings/:meetingId/minutes/exports': {
    summary: 'Export signed minutes (audited)',
    body: ExportMinutesSchema,
    answer: 'the document as an attachment',
    documents: ['application/pdf', 'text/html'],
  },
};

/** Every socket event a client may send: its payload schema and what its acknowledgement carries. */
const SOCKET_EVENT_DOCS: Record<Exclude<keyof ClientToServerEvents, CommandName | MeetingCommandName>, { payload: z.ZodType; ack: string; result: z.ZodType }> = {
  'case.join': { payload: JoinCaseSchema, ack: '{view? or summary?, events, more, viewers}', result: JoinResultSchema },
  'case.catch-up': { payload: CatchUpSchema, ack: '{events, more}', result: CatchUpResultSchema },
  'case.leave': { payload: LeaveCaseSchema, ack: '{left:true}', result: z.object({ left: z.literal(true) }) },
  'cases.watch': { payload: z.object({}).strict(), ack: '{cases}, and cases.changed from then on', result: z.object({ cases: z.array(CaseSummarySchema) }) },
  'alert.acknowledge': { payload: AcknowledgeAlertSchema, ack: '{alert}', result: z.object({ alert: AlertSchema }) },
  'meeting.join': { payload: JoinMeetingSchema, ack: '{meeting}, and meeting.event and meeting.presence from then on', result: z.object({ meeting: MeetingSummarySchema }) },
  'meeting.leave': { payload: JoinMeetingSchema, ack: '{left:true}', result: z.object({ left: z.literal(true) }) },
  'meetings.watch': { payload: WatchMeetingsSchema, ack: '{meetings}, and meetings.changed from then on', result: z.object({ meetings: z.array(MeetingSummarySchema) }) },
};

/** Every event the server pushes, in words and as a schema (the compiler checks the list is whole). */
const SERVER_EVENT_DOCS: Record<keyof ServerToClientEvents, { description: string; payload: z.ZodType }> = {
  'case.event': { description: '`CaseEvent`, as the reader may see it; seq counts 1, 2, 3 \u2026 per case', payload: CaseEventSchema },
  'case.presence': { description: 'who has the case open now', payload: z.object({ caseId: z.string(), viewers: z.array(ViewerSchema) }) },
  'cases.changed': { description: '`CaseSummary`: a case\u2019s new row (a busy case at most every 250 ms, newest last)', payload: CaseSummarySchema },
  'meeting.event': { description: '`MeetingEvent`, the agenda as the reader\u2019s agency may see it', payload: MeetingEventSchema },
  'meetings.changed': { description: '`MeetingSummary`: a meeting\u2019s new row', payload: MeetingSummarySchema },
  'meeting.presence': { description: 'who has the meeting open now', payload: z.object({ meetingId: z.string(), viewers: z.array(ViewerSchema) }) },
  'alert.raised': { description: '`Alert`: a deadline warning, breach or escalation, or a service alert', payload: AlertSchema },
  'alert.acknowledged': { description: '`Alert`, once someone acknowledged it', payload: AlertSchema },
  'session.ended': { description: 'just before the server closes the socket', payload: z.object({ reason: z.string() }) },
};

/** Answer schemas with a name of their own under components/schemas: the records many answers share. */
const NAMED_ANSWERS: Record<string, z.ZodType> = {
  CaseSummary: CaseSummarySchema,
  CaseView: CaseViewSchema,
  CaseEvent: CaseEventSchema,
  BoardEntry: BoardEntrySchema,
  Deadline: DeadlineSchema,
  CaseDecision: CaseDecisionSchema,
  SharingDecision: SharingDecisionSchema,
  CommandResult: CommandResultSchema,
  MeetingResult: MeetingResultSchema,
  MeetingSummary: MeetingSummarySchema,
  MeetingEvent: MeetingEventSchema,
  Alert: AlertSchema,
  UserListing: UserListingSchema,
  AdminUserListing: AdminUserListingSchema,
  InvolvementMatch: InvolvementMatchViewSchema,
  ChronologyLine: ChronologyLineSchema,
  AuditEntry: AuditEntrySchema,
  Agency: AgencySchema,
  TimelinessPolicy: TimelinessPolicySchema,
  DecisionSettings: DecisionSettingsSchema,
  RetentionSchedule: RetentionScheduleSchema,
};

const ERROR_WORDS: Record<ErrorCode, [number, string]> = {
  invalid: [400, 'invalid input: issues name each field and why'],
  unauthenticated: [401, 'not signed in (or the session ended)'],
  forbidden: [403, 'the role may not do this, or a missing or wrong X-CSRF-Token or a foreign Origin'],
  'not-found': [404, 'nothing there, or a case not shared with the reader\u2019s agency (the same answer)'],
  conflict: [409, 'it changed since the version given'],
  gone: [410, 'the case was erased under the retention schedule'],
  'too-large': [413, 'the body is over 256 KiB'],
  'rate-limited': [429, 'too many attempts'],
  internal: [500, 'something went wrong; nothing was changed'],
  unavailable: [503, 'Redis is not answering; nothing was saved: send again with the same commandId'],
};

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends, from the zod schema that validates it. */
function jsonSchema(schema: z.ZodType, leaveOut: string[] = []): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[] };
  delete json.$schema;
  if (leaveOut.length > 0 && json.properties) {
    for (const name of leaveOut) delete json.properties[name];
    if (json.required) json.required = json.required.filter((name) => !leaveOut.includes(name));
  }
  return json;
}

function pathParams(route: string): string[] {
  return [...route.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

function whoMay(requirement: Requirement): string {
  if (requirement === 'public') return 'anyone';
  if (requirement === 'signed-in') return 'anyone signed in';
  return `${POLICY[requirement].join(', ')} (action \`${requirement}\`)`;
}

function errorsFor(method: string, route: string, requirement: Requirement, takesInput: boolean): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (takesInput || pathParams(route).length > 0) codes.push('invalid');
  if (requirement !== 'public') codes.push('unauthenticated');
  if (requirement !== 'public' && requirement !== 'signed-in') codes.push('forbidden');
  else if (method !== 'GET') codes.push('forbidden');
  if (pathParams(route).length > 0) codes.push('not-found');
  if (method === 'PUT' || /expectedVersion/.test(route) || (route.includes('/cases/:caseId') && method === 'POST')) codes.push('conflict');
  if (route.startsWith('/api/cases/:caseId')) codes.push('gone');
  if (method !== 'GET') codes.push('too-large');
  if (route === '/api/session' && method === 'POST') codes.push('rate-limited');
  codes.push('internal', 'unavailable');
  return codes;
}

const RETRIED = 'a retried commandId: the same answer with duplicate: true, and nothing written';
const commandByRoute = new Map<string, { name: string; schema: z.ZodType; answer: string; result: z.ZodType }>([
  ...(Object.keys(COMMANDS) as CommandName[]).map(
    (name) => [`POST ${COMMAND_ROUTES[name]}`, { name, schema: COMMANDS[name] as z.ZodType, answer: COMMAND_ANSWER, result: CommandResultSchema }] as const,
  ),
  ...(Object.keys(MEETING_COMMANDS) as MeetingCommandName[]).map(
    (name) => [`POST ${MEETING_COMMAND_ROUTES[name]}`, { name, schema: MEETING_COMMANDS[name] as z.ZodType, answer: MEETING_ANSWER, result: MeetingResultSchema }] as const,
  ),
]);

/** A route's documentation: a command's from its schema, any other from ROUTE_DOCS (undefined: undocumented). */
export function routeDoc(key: string): RouteDoc | undefined {
  const command = commandByRoute.get(key);
  if (command) {
    return {
      summary: `Command \`${command.name}\` (also a socket event of that name); commandId in the body or an Idempotency-Key header`,
      body: command.schema,
      answer: command.answer,
      schema: command.result,
      status: 201,
      also: { 200: { answer: RETRIED, schema: command.result } },
    };
  }
  return ROUTE_DOCS[key];
}

const built = new Map<boolean, Record<string, unknown>>();

/** Served only in demo mode. */
const DEMO_ONLY = new Set(['GET /api/demo-accounts']);

/** The whole document (built once per process: it depends on nothing but the code and demo mode). */
export function openApiDocument(version: string, demo: boolean): Record<string, unknown> {
  const done = built.get(demo);
  if (done) return done;
  const answers = new AnswerSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, requirement] of Object.entries(ROUTE_POLICY)) {
    if (!demo && DEMO_ONLY.has(key)) continue;
    const [method, route] = key.split(' ') as [string, string];
    const doc = routeDoc(key);
    if (!doc) continue; // undocumented: the coverage test names it
    const params = pathParams(route);
    const status = doc.status ?? 200;
    const operationId = key.replace(/[^A-Za-z0-9]+/g, '_').replace(/_$/, '');
    const success = (description: string, schema: z.ZodType | undefined, documents: readonly string[] = [], name = operationId) => ({
      description,
      ...(schema || documents.length > 0
        ? {
            content: {
              ...(schema ? { 'application/json': { schema: answers.ref(schema, name) } } : {}),
              ...Object.fromEntries(documents.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
            },
          }
        : {}),
      headers: { 'X-Request-Id': { $ref: '#/components/headers/RequestId' } },
    });
    const operation: Record<string, unknown> = {
      operationId,
      summary: doc.summary,
      description: `Who may: ${whoMay(requirement)}.`,
      ...(requirement === 'public' ? { security: [] } : {}),
      parameters: [
        ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
        ...(doc.query ? queryParameters(doc.query) : []),
        ...(method !== 'GET' && requirement !== 'public' ? [{ name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' }, description: 'the csrfToken of the session' }] : []),
      ],
      ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, params) } } } } : {}),
      responses: {
        [String(status)]: success(doc.answer, doc.schema, doc.documents),
        ...Object.fromEntries(
          errorsFor(method, route, requirement, Boolean(doc.body || doc.query)).map((code) => [
            String(ERROR_WORDS[code][0]),
            { description: `\`${code}\`: ${ERROR_WORDS[code][1]}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
          ]),
        ),
        ...Object.fromEntries(Object.entries(doc.also ?? {}).map(([other, also]) => [other, success(also.answer, also.schema, [], `${operationId}_${other}`)])),
      },
    };
    const openApiPath = route.replace(/:(\w+)/g, '{$1}');
    (paths[openApiPath] ??= {})[method.toLowerCase()] = operation;
  }

  const socketEvents: Record<string, unknown> = {};
  for (const [event, requirement] of Object.entries(SOCKET_POLICY)) {
    const command = Object.hasOwn(COMMANDS, event)
      ? { payload: COMMANDS[event as CommandName] as z.ZodType, ack: 'CommandResult', result: CommandResultSchema }
      : Object.hasOwn(MEETING_COMMANDS, event)
        ? { payload: MEETING_COMMANDS[event as MeetingCommandName] as z.ZodType, ack: 'MeetingResult', result: MeetingResultSchema }
        : undefined;
    const doc = command ?? SOCKET_EVENT_DOCS[event as keyof typeof SOCKET_EVENT_DOCS];
    if (!doc) continue; // undocumented: the coverage test names it
    socketEvents[event] = {
      whoMay: whoMay(requirement),
      payload: jsonSchema(doc.payload),
      ack: `{ok:true, result} or {ok:false, error: ErrorBody.error}; result: ${doc.ack}`,
      result: answers.ref(doc.result, `socket_${event.replace(/[^A-Za-z0-9]+/g, '_')}_result`),
    };
  }
  const serverEvents = Object.fromEntries(
    Object.entries(SERVER_EVENT_DOCS).map(([event, doc]) => [event, { description: doc.description, payload: answers.ref(doc.payload, `socket_${event.replace(/[^A-Za-z0-9]+/g, '_')}`) }]),
  );

  const document = {
    openapi: '3.1.0',
    info: {
      title: 'Mashboard API',
      version,
      description:
        'The REST API of Mashboard, the live case board of a Multi-Agency Safeguarding Hub. Bodies are JSON; unknown fields are refused. Sign in with POST /api/session; send the session cookie on every request and X-CSRF-Token on every state-changing one. Socket.IO events are under x-socket-io.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'mash.sid', description: '`__Host-mash.sid` in production' } },
      headers: { RequestId: { description: 'This request\u2019s id: quote it to support; it is in the server log line for the request', schema: { type: 'string' } } },
      schemas: {
        ...answers.components(),
        ErrorBody: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { enum: Object.keys(ERROR_WORDS) },
                message: { type: 'string' },
                issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
                requestId: { type: 'string' },
              },
            },
          },
        },
      },
    },
    'x-socket-io': {
      description:
        'Connect to the same origin with the session cookie; every event is sent as (payload, acknowledgement). An acknowledgement\u2019s result and every pushed payload are described by a schema under components/schemas.',
      clientToServer: socketEvents,
      serverToClient: serverEvents,
    },
  };
  built.set(demo, document);
  return document;
}

/** A query schema's fields as OpenAPI query parameters. */
function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: property }));
}

/**
 * The answer schemas of one document, converted together so that a record many answers share
 * (NAMED_ANSWERS) is one entry under components/schemas that each answer refers to.
 */
class AnswerSchemas {
  private readonly registry = z.registry<{ id: string }>();

  constructor() {
    for (const [id, schema] of Object.entries(NAMED_ANSWERS)) this.registry.add(schema, { id });
  }

  /** A reference to the schema's entry, added under `name` unless it has one. */
  ref(schema: z.ZodType, name: string): { $ref: string } {
    const id = this.registry.get(schema)?.id ?? (this.registry.add(schema, { id: name }), name);
    return { $ref: `#/components/schemas/${id}` };
  }

  /** JSON Schema (2020-12) of what the server sends, one entry per id. */
  components(): Record<string, unknown> {
    const { schemas } = z.toJSONSchema(this.registry, { io: 'output', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
    return Object.fromEntries(
      Object.entries(schemas).map(([id, json]) => {
        const { $schema: _dialect, $id: _id, ...schema } = json as Record<string, unknown>;
        return [id, schema];
      }),
    );
  }
}
