/**
 * Timeliness: the RAG rating given to a referral on receipt, the local policy that turns a rating
 * into deadlines (decision, information requests, strategy discussion), and the words the board
 * uses to say how long is left. Timescales are set locally, so the policy is data an admin edits;
 * DEFAULT_POLICY holds common practice. The clock starts at receipt.
 */
import type { z } from 'zod';
import { addWorkingTime, DEFAULT_CALENDAR, workingDayMs, type WorkingCalendar } from './calendar.ts';
import type { TimelinessPolicySchema } from './timeliness.schema.ts';

export * from './calendar.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;

/** The MASH RAG rating, most urgent first; Blue has no decision target. */
export const RATINGS = ['red', 'amber', 'green', 'blue'] as const;
export type Rating = (typeof RATINGS)[number];

/** How each rating is shown to a person. */
export const RATING_LABELS: Record<Rating, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  blue: 'Blue (no target)',
};

/** Whether a deadline runs round the clock or only in office hours of the working calendar. */
export const DEADLINE_BASES = ['clock', 'working'] as const;
export type DeadlineBasis = (typeof DEADLINE_BASES)[number];

/** A valid timeliness policy, defaults filled in. */
export type TimelinessPolicy = z.output<typeof TimelinessPolicySchema>;
/** A timeliness policy as an admin submits it. */
export type TimelinessPolicyInput = z.input<typeof TimelinessPolicySchema>;

/**
 * Common practice: Red 4 h, Amber 24 h, Green 72 h from receipt, all round the clock (Red is worked
 * through out of hours; an area that counts only working hours sets basis "working"); warn at 75%.
 * Information requests: Red 2 h, Amber 12 h, Green 48 h, Blue 72 h. Strategy discussion within
 * 1 working day; an unacknowledged breach escalates after 30 minutes. Before it is rated, every
 * contact's decision is due 1 working day from receipt (Working Together) and its first rating
 * 1 working hour from receipt; the referrer is told the outcome within 1 working day of the decision.
 */
export const DEFAULT_POLICY: TimelinessPolicy = {
  version: 1,
  calendar: DEFAULT_CALENDAR,
  ratings: {
    red: { decisionWithinHours: 4, basis: 'clock', warnAtFraction: 0.75 },
    amber: { decisionWithinHours: 24, basis: 'clock', warnAtFraction: 0.75 },
    green: { decisionWithinHours: 72, basis: 'clock', warnAtFraction: 0.75 },
    blue: { decisionWithinHours: null, basis: 'clock', warnAtFraction: 0.75 },
  },
  informationRequestWithinHours: { red: 2, amber: 12, green: 48, blue: 72 },
  strategyDiscussionWithinWorkingDays: 1,
  decisionFromReceiptWithinWorkingDays: 1,
  initialRatingWithinHours: 1,
  initialRatingBasis: 'working',
  referrerFeedbackWithinWorkingDays: 1,
  escalateUnacknowledgedBreachAfterMinutes: 30,
};

/** One deadline rule: within how many hours (null = no target), counted how, warned when. */
export interface DeadlineRule {
  withinHours: number | null;
  basis: DeadlineBasis;
  warnAtFraction: number;
}

/** When something is due, and when the board starts warning that it soon will be. */
export interface DeadlineInstants {
  dueAt: Date;
  warnAt: Date;
}

/** The rule for deciding a referral of this rating. */
export function decisionRule(policy: TimelinessPolicy, rating: Rating): DeadlineRule {
  const rule = policy.ratings[rating];
  return { withinHours: rule.decisionWithinHours, basis: rule.basis, warnAtFraction: rule.warnAtFraction };
}

/** The rule for a partner agency's answer to an information request on a case of this rating. */
export function informationRequestRule(policy: TimelinessPolicy, rating: Rating): DeadlineRule {
  const rule = policy.ratings[rating];
  return { withinHours: policy.informationRequestWithinHours[rating], basis: rule.basis, warnAtFraction: rule.warnAtFraction };
}

