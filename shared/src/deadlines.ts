/**
 * Timeliness on a case: its RAG rating and the deadlines that follow from it (the triage
 * decision, information requests to agencies, a strategy discussion, actions), and alerts.
 */
import { z } from 'zod';
import type { Actor, PersonRef } from './agencies.ts';
import { ActorSchema, CommandIdSchema, IdSchema, InstantSchema, MediumText, OptionalMediumText, PersonRefSchema, ShortText, AgencyIdSchema, TimestampSchema } from './primitives.ts';
import { RATINGS, RatingSchema, type Rating } from './timeliness.ts';

export const DEADLINE_KINDS = ['triage', 'initial-rating', 'information-request', 'strategy-discussion', 'action', 'referrer-feedback'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** One clock on a case. Times are computed when it is set, from the policy then in force. */
export interface Deadline {
  /** `triage` (the decision), `rating` (the first rating), `strategy`, `feedback` (to the referrer), `request:<id>` or `action:<id>`. */
  id: string;
  kind: DeadlineKind;
  /** What it is, in words: "Triage decision (Red)", "Information from Health". */
  label: string;
  startedAt: string;
  /** When to warn that the breach is near (null: no warning). */
  warnAt: string | null;
  dueAt: string;
  /** The case version that last set its times: alert jobs of an older generation are stale. */
  generation: number;
  state: 'open' | 'done' | 'cancelled';
  /** When it was done (decision made, request answered, action completed). */
  doneAt?: string;
  /** The agency awaited (information requests). */
  agency?: string;
  /** Who must act (actions). */
  owner?: PersonRef;
  /** For the triage deadline: the rating it follows from (absent: from receipt, not yet rated). */
  rating?: Rating;
  /** The question asked, or the reason a strategy discussion is needed. */
  detail?: string;
  /** Who asked (information requests). */
  requestedBy?: Actor;
  /** A note recorded when it was done. */
  outcome?: string;
  /** How an information request was answered: the contributions that answer it, or nothing held and why. */
  answer?: RequestAnswer;
  /** The meeting an action was agreed in. */
  meetingId?: string;
}

export interface RatingState {
  value: Rating;
  reason: string;
  setAt: string;
  setBy: Actor;
}

/** When a deadline was computed to fall due, and when to warn. */
export interface DueTimes {
  dueAt: string;
  warnAt: string | null;
}

const DueAtSchema = InstantSchema.refine((v) => Date.parse(v) > Date.now(), 'must be in the future');

export const SetRatingSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** The case version the decision was made on: refused if the case changed since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    rating: z.enum(RATINGS, { error: `rating must be one of: ${RATINGS.join(', ')}` }),
    /** Why this rating: required for every rating and every change. */
    reason: MediumText,
  })
  .strict();

export const RequestInformationSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** The agency asked to search its records. */
    agency: AgencyIdSchema,
    /** What is asked for. */
    question: MediumText,
    /** When the answer is due; default from the case's rating and the policy. */
    dueAt: DueAtSchema.optional(),
  })
  .strict();

/**
 * How an information request is answered: with the contributions that hold the information (added
 * to the board first), or "nothing held" with why. Never a bare "answered".
 */
export const RequestAnswerSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('contributions'),
        /** The contributions on this case, recorded by the agency asked, that answer the request. */
        contributionIds: z.array(IdSchema).min(1, 'choose at least one contribution that answers the request').max(50, 'at most 50 contributions'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('nothing-held'),
        /** Why nothing is held, e.g. which records were searched and found nothing. */
        reason: MediumText,
      })
      .strict(),
  ],
  { error: 'must be one of: contributions (name the contributions that answer it), nothing-held (say why)' },
);
export type RequestAnswer = z.infer<typeof RequestAnswerSchema>;

export const AnswerInformationRequestSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    requestId: IdSchema,
    /** The answer: contributions that answer it, or nothing held with a reason. */
    answer: RequestAnswerSchema,
    /** A note on the answer, e.g. how it was searched (the information itself goes in contributions). */
    note: OptionalMediumText,
  })
  .strict();

export const DecideStrategyDiscussionSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** Why a strategy discussion is needed. */
    reason: MediumText,
    /** When it must be held by; default 1 working day from now (policy). */
    dueAt: DueAtSchema.optional(),
  })
  .strict();

export const RecordStrategyDiscussionHeldSchema = z.object({ commandId: CommandIdSchema, caseId: IdSchema, note: OptionalMediumText }).strict();

export const AddActionSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** What must be done. */
    title: ShortText,
    /** Who must do it. */
    ownerUserId: IdSchema,
    /** By when. */
    dueAt: DueAtSchema,
    /** The meeting it was agreed in, if any (the minutes list it). */
    meetingId: IdSchema.optional(),
  })
  .strict();

export const CompleteActionSchema = z.object({ commandId: CommandIdSchema, caseId: IdSchema, actionId: IdSchema, note: OptionalMediumText }).strict();

export const ChangeDeadlineSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** `strategy`, `request:<id>` or `action:<id>` (the triage deadline follows the rating). */
    deadlineId: z.string().regex(/^(strategy|request:[A-Za-z0-9_-]{1,64}|action:[A-Za-z0-9_-]{1,64})$/, 'must be strategy, request:<id> or action:<id>'),
    dueAt: DueAtSchema,
    reason: MediumText,
  })
  .strict();

