/**
 * The API contract: every command (socket event and REST route, one handler path), every query,
 * and every event the server pushes. Payloads are validated with these schemas on the server.
 */
import { z } from 'zod';
import { ActorSchema, HappenedSchema, PersonRefSchema, TimestampSchema, IdSchema, IsoDateSchema, ShortText, AgencyIdSchema, RoleSchema } from './primitives.schema.ts';
import { ChildSchema, AddPeopleSchema, AssignLeadSchema, ChangeStatusSchema, ChildInputSchema, OpenCaseSchema } from './cases.schema.ts';
import {
  BoardEntrySchema,
  ContributionContentSchema,
  VoiceContentSchema,
  AddContributionSchema,
  CorrectContributionSchema,
  CorrectVoiceSchema,
  RecordVoiceAbsenceSchema,
  RecordVoiceSchema,
} from './contributions.schema.ts';
import { TIMEFRAMES } from './contributions.ts';
import {
  DeadlineSchema,
  DueTimesSchema,
  RatingStateSchema,
  RequestAnswerSchema,
  AddActionSchema,
  AnswerInformationRequestSchema,
  ChangeDeadlineSchema,
  CompleteActionSchema,
  DecideStrategyDiscussionSchema,
  RecordStrategyDiscussionHeldSchema,
  RequestInformationSchema,
  SetRatingSchema,
  AcknowledgeAlertSchema,
} from './deadlines.schema.ts';
import { SharingDecisionContentSchema, SharingDecisionSchema, RecordSharingDecisionSchema } from './sharing.schema.ts';
import { SHARING_ADVICE, type SharingAdviceVersion } from './sharing.ts';
import { AddressSchema, EventAddressSchema, PersonInputSchema, PersonSchema, PostcodeSchema } from './people.schema.ts';
import { RatingSchema } from './timeliness.schema.ts';
import { CaseDecisionSchema, ReferrerFeedbackSchema, ReReferralSchema, RecordReferrerFeedbackSchema, SignOffDecisionSchema, RecordDecisionSchema } from './decision.schema.ts';
import { LegalHoldSchema, RetentionStateSchema, EraseCaseSchema, KeepCaseSchema, SetLegalHoldSchema } from './retention.schema.ts';
import type { MyWork } from './work.ts';
import { CHRONOLOGY_KINDS, type ChronologyLine } from './chronology.ts';
import type { Actor, AgencyId, Role } from './agencies.ts';
import { CASE_STATUSES } from './cases.ts';
import { LIMITS } from './limits.ts';
import type { Alert } from './deadlines.ts';
import type { Ack } from './errors.ts';
import type { MeetingCommandName, MeetingEvent, MeetingSummary } from './meetings.ts';
import { MEETING_COMMANDS } from './meetings.schema.ts';
import { ADDRESSES_PER_CASE, PEOPLE_PER_CASE } from './people.ts';
import { RATINGS } from './timeliness.ts';
import { DECISION_OUTCOMES } from './decision.ts';
import type { CaseSummary, CaseEvent, CaseView } from './model.ts';

/** Every command, by name. The socket event has the command's name; REST is in COMMAND_ROUTES. */
export const COMMANDS = {
  'case.open': OpenCaseSchema,
  'case.assign-lead': AssignLeadSchema,
  'case.change-status': ChangeStatusSchema,
  'people.add': AddPeopleSchema,
  'contribution.add': AddContributionSchema,
  'contribution.correct': CorrectContributionSchema,
  'voice.record': RecordVoiceSchema,
  'voice.correct': CorrectVoiceSchema,
  'voice.record-absence': RecordVoiceAbsenceSchema,
  'rating.set': SetRatingSchema,
  'information.request': RequestInformationSchema,
  'information.answer': AnswerInformationRequestSchema,
  'strategy-discussion.decide': DecideStrategyDiscussionSchema,
  'strategy-discussion.record-held': RecordStrategyDiscussionHeldSchema,
  'action.add': AddActionSchema,
  'action.complete': CompleteActionSchema,
  'deadline.change-due': ChangeDeadlineSchema,
  'sharing.decide': RecordSharingDecisionSchema,
  'decision.record': RecordDecisionSchema,
  'referrer-feedback.record': RecordReferrerFeedbackSchema,
  'decision.sign-off': SignOffDecisionSchema,
  'retention.keep': KeepCaseSchema,
  'retention.set-legal-hold': SetLegalHoldSchema,
  'retention.erase': EraseCaseSchema,
} as const;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
/** What a client sends. */
export type CommandInput<N extends CommandName> = z.input<(typeof COMMANDS)[N]>;
/** What the server works with after validation. */
export type CommandPayload<N extends CommandName> = z.output<(typeof COMMANDS)[N]>;