/**
 * Due and warning times of a deadline started at `startedAt`; null when the rule has no target.
 * Clock: dueAt = start + hours, warnAt = start + fraction × hours (real elapsed time, so 4 hours
 * across the night the clocks change are still 4 hours). Working: the same amounts of working time
 * on the calendar (addWorkingTime), so a start out of hours counts from the next opening.
 */
export function deadlineTimes(startedAt: Date, rule: DeadlineRule, calendar: WorkingCalendar): DeadlineInstants | null {
  if (rule.withinHours === null) return null;
  const start = startedAt.getTime();
  if (!Number.isFinite(start)) throw new RangeError('startedAt is not a valid date');
  const dueMs = Math.round(rule.withinHours * HOUR_MS);
  const warnMs = Math.round(rule.warnAtFraction * rule.withinHours * HOUR_MS);
  if (rule.basis === 'clock') return { dueAt: new Date(start + dueMs), warnAt: new Date(start + warnMs) };
  return { dueAt: addWorkingTime(startedAt, dueMs, calendar), warnAt: addWorkingTime(startedAt, warnMs, calendar) };
}

/**
 * Times for a deadline whose due time is given (by the user, or by a working-days rule): warn at the
 * rating's fraction of the time from `now` (an unrated case: Amber's), as ISO instants.
 */
export function timesUntil(dueAt: Date, policy: TimelinessPolicy, rating: Rating | undefined, now = new Date()): { dueAt: string; warnAt: string } {
  const fraction = policy.ratings[rating ?? 'amber'].warnAtFraction;
  const warnAt = new Date(now.getTime() + fraction * (dueAt.getTime() - now.getTime()));
  return { dueAt: dueAt.toISOString(), warnAt: warnAt.toISOString() };
}

/** The share of the time after which an unrated contact's clocks warn (the Amber rule's). */
export function unratedWarnFraction(policy: TimelinessPolicy): number {
  return policy.ratings.amber.warnAtFraction;
}

/** The clocks every contact gets on receipt: its decision (working days) and its first rating. */
export function receiptClocks(receivedAt: Date, policy: TimelinessPolicy): { decision: DeadlineInstants; rating: DeadlineInstants } {
  const fraction = unratedWarnFraction(policy);
  const decisionMs = policy.decisionFromReceiptWithinWorkingDays * workingDayMs(policy.calendar);
  const decision = {
    dueAt: addWorkingTime(receivedAt, decisionMs, policy.calendar),
    warnAt: addWorkingTime(receivedAt, Math.round(fraction * decisionMs), policy.calendar),
  };
  const rating = deadlineTimes(receivedAt, { withinHours: policy.initialRatingWithinHours, basis: policy.initialRatingBasis, warnAtFraction: fraction }, policy.calendar)!;
  return { decision, rating };
}

/** When `days` working days from `start` are up; one working day is the calendar's dayEnd − dayStart. */
export function workingDaysDeadline(start: Date, days: number, calendar: WorkingCalendar): Date {
  return addWorkingTime(start, days * workingDayMs(calendar), calendar);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * How long is left before `dueAt`, for the board: "in 1 h 20 min", "in 3 days 2 h", "overdue by
 * 12 min", or "due now" within a minute either side. Elapsed (24-hour) days, not working days;
 * rounded down, so it never shows more time left, or more overdue, than there is.
 */
export function describeTimeLeft(dueAt: Date, now: Date): string {
  const diff = dueAt.getTime() - now.getTime();
  if (!Number.isFinite(diff)) throw new RangeError('dueAt and now must be valid dates');
  const span = Math.abs(diff);
  if (span < MINUTE_MS) return 'due now';
  const days = Math.floor(span / DAY_MS);
  const hours = Math.floor((span % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((span % HOUR_MS) / MINUTE_MS);
  const parts: string[] = [];
  if (days > 0) {
    parts.push(plural(days, 'day', 'days'));
    if (hours > 0) parts.push(`${hours} h`);
  } else {
    if (hours > 0) parts.push(`${hours} h`);
    if (minutes > 0) parts.push(`${minutes} min`);
  }
  const amount = parts.join(' ');
  return diff > 0 ? `in ${amount}` : `overdue by ${amount}`;
}