/** `request`: an agency has just been asked for information (sent at once to its members). */
export const ALERT_KINDS = ['request', 'warning', 'breach', 'escalation', 'retention-review', 'account-locked', 'calendar-ending'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Alerts raised as a deadline nears or passes. */
export type DeadlineAlertKind = Extract<AlertKind, 'warning' | 'breach' | 'escalation'>;
/**
 * Alerts about the service rather than a case (an account locked by failed sign-ins, the working
 * calendar's bank holidays about to run out), addressed to
 * administrators: they carry no case (`caseId` and `caseReference` are empty).
 */
export const SERVICE_ALERT_KINDS: readonly AlertKind[] = ['account-locked', 'calendar-ending'];
export function isServiceAlert(alert: Pick<Alert, 'kind'>): boolean {
  return SERVICE_ALERT_KINDS.includes(alert.kind);
}

export interface Alert {
  /** Deterministic: case, deadline, phase and generation, so a job run twice raises it once. */
  id: string;
  kind: AlertKind;
  /** Empty for a service alert (`isServiceAlert`). */
  caseId: string;
  caseReference: string;
  deadlineId: string;
  /** "Red triage decision due in 1 h", in words. */
  title: string;
  dueAt: string;
  raisedAt: string;
  recipients: string[];
  acknowledged: { by: Actor; at: string } | null;
}

/* Answer schemas (the API document): deadlines, ratings and alerts as the server sends them. */
export const DueTimesSchema = z.object({ dueAt: TimestampSchema, warnAt: TimestampSchema.nullable() }) satisfies z.ZodType<DueTimes>;
export const RatingStateSchema = z.object({ value: RatingSchema, reason: z.string(), setAt: TimestampSchema, setBy: ActorSchema }) satisfies z.ZodType<RatingState>;
export const DeadlineSchema = z.object({
  id: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  label: z.string(),
  startedAt: TimestampSchema,
  warnAt: TimestampSchema.nullable(),
  dueAt: TimestampSchema,
  generation: z.number(),
  state: z.enum(['open', 'done', 'cancelled']),
  doneAt: TimestampSchema.optional(),
  agency: z.string().optional(),
  owner: PersonRefSchema.optional(),
  rating: RatingSchema.optional(),
  detail: z.string().optional(),
  requestedBy: ActorSchema.optional(),
  outcome: z.string().optional(),
  answer: RequestAnswerSchema.optional(),
  meetingId: z.string().optional(),
}) satisfies z.ZodType<Deadline>;
export const AlertSchema = z.object({
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  caseId: z.string(),
  caseReference: z.string(),
  deadlineId: z.string(),
  title: z.string(),
  dueAt: TimestampSchema,
  raisedAt: TimestampSchema,
  recipients: z.array(z.string()),
  acknowledged: z.object({ by: ActorSchema, at: TimestampSchema }).nullable(),
}) satisfies z.ZodType<Alert>;

export const AcknowledgeAlertSchema = z.object({ alertId: z.string().regex(/^[A-Za-z0-9_.|:-]{1,200}$/, 'is not a valid alert id') }).strict();

/** The next open deadline (soonest due), or null. */
export function nextDeadline(deadlines: Deadline[]): Deadline | null {
  let next: Deadline | null = null;
  for (const d of deadlines) if (d.state === 'open' && (!next || d.dueAt < next.dueAt)) next = d;
  return next;
}

/** Agencies whose information is awaited on open requests. */
export function awaitedAgencies(deadlines: Deadline[]): string[] {
  return [...new Set(deadlines.filter((d) => d.kind === 'information-request' && d.state === 'open' && d.agency).map((d) => d.agency!))];
}

/** Deadlines met and breached, and time taken, for one rating or one agency. */
export interface TimelinessFigures {
  met: number;
  breached: number;
  /** Not done and not yet due. */
  pending: number;
  /** Hours from start to done, over the deadlines done. */
  medianHours: number | null;
  p90Hours: number | null;
}

/** GET /api/reports/timeliness: triage decisions per rating, answers to information requests per agency. */
export interface TimelinessReport {
  from: string;
  to: string;
  generatedAt: string;
  byRating: Record<string, TimelinessFigures>;
  byAgency: Record<string, TimelinessFigures>;
}

const TimelinessFiguresSchema = z.object({
  met: z.number(),
  breached: z.number(),
  pending: z.number(),
  medianHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
}) satisfies z.ZodType<TimelinessFigures>;
export const TimelinessReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  generatedAt: TimestampSchema,
  byRating: z.record(z.string(), TimelinessFiguresSchema),
  byAgency: z.record(z.string(), TimelinessFiguresSchema),
}) satisfies z.ZodType<TimelinessReport>;

/** A deadline job as the admin's failed-jobs list shows it (`FailedJob`, server/src/deadlines/scheduler.ts). */
const DeadlineJobSchema = z.union([
  z.object({ kind: z.enum(['warning', 'breach']), caseId: z.string(), deadlineId: z.string(), generation: z.number() }),
  z.object({ kind: z.literal('escalation'), caseId: z.string(), deadlineId: z.string(), alertId: z.string() }),
  z.object({ kind: z.literal('request'), caseId: z.string(), deadlineId: z.string() }),
  z.object({ kind: z.literal('retention-review'), caseId: z.string(), generation: z.number() }),
]);
export const FailedJobSchema = z.object({
  id: z.string().optional(),
  name: z.string(),
  data: DeadlineJobSchema,
  failedReason: z.string(),
  attemptsMade: z.number(),
  finishedOn: z.number().optional(),
});