/** What every command acknowledges once its events are durably stored. */
export interface CommandResult {
  caseId: string;
  reference: string;
  /** The case version after the command. */
  version: number;
  lastEventId: string;
  /** The entry created or corrected, for entry commands. */
  entryId?: string;
  /** True when this commandId was already applied: nothing new was written. */
  duplicate: boolean;
}

/** REST routes for the commands. `:caseId` and `:entryId` are taken from the path. */
export const COMMAND_ROUTES: Record<CommandName, string> = {
  'case.open': '/api/cases',
  'case.assign-lead': '/api/cases/:caseId/lead',
  'case.change-status': '/api/cases/:caseId/status',
  'people.add': '/api/cases/:caseId/people',
  'contribution.add': '/api/cases/:caseId/contributions',
  'contribution.correct': '/api/cases/:caseId/contributions/:entryId/corrections',
  'voice.record': '/api/cases/:caseId/voice',
  'voice.correct': '/api/cases/:caseId/voice/:entryId/corrections',
  'voice.record-absence': '/api/cases/:caseId/voice-absence',
  'rating.set': '/api/cases/:caseId/rating',
  'information.request': '/api/cases/:caseId/information-requests',
  'information.answer': '/api/cases/:caseId/information-requests/:requestId/answer',
  'strategy-discussion.decide': '/api/cases/:caseId/strategy-discussion',
  'strategy-discussion.record-held': '/api/cases/:caseId/strategy-discussion/held',
  'action.add': '/api/cases/:caseId/actions',
  'action.complete': '/api/cases/:caseId/actions/:actionId/complete',
  'deadline.change-due': '/api/cases/:caseId/deadlines/:deadlineId/due',
  'sharing.decide': '/api/cases/:caseId/sharing-decisions',
  'decision.record': '/api/cases/:caseId/decisions',
  'referrer-feedback.record': '/api/cases/:caseId/referrer-feedback',
  'decision.sign-off': '/api/cases/:caseId/decisions/:decisionId/sign-off',
  'retention.keep': '/api/cases/:caseId/retention/keep',
  'retention.set-legal-hold': '/api/cases/:caseId/retention/legal-hold',
  'retention.erase': '/api/cases/:caseId/retention/erase',
};

export const SignInSchema = z
  .object({
    username: z.string({ error: 'username is required' }).trim().min(1, 'enter your username').max(100),
    password: z.string({ error: 'password is required' }).min(1, 'enter your password').max(1000),
  })
  .strict();

export const JoinCaseSchema = z
  .object({
    caseId: IdSchema,
    /** The last event id this client has applied; omit to receive the whole case. */
    afterEventId: z
      .string()
      .regex(/^\d+-\d+$/, 'must be a stream id like 1732180000000-0')
      .optional(),
    /** false: without afterEventId, the case's summary alone, not its entries (a meeting's agenda items other than the one on screen). */
    entries: z.literal(false, { error: 'entries may only be false (omit it for the whole case)' }).optional(),
  })
  .strict();
export const LeaveCaseSchema = z.object({ caseId: IdSchema }).strict();
export const CatchUpSchema = z.object({ caseId: IdSchema, afterEventId: z.string().regex(/^\d+-\d+$/, 'must be a stream id like 1732180000000-0') }).strict();

