/**
 * The contact decision and what follows it: its outcomes and how it is recorded, the levels of need
 * an admin keeps (the threshold a decision names), feedback to the referrer (Working Together: the
 * referrer is told the outcome), and the statuses a case moves through by itself as work happens.
 */
import type { z } from 'zod';
import type { Actor, PersonRef } from './agencies.ts';
import type { CaseStatus, OpenCaseInput } from './cases.ts';
import type { Deadline, RatingState } from './deadlines.ts';
import type { DecisionSettingsSchema } from './decision.schema.ts';

export const DECISION_OUTCOMES = [
  'no-further-action',
  'advice-and-information',
  'early-help',
  'child-in-need-assessment',
  'strategy-discussion',
  'police-action',
  'lado-referral',
  'transfer-to-another-area',
] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  'no-further-action': 'No further action',
  'advice-and-information': 'Advice and information',
  'early-help': 'Early help',
  'child-in-need-assessment': 'Child in need assessment (Children Act 1989 s17)',
  'strategy-discussion': 'Strategy discussion / s47 enquiry',
  'police-action': 'Police action',
  'lado-referral': 'Referral to the LADO (allegation against someone who works with children)',
  'transfer-to-another-area': 'Transfer to another area (the child lives elsewhere)',
};

export interface CaseDecision {
  id: string;
  meetingId?: string;
  outcome: DecisionOutcome;
  rationale: string;
  threshold: string;
  agreedBy: string[];
  dissent: { name: string; agency: string; view: string }[];
  /** The agencies whose information it rests on, and those still awaited (absent on decisions recorded before these were asked). */
  informationFrom?: string[];
  informationAwaited?: string[];
  /** The next step, with the action it started (`action:<actionId>`). */
  nextStep?: { title: string; owner: PersonRef; dueAt: string; actionId: string };
  /** A MASH manager's sign-off, where the decision settings require one. */
  signedOff?: { by: Actor; at: string };
  recordedBy: Actor;
  recordedAt: string;
}
export type DecisionSettings = z.output<typeof DecisionSettingsSchema>;
export type DecisionSettingsInput = z.input<typeof DecisionSettingsSchema>;

/** A common four-level model (continuum of need); every local authority sets its own words. */
export const DEFAULT_DECISION_SETTINGS: DecisionSettings = {
  version: 1,
  thresholds: [
    'Level 1: universal services (no additional needs)',
    'Level 2: early help (additional needs)',
    'Level 3: child in need (complex needs, s17)',
    'Level 4: child protection (significant harm, s47)',
  ],
  signOffRequired: false,
};

/** The issue, if any, with a decision's threshold under these settings (it must be one of the levels). */
export function thresholdIssue(threshold: string, settings: DecisionSettings): string | null {
  const known = settings.thresholds.some((t) => t.toLowerCase() === threshold.trim().toLowerCase());
  return known ? null : `must be one of the levels of need: ${settings.thresholds.map((t) => `"${t}"`).join(', ')}`;
}

export const FEEDBACK_METHODS = ['phone', 'email', 'secure-email', 'letter', 'in-person', 'meeting'] as const;
export type FeedbackMethod = (typeof FEEDBACK_METHODS)[number];
export const FEEDBACK_METHOD_LABELS: Record<FeedbackMethod, string> = {
  phone: 'Phone call',
  email: 'Email',
  'secure-email': 'Secure email',
  letter: 'Letter',
  'in-person': 'In person',
  meeting: 'At a meeting',
};

export interface ReferrerFeedback {
  method: FeedbackMethod;
  givenAt: string;
  note?: string;
  recordedBy: { userId: string; name: string; agency: string };
  recordedAt: string;
}

/** A contact is a re-referral when the same child had a MASH decision within this many months before it arrived. */
export const RE_REFERRAL_MONTHS = 12;

/**
 * The flag a re-referred contact carries from arrival: how many earlier cases of the same child
 * (a strong previous-involvement match) had a decision within RE_REFERRAL_MONTHS before receipt.
 * No ids or references: an earlier case may be restricted from readers of this one (previous
 * involvement says, per reader, what each is or whom to ask).
 */
export interface ReReferral {
  earlierCases: number;
  withinMonths: number;
}

/** The start of the re-referral window for a contact received at `receivedAt`. */
export function reReferralWindowStart(receivedAt: Date): Date {
  const start = new Date(receivedAt);
  start.setUTCMonth(start.getUTCMonth() - RE_REFERRAL_MONTHS);
  return start;
}

/** The deadline id of feedback to the referrer (one at a time: a later decision asks for it again). */
export const FEEDBACK_DEADLINE_ID = 'feedback';
/** The deadline id of the first rating (from receipt). */
export const RATING_DEADLINE_ID = 'rating';
/** The deadline id of the decision (from receipt, tightened by the rating). */
export const DECISION_DEADLINE_ID = 'triage';

/** An anonymous referrer cannot be told the outcome, so no feedback is due. */
export function referrerCanBeTold(summary: { referral: Pick<OpenCaseInput['referral'], 'source'> }): boolean {
  return summary.referral.source !== 'anonymous';
}

/** What of a case its automatic status follows from (a `CaseSummary` has them all). */
export interface StatusFacts {
  status: CaseStatus;
  rating: RatingState | null;
  deadlines: readonly Deadline[];
  decisions: readonly Pick<CaseDecision, 'signedOff'>[];
}

/**
 * The status a case moves to by itself after a change, or null to stay: new → in triage when it is
 * rated or a request for information is sent; in triage ⇄ awaiting information while a request is
 * open; decided (set by the decision itself) → closed when every follow-up of the decision (its
 * next step, a strategy discussion, feedback to the referrer, anything still open) is done, and,
 * where the settings require it, a manager has signed it off. A closed case stays closed.
 */
export function automaticStatus(summary: StatusFacts, settings: Pick<DecisionSettings, 'signOffRequired'>): { to: CaseStatus; reason: string } | null {
  const open = summary.deadlines.filter((d) => d.state === 'open');
  switch (summary.status) {
    case 'closed':
      return null;
    case 'decided': {
      if (summary.decisions.length === 0 || open.length > 0) return null;
      const latest = summary.decisions[summary.decisions.length - 1]!;
      if (settings.signOffRequired && !latest.signedOff) return null;
      return { to: 'closed', reason: 'Every follow-up of the decision is done.' };
    }
    default: {
      const awaiting = open.some((d) => d.kind === 'information-request');
      if (awaiting) return summary.status === 'awaiting-information' ? null : { to: 'awaiting-information', reason: 'A request for information is open.' };
      const started = summary.rating !== null || summary.deadlines.some((d) => d.kind === 'information-request');
      if (summary.status === 'awaiting-information') return { to: 'in-progress', reason: 'Every request for information is answered.' };
      if (summary.status === 'new' && started) return { to: 'in-progress', reason: summary.rating ? 'The contact was rated.' : 'Information was requested.' };
      return null;
    }
  }
}
