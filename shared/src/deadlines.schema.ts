/** The zod schemas of deadlines.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { ActorSchema, PersonRefSchema, TimestampSchema, CommandIdSchema, IdSchema, InstantSchema, MediumText, OptionalMediumText, ShortText, AgencyIdSchema } from './primitives.schema.ts';
import { RatingSchema } from './timeliness.schema.ts';
import { ALERT_KINDS, DEADLINE_KINDS, type Alert, type Deadline, type DueTimes, type RatingState, type TimelinessFigures, type TimelinessReport } from './deadlines.ts';
import { RATINGS } from './timeliness.ts';

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

export const AcknowledgeAlertSchema = z.object({ alertId: z.string().regex(/^[A-Za-z0-9_.|:-]{1,200}$/, 'is not a valid alert id') }).strict();

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