/** The most events one catch-up returns; `more` says to ask again. */
export const CATCH_UP_PAGE = 1000;

export interface SessionUser extends Actor {
  username: string;
  agencyName: string;
  roleLabel: string;
}

export interface Viewer {
  userId: string;
  name: string;
  agency: AgencyId;
  role: Role;
}

export interface JoinResult {
  /** The whole case when no afterEventId was given. */
  view?: CaseView;
  /** Instead of the view, the case's summary alone when asked for with `entries: false`. */
  summary?: CaseSummary;
  /** Events after afterEventId, in order. */
  events: CaseEvent[];
  /** More events remain after these (ask again with the last id). */
  more: boolean;
  viewers: Viewer[];
}

export interface CatchUpResult {
  events: CaseEvent[];
  more: boolean;
}

export interface UserListing {
  userId: string;
  name: string;
  agency: AgencyId;
  role: Role;
}

type CommandHandlers = {
  [N in CommandName]: (payload: CommandInput<N>, ack: (response: Ack<CommandResult>) => void) => void;
};

/** What every meeting command acknowledges. */
export interface MeetingResult {
  meetingId: string;
  version: number;
  lastEventId: string;
  duplicate: boolean;
}

type MeetingCommandHandlers = {
  [N in MeetingCommandName]: (payload: z.input<(typeof MEETING_COMMANDS)[N]>, ack: (response: Ack<MeetingResult>) => void) => void;
};

export const JoinMeetingSchema = z.object({ meetingId: IdSchema }).strict();
/** Watch the meetings list: nothing to say (the list is the same rule as `GET /api/meetings`). */
export const WatchMeetingsSchema = z.object({}).strict();

export interface ClientToServerEvents extends CommandHandlers, MeetingCommandHandlers {
  /** Open a meeting: its record now, and its events live from then on. */
  'meeting.join': (payload: z.input<typeof JoinMeetingSchema>, ack: (response: Ack<{ meeting: MeetingSummary }>) => void) => void;
  'meeting.leave': (payload: z.input<typeof JoinMeetingSchema>, ack: (response: Ack<{ left: true }>) => void) => void;
  /** The meetings list now (as `GET /api/meetings` gives it), and `meetings.changed` from then on. */
  'meetings.watch': (payload: z.input<typeof WatchMeetingsSchema>, ack: (response: Ack<{ meetings: MeetingSummary[] }>) => void) => void;
  'case.join': (payload: z.input<typeof JoinCaseSchema>, ack: (response: Ack<JoinResult>) => void) => void;
  'case.catch-up': (payload: z.input<typeof CatchUpSchema>, ack: (response: Ack<CatchUpResult>) => void) => void;
  'case.leave': (payload: z.input<typeof LeaveCaseSchema>, ack: (response: Ack<{ left: true }>) => void) => void;
  'cases.watch': (payload: Record<string, never>, ack: (response: Ack<{ cases: CaseSummary[] }>) => void) => void;
  'alert.acknowledge': (payload: z.input<typeof AcknowledgeAlertSchema>, ack: (response: Ack<{ alert: Alert }>) => void) => void;
}

export interface ServerToClientEvents {
  /** A new event in a case the socket has joined. */
  'case.event': (event: CaseEvent) => void;
  /** Who has the case open now. */
  'case.presence': (presence: { caseId: string; viewers: Viewer[] }) => void;
  /** A case summary changed (to sockets watching the case list). */
  'cases.changed': (summary: CaseSummary) => void;
  /** A new event in a meeting the socket has joined: the scheduling with the agenda as the reader's agency may see it; signed minutes as an outsider's copy (fetch your own). */
  'meeting.event': (event: MeetingEvent) => void;
  /** A meeting's row changed (to sockets watching the meetings list), as the list gives it to the reader's agency. */
  'meetings.changed': (meeting: MeetingSummary) => void;
  /** Who has the meeting open now. */
  'meeting.presence': (presence: { meetingId: string; viewers: Viewer[] }) => void;
  /** An alert for this user (a deadline warning, breach or escalation). */
  'alert.raised': (alert: Alert) => void;
  /** Someone acknowledged an alert this user received. */
  'alert.acknowledged': (alert: Alert) => void;
  /** The session ended (signed out, expired or disabled): the socket is about to close. */
  'session.ended': (info: { reason: string }) => void;
}

