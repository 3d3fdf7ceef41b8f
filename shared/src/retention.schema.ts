/** The zod schemas of retention.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { ActorSchema, TimestampSchema, CommandIdSchema, IdSchema, IsoDateSchema, MediumText, ShortText } from './primitives.schema.ts';
import { type CaseTombstone, type LegalHold, type RetentionState, RETENTION_UNITS, MAX_RETENTION_DAYS } from './retention.ts';
import { DECISION_OUTCOMES, type DecisionOutcome } from './decision.ts';

/** Outcomes added after schedules were first stored: a stored schedule without them reads with these periods. */
const ADDED_OUTCOME_PERIODS: Partial<Record<DecisionOutcome, number>> = { 'advice-and-information': 2 * 365, 'transfer-to-another-area': 2 * 365 };

function periodSchema(field: string) {
  return z
    .int({ error: (iss) => (iss.input === undefined ? `${field} is required: a whole number of days, 1 or more` : `${field} must be a whole number of days, 1 or more`) })
    .min(1, `${field} must be 1 or more (a positive whole number)`)
    .max(MAX_RETENTION_DAYS, `${field} must be at most ${MAX_RETENTION_DAYS.toLocaleString('en-GB')} (100 years in days)`);
}

const periodsShape = Object.fromEntries(
  DECISION_OUTCOMES.map((o) => {
    const period = periodSchema(`periods.${o}`);
    const added = ADDED_OUTCOME_PERIODS[o];
    return [o, added === undefined ? period : period.default(added)];
  }),
) as Record<DecisionOutcome, ReturnType<typeof periodSchema>>;

export const RetentionScheduleSchema = z
  .object(
    {
      /** Set by the server: each replacement is the next version, and every version is kept. */
      version: z.int({ error: 'version is required: a whole number, 1 or more' }).min(1, 'version must be 1 or more'),
      /** What the numbers count: `days`; `seconds` exists for tests only. */
      unit: z.enum(RETENTION_UNITS, { error: 'unit must be "days" (or "seconds", for tests only)' }).default('days'),
      /** How long after closure a case is reviewed, by the outcome of its latest decision. */
      periods: z
        .object(periodsShape, {
          error: (iss) =>
            iss.code === 'unrecognized_keys'
              ? `unknown outcome ${iss.keys.map((k) => `"${k}"`).join(', ')}: the outcomes are ${DECISION_OUTCOMES.join(', ')}`
              : `periods is required: a number for each of ${DECISION_OUTCOMES.join(', ')}`,
        })
        .strict(),
      /** How long after closure a case closed with no recorded decision is reviewed. */
      closedWithoutDecision: periodSchema('closedWithoutDecision'),
    },
    { error: 'the retention schedule is required' },
  )
  .strict();

/** Keep a closed case at its review: why, and when to look again. */
export const KeepCaseSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** Why the case is still needed (e.g. "sibling case open; records relevant"). */
    reason: MediumText,
    /** The day of the next review (YYYY-MM-DD, after today): the review falls due at the start of that day (UTC). */
    nextReviewOn: IsoDateSchema,
  })
  .strict();

/** Set or lift a legal hold (litigation, an inquiry, a subject access request in progress). */
export const SetLegalHoldSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** True to hold (erasure refused), false to lift the hold. */
    onHold: z.boolean({ error: 'onHold is required: true to hold, false to lift the hold' }),
    /** Why. */
    reason: MediumText,
  })
  .strict();

/** Erase a closed case: irreversible; its content goes everywhere it lives, a tombstone stays. */
export const EraseCaseSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** Why it is erased (the tombstone keeps this: do not name the child). */
    reason: MediumText,
    /** The case reference typed again by the manager, to confirm which case is erased. */
    confirmReference: ShortText,
  })
  .strict();

/* Answer schemas (the API document). */
export const RetentionStateSchema = z.object({
  reviewDueAt: TimestampSchema,
  generation: z.number(),
  scheduleVersion: z.number().optional(),
  reviews: z.array(z.object({ reason: z.string(), nextReviewOn: z.string(), by: ActorSchema, at: TimestampSchema })),
}) satisfies z.ZodType<RetentionState>;
export const LegalHoldSchema = z.object({ reason: z.string(), by: ActorSchema, at: TimestampSchema }) satisfies z.ZodType<LegalHold>;

export const CaseTombstoneSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  receivedAt: TimestampSchema,
  closedAt: TimestampSchema,
  erasedAt: TimestampSchema,
  outcome: z.enum(DECISION_OUTCOMES).nullable(),
  restrictedTo: z.array(z.string()),
  erasedBy: z.object({ userId: z.string(), name: z.string(), agency: z.string(), role: z.string() }),
  reason: z.string(),
  commandId: z.string(),
}) satisfies z.ZodType<CaseTombstone>;
