/** The zod schemas of timeliness.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { WorkingCalendarSchema } from './calendar.schema.ts';
import { RATINGS, DEADLINE_BASES, type Rating } from './timeliness.ts';

export const RatingSchema = z.enum(RATINGS, { error: 'rating must be one of red, amber, green or blue' });

/** A duration in hours: more than 0, or null for no target (where `allowNone`). */
function hoursSchema(field: string, allowNone: boolean) {
  const required = allowNone ? `${field} is required: a number of hours more than 0, or null for no target` : `${field} is required: a number of hours more than 0`;
  const hours = z
    .number({
      error: (iss) =>
        iss.input === undefined ? required : iss.input === null ? `${field} cannot be null: Red is never without a target, give a number of hours more than 0` : `${field} must be a number of hours`,
    })
    .positive(`${field} must be more than 0 hours`)
    .max(24 * 366, `${field} must be at most a year (8,784 hours)`);
  return allowNone ? hours.nullable() : hours;
}

function ruleSchema(rating: Rating) {
  const field = `ratings.${rating}`;
  return z.object(
    {
      decisionWithinHours: hoursSchema(`${field}.decisionWithinHours`, rating !== 'red'),
      basis: z.enum(DEADLINE_BASES, { error: `${field}.basis must be "clock" (round the clock) or "working" (office hours only)` }),
      warnAtFraction: z
        .number({ error: `${field}.warnAtFraction is required: the share of the time after which to warn, e.g. 0.75` })
        .gt(0, `${field}.warnAtFraction must be more than 0 and less than 1, e.g. 0.75`)
        .lt(1, `${field}.warnAtFraction must be more than 0 and less than 1, e.g. 0.75`),
    },
    { error: `${field} is required: decisionWithinHours, basis and warnAtFraction` },
  );
}
/** How quickly a referral of one rating must be decided, and when to warn that time is running out. */
export type RatingRule = z.output<ReturnType<typeof ruleSchema>>;

/**
 * The local timeliness policy, versioned so a deadline can say which policy set it. Red must have a
 * decision target; any other rating may have none (null). Information-request deadlines run on the
 * same basis (clock or working) and warn at the same fraction as the rating's decision.
 */
export const TimelinessPolicySchema = z.object(
  {
    version: z.int({ error: 'version is required: a whole number, 1 or more' }).min(1, 'version must be 1 or more'),
    calendar: WorkingCalendarSchema,
    ratings: z.object(
      { red: ruleSchema('red'), amber: ruleSchema('amber'), green: ruleSchema('green'), blue: ruleSchema('blue') },
      { error: 'ratings is required: a rule for each of red, amber, green and blue' },
    ),
    informationRequestWithinHours: z.object(
      {
        red: hoursSchema('informationRequestWithinHours.red', true),
        amber: hoursSchema('informationRequestWithinHours.amber', true),
        green: hoursSchema('informationRequestWithinHours.green', true),
        blue: hoursSchema('informationRequestWithinHours.blue', true),
      },
      { error: 'informationRequestWithinHours is required: hours (or null) for each of red, amber, green and blue' },
    ),
    strategyDiscussionWithinWorkingDays: z
      .number({ error: 'strategyDiscussionWithinWorkingDays must be a number of working days' })
      .positive('strategyDiscussionWithinWorkingDays must be more than 0 working days')
      .max(366, 'strategyDiscussionWithinWorkingDays must be at most 366 working days')
      .default(1),
    /** Every contact's decision is due this many working days from receipt until a rating tightens it (Working Together: 1). */
    decisionFromReceiptWithinWorkingDays: z
      .number({ error: 'decisionFromReceiptWithinWorkingDays must be a number of working days' })
      .positive('decisionFromReceiptWithinWorkingDays must be more than 0 working days')
      .max(30, 'decisionFromReceiptWithinWorkingDays must be at most 30 working days')
      .default(1),
    /** A contact must be given its first rating this many hours from receipt. */
    initialRatingWithinHours: (hoursSchema('initialRatingWithinHours', false) as z.ZodNumber).default(1),
    /** Whether the first-rating clock counts round the clock or office hours only. */
    initialRatingBasis: z.enum(DEADLINE_BASES, { error: 'initialRatingBasis must be "clock" (round the clock) or "working" (office hours only)' }).default('working'),
    /** The referrer must be told the outcome within this many working days of the decision. */
    referrerFeedbackWithinWorkingDays: z
      .number({ error: 'referrerFeedbackWithinWorkingDays must be a number of working days' })
      .positive('referrerFeedbackWithinWorkingDays must be more than 0 working days')
      .max(30, 'referrerFeedbackWithinWorkingDays must be at most 30 working days')
      .default(1),
    escalateUnacknowledgedBreachAfterMinutes: z
      .number({ error: 'escalateUnacknowledgedBreachAfterMinutes must be a number of minutes' })
      .positive('escalateUnacknowledgedBreachAfterMinutes must be more than 0 minutes')
      .max(7 * 24 * 60, 'escalateUnacknowledgedBreachAfterMinutes must be at most a week (10,080 minutes)')
      .default(30),
  },
  { error: 'the timeliness policy is required' },
);