/** A new local account (admin). */
export const CreateUserSchema = z
  .object({
    /** Sign-in name: lower-case letters, digits, ".", "_" or "-". */
    username: z
      .string({ error: 'username is required' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,60}$/, 'use 3 to 60 lower-case letters, digits, ".", "_" or "-"'),
    /** Full name as colleagues know it. */
    name: z.string({ error: 'name is required' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    agency: AgencyIdSchema,
    role: RoleSchema,
    /** At least 12 characters (NCSC: long passphrases beat complexity rules). */
    password: z.string({ error: 'password is required' }).min(12, 'must be at least 12 characters').max(1000),
  })
  .strict();

export const ChangeRoleSchema = z.object({ role: RoleSchema, agency: AgencyIdSchema }).strict();
export const ResetPasswordSchema = z
  .object({
    /** The new password. */
    password: z.string({ error: 'password is required' }).min(12, 'must be at least 12 characters').max(1000),
    /** Your current password: required to change your own, so a session left open is not enough. */
    currentPassword: z.string().max(1000).optional(),
  })
  .strict();

/** An account as an admin sees it. */
export interface AdminUserListing extends UserListing {
  username: string;
  disabled: boolean;
  /** How the account signs in: with a Mashboard password, or through single sign-on. */
  signIn: 'password' | 'sso';
}

/** One audit record as the auditor's page shows it. */
export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  outcome: 'allowed' | 'denied' | 'failed' | 'succeeded';
  actor?: { userId: string; name: string; agency: string; role: string };
  objectType?: string;
  objectId?: string;
  caseId?: string;
  detail?: string;
  channel?: string;
  ip?: string;
  hash: string;
}

/** One earlier case matching a child: in full when the reader may see it, or only whom to ask. */
export type InvolvementMatchView =
  | {
      restricted: false;
      caseId: string;
      reference: string;
      receivedAt: string;
      status: string;
      /** Who matched: a child on that case, or a person around its children (see `matchedOn`); for an address, the case's first child. */
      child: { firstName: string; lastName: string; dateOfBirth?: string; expectedDateOfBirth?: string };
      /** Absent: a child on that case matched. */
      matchedOn?: MatchedOn;
      strength: 'strong' | 'possible';
      score: number;
      reasons: string[];
    }
  | {
      restricted: true;
      /** The agencies to ask. */
      agencies: string[];
      strength: 'strong' | 'possible';
      score: number;
    };

/** What matched on an earlier case when it was not one of its children. */
export type MatchedOn =
  /** A person around the children: how they are related ("Mother of Ava Lee"). */
  | { kind: 'person'; relationship: string }
  /** An address on that case the reader may see, on one line. */
  | { kind: 'address'; address: string };

export interface PreviousInvolvementResult {
  children: { index: number; name: string; matches: InvolvementMatchView[] }[];
  /** The case's people (with both names) and where they were met before. */
  people: { personId: string; name: string; matches: InvolvementMatchView[] }[];
  /** The case's addresses the reader may see, and the earlier cases at the same address. */
  addresses: { addressId: string; address: string; matches: InvolvementMatchView[] }[];
}

/** Children (and the people around them, and addresses) to look for before a case is opened (the new-case form). */
export const InvolvementSearchSchema = z
  .object({
    children: z.array(ChildInputSchema).min(1, 'at least one child').max(LIMITS.childrenPerCase),
    /** People with both names (and a date of birth where known); answered in `people` with `personId` their position here. */
    people: z
      .array(z.object({ firstName: ShortText, lastName: ShortText, dateOfBirth: IsoDateSchema.optional() }).strict())
      .max(PEOPLE_PER_CASE)
      .default([]),
    /** Addresses by first line and postcode; answered in `addresses` with `addressId` their position here. */
    addresses: z
      .array(z.object({ line1: ShortText, postcode: PostcodeSchema }).strict())
      .max(ADDRESSES_PER_CASE)
      .default([]),
  })
  .strict();

/**
 * A search of every case ever held (`POST /api/search`; a body, so that no child's name or number
 * is ever in a URL). At least one term; a first name needs a last name or a date of birth.
 */
export const CaseSearchSchema = z
  .object({
    /** Given name (spelling variants and short forms are found). */
    firstName: ShortText.optional(),
    /** Family name (spelling variants, one-letter slips and a part of a double-barrelled name are found). */
    lastName: ShortText.optional(),
    /** Date of birth or expected date, YYYY-MM-DD (day and month swapped or one day out are found). */
    dateOfBirth: IsoDateSchema.optional(),
    /** NHS number: 10 digits, spaces allowed. */
    nhsNumber: z
      .string()
      .trim()
      .regex(/^\d{3} ?\d{3} ?\d{4}$/, 'must be 10 digits')
      .optional(),
    /** Unique Pupil Number: a letter, 11 digits and a letter or digit (any case). */
    upn: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]\d{11}[A-Z0-9]$/, 'must be a 13-character Unique Pupil Number')
      .optional(),
    /** The council's own id for the child. */
    localId: ShortText.optional(),
    /** Case reference, e.g. MASH-2026-00012 (any case). */
    reference: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^MASH-\d{4}-\d{5}$/, 'must be a case reference like MASH-2026-00012')
      .optional(),
    /** First line of an address (number and street) of anyone on a case: children, adults, places. */
    address: ShortText.optional(),
    /** A UK postcode (any case, space optional). */
    postcode: PostcodeSchema,
  })
  .strict()
  .refine((q) => Object.values(q).some((v) => v !== undefined), {
    message: 'give at least one of: first or last name, date of birth, NHS number, UPN, local id, case reference, address, postcode',
    path: ['lastName'],
  })
  .refine((q) => !q.firstName || Boolean(q.lastName || q.dateOfBirth || q.nhsNumber || q.upn || q.localId || q.reference), {
    message: 'a first name alone finds too many children: add the last name or the date of birth',
    path: ['firstName'],
  });
