/**
 * The contact decision and what follows it: its outcomes and how it is recorded, the levels of need
 * an admin keeps (the threshold a decision names), feedback to the referrer (Working Together: the
 * referrer is told the outcome), and the statuses a case moves through by itself as work happens.
 */
import { z } from 'zod';
import { agencyName, type Actor, type PersonRef } from './agencies.ts';
import type { CaseStatus, OpenCaseInput } from './cases.ts';
import type { Deadline, RatingState } from './deadlines.ts';
import { ActorSchema, AgencyIdSchema, CommandIdSchema, IdSchema, InstantSchema, MediumText, OptionalMediumText, PersonRefSchema, ShortText, TimestampSchema } from './primitives.ts';

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

export interface ReferrerFeedback {
  method: FeedbackMethod;
  givenAt: string;
  note?: string;
  recordedBy: { userId: string; name: string; agency: string };
  recordedAt: string;
}

export const ReferrerFeedbackSchema = z.object({
  method: z.enum(FEEDBACK_METHODS),
  givenAt: TimestampSchema,
  note: z.string().optional(),
  recordedBy: PersonRefSchema,
  recordedAt: TimestampSchema,
}) satisfies z.ZodType<ReferrerFeedback>;

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

export const ReReferralSchema = z.object({ earlierCases: z.number(), withinMonths: z.number() }) satisfies z.ZodType<ReReferral>;

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
