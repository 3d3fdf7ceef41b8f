/** The zod schemas of decision.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { ActorSchema, PersonRefSchema, TimestampSchema, AgencyIdSchema, CommandIdSchema, IdSchema, InstantSchema, MediumText, OptionalMediumText, ShortText } from './primitives.schema.ts';
import { type CaseDecision, type ReferrerFeedback, type ReReferral, DECISION_OUTCOMES, FEEDBACK_METHODS } from './decision.ts';
import { agencyName } from './agencies.ts';

/**
 * The MASH decision on a contact, recorded on the board by a duty lead or MASH manager or in a
 * meeting: what happens next, at which threshold, why, on whose information, and who does what next.
 */
export const RecordDecisionSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** The meeting it was made in, if any. */
    meetingId: IdSchema.optional(),
    outcome: z.enum(DECISION_OUTCOMES, { error: `outcome must be one of: ${DECISION_OUTCOMES.join(', ')}` }),
    /** Why: the rationale, in words. */
    rationale: MediumText,
    /** The threshold or level of need judged met, in the local authority's terms: one of the levels an admin keeps (decision settings). */
    threshold: MediumText,
    /** Who agreed (names with agency); required for a meeting's decision. */
    agreedBy: z.array(ShortText).max(50).default([]),
    /** Professional differences: who disagreed and their view. */
    dissent: z
      .array(z.object({ name: ShortText, agency: AgencyIdSchema, view: MediumText }).strict())
      .max(20)
      .default([]),
    /** The agencies whose information the decision rests on. */
    informationFrom: z.array(AgencyIdSchema).max(20).default([]),
    /** The agencies whose information was still awaited when it was made. */
    informationAwaited: z.array(AgencyIdSchema).max(20).default([]),
    /** The next step: what, who owns it, by when (it becomes an action with a deadline). */
    nextStep: z
      .object({
        /** What must be done next. */
        title: ShortText,
        /** Who owns it. */
        ownerUserId: IdSchema,
        /** By when (in the future). */
        dueAt: InstantSchema.refine((v) => Date.parse(v) > Date.now(), 'must be in the future'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.meetingId && d.agreedBy.length === 0) ctx.addIssue({ code: 'custom', path: ['agreedBy'], message: 'name at least one person who agreed' });
    const both = d.informationFrom.filter((a) => d.informationAwaited.includes(a));
    if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['informationAwaited'], message: `${both.map(agencyName).join(', ')} cannot be both relied on and still awaited` });
  });

/**
 * The local authority's own terms for the threshold or level of need, which a decision names; an
 * admin edits the list (versioned like the timeliness policy). `signOffRequired` is whether a
 * MASH manager must sign each decision off.
 */
export const DecisionSettingsSchema = z
  .object(
    {
      /** Set by the server: each replacement is the next version, and every version is kept. */
      version: z.int({ error: 'version is required: a whole number, 1 or more' }).min(1, 'version must be 1 or more'),
      /** The levels of need a decision may name, in the order the form offers them. */
      thresholds: z
        .array(ShortText, { error: 'thresholds is required: the list of levels of need a decision may name' })
        .min(1, 'thresholds must name at least one level of need')
        .max(30, 'thresholds may name at most 30 levels of need')
        .refine((list) => new Set(list.map((t) => t.toLowerCase())).size === list.length, 'thresholds must not name the same level twice'),
      /** Whether a MASH manager must sign off every decision before the case is closed. */
      signOffRequired: z.boolean({ error: 'signOffRequired must be true or false' }).default(false),
    },
    { error: 'the decision settings are required' },
  )
  .strict();

/** Feedback to the referrer on the outcome: how and when it was given (by whom is the session's; to whom, the referrer on the contact). */
export const RecordReferrerFeedbackSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    method: z.enum(FEEDBACK_METHODS, { error: `method must be one of: ${FEEDBACK_METHODS.join(', ')}` }),
    /** When the referrer was told: not in the future. */
    givenAt: InstantSchema.refine((t) => Date.parse(t) <= Date.now() + 5 * 60_000, 'must not be in the future (when the referrer was told)'),
    /** What was said, briefly (never more than the referrer may know, and never the name of a protected referrer: everyone on the case reads it). */
    note: OptionalMediumText,
  })
  .strict();

/** A MASH manager signs a decision off (where the decision settings require it). */
export const SignOffDecisionSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** The decision signed off: the latest on the case. */
    decisionId: IdSchema,
  })
  .strict();

/** A decision as the server sends it (the API document). */
export const CaseDecisionSchema = z.object({
  id: z.string(),
  meetingId: z.string().optional(),
  outcome: z.enum(DECISION_OUTCOMES),
  rationale: z.string(),
  threshold: z.string(),
  agreedBy: z.array(z.string()),
  dissent: z.array(z.object({ name: z.string(), agency: z.string(), view: z.string() })),
  informationFrom: z.array(z.string()).optional(),
  informationAwaited: z.array(z.string()).optional(),
  nextStep: z.object({ title: z.string(), owner: PersonRefSchema, dueAt: TimestampSchema, actionId: z.string() }).optional(),
  signedOff: z.object({ by: ActorSchema, at: TimestampSchema }).optional(),
  recordedBy: ActorSchema,
  recordedAt: TimestampSchema,
}) satisfies z.ZodType<CaseDecision>;

export const ReferrerFeedbackSchema = z.object({
  method: z.enum(FEEDBACK_METHODS),
  givenAt: TimestampSchema,
  note: z.string().optional(),
  recordedBy: PersonRefSchema,
  recordedAt: TimestampSchema,
}) satisfies z.ZodType<ReferrerFeedback>;

export const ReReferralSchema = z.object({ earlierCases: z.number(), withinMonths: z.number() }) satisfies z.ZodType<ReReferral>;