export type CaseSearch = z.output<typeof CaseSearchSchema>;

/** What a search found: every matching child, exact identifier or reference hits first, then as previous involvement ranks them. */
/** At most this many matches are answered, best first; `total` says how many there were. */
export const SEARCH_RESULTS_SHOWN = 100;

export interface CaseSearchResult {
  /** The best matches, at most SEARCH_RESULTS_SHOWN. */
  matches: InvolvementMatchView[];
  /** How many matched in all (more than shown: narrow the search, e.g. with a date of birth). */
  total: number;
}

/** The paged case list (`GET /api/cases` with any of these): closed cases and history, newest received first. */
export const CaseListQuerySchema = z
  .object({
    /** Only cases with this status. */
    status: z.enum(CASE_STATUSES, { error: `status must be one of: ${CASE_STATUSES.join(', ')}` }).optional(),
    /** Only cases whose latest decision had this outcome. */
    outcome: z.enum(DECISION_OUTCOMES, { error: `outcome must be one of: ${DECISION_OUTCOMES.join(', ')}` }).optional(),
    /** Only cases rated this. */
    rating: z.enum(RATINGS, { error: `rating must be one of: ${RATINGS.join(', ')}` }).optional(),
    /** Only cases this agency opened or contributed to. */
    agency: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be an agency id')
      .optional(),
    /** Received on or after this day (YYYY-MM-DD). */
    receivedFrom: IsoDateSchema.optional(),
    /** Received on or before this day (YYYY-MM-DD). */
    receivedTo: IsoDateSchema.optional(),
    /** Rows per page (default 50, at most 200). */
    limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(200).default(50),
    /** The `next` of the previous page. */
    cursor: z
      .string()
      .regex(/^-?\d+_[A-Za-z0-9-]{1,64}$/, 'must be the next value of an earlier page')
      .optional(),
  })
  .strict()
  .refine((q) => !q.receivedFrom || !q.receivedTo || q.receivedFrom <= q.receivedTo, { message: 'receivedTo must not be before receivedFrom', path: ['receivedTo'] });
