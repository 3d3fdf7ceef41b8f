/**
 * Retention: how long after closure a case is reviewed (a local schedule an admin edits, versioned
 * like the timeliness policy), the manager's decisions at a review (keep with a reason and the next
 * review date, or erase), the legal hold that forbids erasure, and the tombstone an erased case
 * leaves. Periods are by the outcome of the case's latest decision; local schedules differ (child
 * protection records commonly 35 years after last contact, allegations against staff far longer,
 * no-further-action contacts much shorter), so DEFAULT_RETENTION_SCHEDULE is a starting point only.
 */
import type { z } from 'zod';
import type { Actor } from './agencies.ts';
import type { CaseStatus } from './cases.ts';
import { DECISION_OUTCOME_LABELS, type CaseDecision, type DecisionOutcome } from './decision.ts';
import type { RetentionScheduleSchema } from './retention.schema.ts';

const DAY_MS = 86_400_000;

/** Units a retention period may be given in: days in practice; seconds only so a test can see a review fall due. */
export const RETENTION_UNITS = ['days', 'seconds'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

/** The longest period accepted: 100 years in days (a typo of an extra digit is refused, not kept for ever). */
export const MAX_RETENTION_DAYS = 36_525;

export type RetentionSchedule = z.output<typeof RetentionScheduleSchema>;
export type RetentionScheduleInput = z.input<typeof RetentionScheduleSchema>;

/** A starting point drawn from local schedules; every MASH sets its own. */
export const DEFAULT_RETENTION_SCHEDULE: RetentionSchedule = {
  version: 1,
  unit: 'days',
  periods: {
    'no-further-action': 2 * 365,
    'advice-and-information': 2 * 365,
    'early-help': 6 * 365,
    'child-in-need-assessment': 6 * 365,
    'strategy-discussion': 35 * 365,
    'police-action': 6 * 365,
    'lado-referral': 50 * 365,
    'transfer-to-another-area': 2 * 365,
  },
  closedWithoutDecision: 2 * 365,
};

/** The outcome retention counts from: the latest decision's, or null for a case closed with none. */
export function retentionOutcome(summary: { decisions: readonly Pick<CaseDecision, 'outcome'>[] }): DecisionOutcome | null {
  return summary.decisions[summary.decisions.length - 1]?.outcome ?? null;
}

/** When a closed case falls due for its retention review under this schedule; null while it is open. */
export function retentionReviewDue(summary: { status: CaseStatus; closedAt?: string | undefined; decisions: readonly Pick<CaseDecision, 'outcome'>[] }, schedule: RetentionSchedule): Date | null {
  if (summary.status !== 'closed' || !summary.closedAt) return null;
  const closed = Date.parse(summary.closedAt);
  if (Number.isNaN(closed)) return null;
  const outcome = retentionOutcome(summary);
  const period = outcome ? schedule.periods[outcome] : schedule.closedWithoutDecision;
  return new Date(closed + period * (schedule.unit === 'seconds' ? 1000 : DAY_MS));
}

/** In words, for a schedule's reader: "2 years (730 days)". */
export function describeRetentionPeriod(period: number, unit: RetentionUnit): string {
  if (unit === 'seconds') return `${period} second${period === 1 ? '' : 's'} (test schedule)`;
  const years = period / 365;
  return Number.isInteger(years) ? `${years} year${years === 1 ? '' : 's'} (${period.toLocaleString('en-GB')} days)` : `${period.toLocaleString('en-GB')} days`;
}

export const retentionOutcomeLabel = (outcome: DecisionOutcome | null): string => (outcome ? DECISION_OUTCOME_LABELS[outcome] : 'Closed with no recorded decision');

/** The case's retention state, on its summary while it is closed. */
export interface RetentionState {
  /** When the next review falls due (from the schedule at closure, or the date a keep decision set). */
  reviewDueAt: string;
  /** The case version that set `reviewDueAt`: the review job's and alert's identity. */
  generation: number;
  /** The schedule version that set it (absent when a keep decision set it). */
  scheduleVersion?: number;
  /** Every keep decision, oldest first. */
  reviews: { reason: string; nextReviewOn: string; by: Actor; at: string }[];
}

/** A legal hold: while set, the case cannot be erased. */
export interface LegalHold {
  reason: string;
  by: Actor;
  at: string;
}

/** The start of the next review day, as an instant. */
export const reviewDayStart = (day: string): string => new Date(`${day}T00:00:00Z`).toISOString();

/** What an erased case leaves: when and why, who decided; never a name or any content. */
export interface CaseTombstone {
  caseId: string;
  reference: string;
  receivedAt: string;
  closedAt: string;
  erasedAt: string;
  outcome: DecisionOutcome | null;
  /** Agencies the case was restricted to (empty: every agency): who may be told it was erased. */
  restrictedTo: string[];
  erasedBy: { userId: string; name: string; agency: string; role: string };
  reason: string;
  /** The command that erased it (a retried erase answers as done). */
  commandId: string;
}

/**
 * Words of a text that name a child on the case (first or last name, as whole words): an erasure
 * reason is kept for ever in the tombstone, so it must not identify the child.
 */
export function namesChild(text: string, children: readonly { firstName: string; lastName: string }[]): boolean {
  const words = new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}'-]+/u)
      .filter(Boolean),
  );
  return children.some((c) =>
    [c.firstName, c.lastName].some((name) =>
      name
        .toLowerCase()
        .split(/\s+/)
        .some((part) => part.length > 1 && words.has(part)),
    ),
  );
}