export type CaseListQuery = z.output<typeof CaseListQuerySchema>;

/** A page of the case list; `next` is the cursor for the page after, null at the end. */
export interface CaseListPage {
  cases: CaseSummary[];
  next: string | null;
}

/* ---- Answer schemas: what the server sends, for the API document (`GET /api/openapi.json`). Each is checked against its type. ---- */

export const CommandResultSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  version: z.number(),
  lastEventId: z.string(),
  entryId: z.string().optional(),
  duplicate: z.boolean(),
}) satisfies z.ZodType<CommandResult>;
export const MeetingResultSchema = z.object({ meetingId: z.string(), version: z.number(), lastEventId: z.string(), duplicate: z.boolean() }) satisfies z.ZodType<MeetingResult>;

export const SessionUserSchema = ActorSchema.extend({ username: z.string(), agencyName: z.string(), roleLabel: z.string() }) satisfies z.ZodType<SessionUser>;
/** `POST /api/session` and `GET /api/session`. */
export const SessionSchema = z.object({ user: SessionUserSchema, csrfToken: z.string() });
export const UserListingSchema = z.object({ userId: z.string(), name: z.string(), agency: z.string(), role: RoleSchema }) satisfies z.ZodType<UserListing>;
export const ViewerSchema = UserListingSchema satisfies z.ZodType<Viewer>;
export const AdminUserListingSchema = UserListingSchema.extend({ username: z.string(), disabled: z.boolean(), signIn: z.enum(['password', 'sso']) }) satisfies z.ZodType<AdminUserListing>;

export const CaseSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  children: z.array(ChildSchema),
  referral: OpenCaseSchema.shape.referral,
  reasonForConcern: z.string(),
  receivedAt: TimestampSchema,
  openedAt: TimestampSchema,
  openedBy: ActorSchema,
  status: z.enum(CASE_STATUSES),
  lead: PersonRefSchema.nullable(),
  voiceAbsence: z.record(z.string(), z.object({ reason: z.string(), explanation: z.string(), recordedBy: ActorSchema, recordedAt: TimestampSchema })),
  childrenHeard: z.array(z.string()),
  contributionCount: z.number(),
  agenciesContributed: z.array(z.string()),
  restrictedTo: z.array(z.string()),
  people: z.array(PersonSchema),
  addresses: z.array(AddressSchema),
  rating: RatingStateSchema.nullable(),
  deadlines: z.array(DeadlineSchema),
  sharingDecisions: z.array(SharingDecisionSchema),
  decisions: z.array(CaseDecisionSchema),
  referrerFeedback: z.array(ReferrerFeedbackSchema).optional(),
  reReferral: ReReferralSchema.optional(),
  closedAt: TimestampSchema.optional(),
  retention: RetentionStateSchema.optional(),
  legalHold: LegalHoldSchema.nullable().optional(),
  version: z.number(),
  lastEventId: z.string(),
  updatedAt: TimestampSchema,
}) satisfies z.ZodType<CaseSummary>;

export const CaseViewSchema = z.object({ summary: CaseSummarySchema, entries: z.array(BoardEntrySchema) }) satisfies z.ZodType<CaseView>;

const caseEventMeta = { id: z.string(), seq: z.number(), caseId: z.string(), at: TimestampSchema, actor: ActorSchema, commandId: z.string() };
function caseEvent<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({ ...caseEventMeta, type: z.literal(type), data });
}
const withheldContent = { content: ContributionContentSchema.nullable(), restrictedTo: z.array(z.string()), withheld: z.literal(true).optional() };
/** An event as a reader is sent it (`case.event`, `GET /api/cases/:caseId/events`). */
export const CaseEventSchema = z.discriminatedUnion('type', [
  caseEvent(
    'case.opened',
    z.object({
      reference: z.string(),
      children: z.array(ChildSchema),
      referral: OpenCaseSchema.shape.referral,
      reasonForConcern: z.string(),
      receivedAt: TimestampSchema,
      restrictedTo: z.array(z.string()).optional(),
      clocks: z.object({ decision: DueTimesSchema, rating: DueTimesSchema }).optional(),
      reReferral: ReReferralSchema.optional(),
      people: z.array(PersonInputSchema).optional(),
      addresses: z.array(EventAddressSchema).optional(),
    }),
  ),
  caseEvent('people.added', z.object({ people: z.array(PersonInputSchema), addresses: z.array(EventAddressSchema) })),
  caseEvent('case.lead-assigned', z.object({ lead: PersonRefSchema })),
  caseEvent('case.status-changed', z.object({ from: z.enum(CASE_STATUSES), to: z.enum(CASE_STATUSES), reason: z.string() })),
  caseEvent('contribution.added', z.object({ entryId: z.string(), ...withheldContent })),
  caseEvent('contribution.corrected', z.object({ entryId: z.string(), version: z.number(), reason: z.string().optional(), ...withheldContent })),
  caseEvent('voice.recorded', z.object({ entryId: z.string(), content: VoiceContentSchema })),
  caseEvent('voice.corrected', z.object({ entryId: z.string(), version: z.number(), content: VoiceContentSchema, reason: z.string() })),
  caseEvent('voice.absence-recorded', z.object({ childId: z.string(), reason: z.string(), explanation: z.string() })),
  caseEvent('rating.set', z.object({ from: RatingSchema.nullable(), to: RatingSchema, reason: z.string(), triage: DueTimesSchema.nullable() })),
  caseEvent('information.requested', z.object({ requestId: z.string(), agency: z.string(), question: z.string(), times: DueTimesSchema })),
  caseEvent('information.answered', z.object({ requestId: z.string(), note: z.string().optional(), answer: RequestAnswerSchema.optional() })),
  caseEvent('strategy-discussion.decided', z.object({ reason: z.string(), times: DueTimesSchema })),
  caseEvent('strategy-discussion.held', z.object({ note: z.string().optional() })),
  caseEvent('action.added', z.object({ actionId: z.string(), title: z.string(), owner: PersonRefSchema, times: DueTimesSchema, meetingId: z.string().optional() })),
  caseEvent('decision.recorded', z.object({ decision: CaseDecisionSchema.omit({ recordedBy: true, recordedAt: true }), feedback: DueTimesSchema.optional() })),
  caseEvent('decision.signed-off', z.object({ decisionId: z.string() })),
  caseEvent('referrer-feedback.recorded', z.object({ feedback: ReferrerFeedbackSchema.omit({ recordedBy: true, recordedAt: true }) })),
  caseEvent('action.completed', z.object({ actionId: z.string(), note: z.string().optional() })),
  caseEvent('deadline.changed', z.object({ deadlineId: z.string(), times: DueTimesSchema, reason: z.string() })),
  caseEvent(
    'sharing.decided',
    z.object({
      decisionId: z.string(),
      content: SharingDecisionContentSchema,
      advice: z.enum(Object.keys(SHARING_ADVICE) as [SharingAdviceVersion, ...SharingAdviceVersion[]]).optional(),
    }),
  ),
  caseEvent('sharing.exported', z.object({ decisionId: z.string(), exportId: z.string(), format: z.enum(['html', 'pdf']) })),
  caseEvent('retention.review-scheduled', z.object({ reviewDueAt: TimestampSchema, scheduleVersion: z.number(), outcome: z.enum(DECISION_OUTCOMES).nullable() })),
  caseEvent('retention.kept', z.object({ reason: z.string(), nextReviewOn: z.string(), reviewDueAt: TimestampSchema })),
  caseEvent('retention.legal-hold-set', z.object({ onHold: z.boolean(), reason: z.string() })),
]) satisfies z.ZodType<CaseEvent>;

/** A chronology line as the server sends it (`ChronologyLine`, chronology.ts). */
export const ChronologyLineSchema = z.object({
  id: z.string(),
  happened: HappenedSchema.nullable(),
  sortKey: z.string(),
  group: z.enum(['dated', 'date-not-known']),
  recordedAt: TimestampSchema,
  agency: z.string(),
  authorName: z.string().nullable(),
  kind: z.enum(CHRONOLOGY_KINDS),
  timeframe: z.enum(TIMEFRAMES).optional(),
  text: z.string().nullable(),
  basis: z.string().optional(),
  relevance: z.string().optional(),
  childIds: z.array(z.string()),
  agencyRecordedOn: z.string().optional(),
  lateRecorded: z.boolean(),
  withheld: z.boolean(),
  significant: z.boolean(),
}) satisfies z.ZodType<ChronologyLine>;

export const CatchUpResultSchema = z.object({ events: z.array(CaseEventSchema), more: z.boolean() }) satisfies z.ZodType<CatchUpResult>;
export const JoinResultSchema = CatchUpResultSchema.extend({ view: CaseViewSchema.optional(), summary: CaseSummarySchema.optional(), viewers: z.array(ViewerSchema) }) satisfies z.ZodType<JoinResult>;
export const CaseListPageSchema = z.object({ cases: z.array(CaseSummarySchema), next: z.string().nullable() }) satisfies z.ZodType<CaseListPage>;

const WorkItemSchema = z.object({ caseId: z.string(), deadline: DeadlineSchema });
/** `GET /api/my-work` (`MyWork`, work.ts). */
export const MyWorkSchema = z.object({
  cases: z.array(CaseSummarySchema),
  leading: z.array(z.string()),
  actions: z.array(WorkItemSchema),
  requests: z.array(WorkItemSchema),
}) satisfies z.ZodType<MyWork>;

const strength = z.enum(['strong', 'possible']);
export const InvolvementMatchViewSchema = z.union([
  z.object({
    restricted: z.literal(false),
    caseId: z.string(),
    reference: z.string(),
    receivedAt: TimestampSchema,
    status: z.string(),
    child: z.object({ firstName: z.string(), lastName: z.string(), dateOfBirth: z.string().optional(), expectedDateOfBirth: z.string().optional() }),
    matchedOn: z.discriminatedUnion('kind', [z.object({ kind: z.literal('person'), relationship: z.string() }), z.object({ kind: z.literal('address'), address: z.string() })]).optional(),
    strength,
    score: z.number(),
    reasons: z.array(z.string()),
  }),
  z.object({ restricted: z.literal(true), agencies: z.array(z.string()), strength, score: z.number() }),
]) satisfies z.ZodType<InvolvementMatchView>;
const matches = z.array(InvolvementMatchViewSchema);
export const PreviousInvolvementResultSchema = z.object({
  children: z.array(z.object({ index: z.number(), name: z.string(), matches })),
  people: z.array(z.object({ personId: z.string(), name: z.string(), matches })),
  addresses: z.array(z.object({ addressId: z.string(), address: z.string(), matches })),
}) satisfies z.ZodType<PreviousInvolvementResult>;
export const CaseSearchResultSchema = z.object({ matches, total: z.number() }) satisfies z.ZodType<CaseSearchResult>;

/* The health checks (`GET /api/health`, `/live`, `/ready`: `Readiness` in server/src/app.ts) and the demo accounts. */
export const HealthSchema = z.object({ ok: z.boolean() });
export const LivenessSchema = z.object({ live: z.literal(true) });
export const ReadinessSchema = z.object({ ready: z.boolean(), checks: z.object({ redis: z.boolean(), durable: z.boolean(), accepting: z.boolean() }) });
export const DemoAccountsSchema = z.object({
  accounts: z.array(z.object({ username: z.string(), name: z.string(), agency: z.string(), role: RoleSchema })),
  password: z.string(),
});
