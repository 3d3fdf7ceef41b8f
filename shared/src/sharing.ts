/**
 * Information-sharing decisions, following HM Government's "Information sharing: advice for
 * practitioners providing safeguarding services" (April 2024, updated May 2024): what a record holds
 * and the words the sharing log shows. The golden rules, the flowchart and the record's checks are
 * in sharing-flow.ts (the board shows the log without them; the form and the server use them).
 * A decision not to share is recorded as fully as a decision to share; a record is never edited,
 * only superseded with a reason; each says which advice it was made under.
 */
import type { z } from 'zod';
import { agencyName, type Actor } from './agencies.ts';
import type { ShareSelectionSchema, PartySchema, RecordSharingDecisionSchema } from './sharing.schema.ts';

/** The advice a decision was made under. Decisions recorded before the 2024 advice was adopted read as July 2018. */
export const SHARING_ADVICE = {
  '2024-05': 'HM Government, Information sharing: advice for practitioners providing safeguarding services (April 2024, updated May 2024)',
  '2018-07': 'HM Government, Information sharing: advice for practitioners providing safeguarding services (July 2018)',
} as const;
export type SharingAdviceVersion = keyof typeof SHARING_ADVICE;
/** The advice every new decision is made under. */
export const CURRENT_SHARING_ADVICE: SharingAdviceVersion = '2024-05';

export const CONSENT_NOT_SOUGHT_REASONS = [
  'risk-to-child-or-adult',
  'sexual-abuse-suspected',
  'fabricated-or-induced-illness-suspected',
  'could-undermine-serious-crime-investigation',
  'cannot-reasonably-be-obtained',
  'other',
] as const;
export const CONSENT_NOT_SOUGHT_LABELS: Record<(typeof CONSENT_NOT_SOUGHT_REASONS)[number], string> = {
  'risk-to-child-or-adult': 'Seeking it would put a child or adult at risk',
  'sexual-abuse-suspected': 'Sexual abuse is suspected',
  'fabricated-or-induced-illness-suspected': 'Fabricated or induced illness is suspected',
  'could-undermine-serious-crime-investigation': 'It could undermine the investigation of a serious crime',
  'cannot-reasonably-be-obtained': 'It cannot reasonably be obtained',
  other: 'Another reason (in words)',
};

/** In the order the April 2024 advice suggests them: public task first, consent last (rarely the right basis in safeguarding). */
export const LAWFUL_BASES = ['uk-gdpr-6-1-e', 'uk-gdpr-6-1-c', 'uk-gdpr-9-2-g-dpa-sch1-para18', 'dpa-part3-sch8-para4', 'uk-gdpr-6-1-d', 'uk-gdpr-6-1-a'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];
export const LAWFUL_BASIS_LABELS: Record<LawfulBasis, string> = {
  'uk-gdpr-6-1-e': 'UK GDPR Art 6(1)(e): public task',
  'uk-gdpr-6-1-c': 'UK GDPR Art 6(1)(c): legal obligation',
  'uk-gdpr-6-1-d': 'UK GDPR Art 6(1)(d): vital interests',
  'uk-gdpr-6-1-a': 'UK GDPR Art 6(1)(a): consent',
  'uk-gdpr-9-2-g-dpa-sch1-para18': 'UK GDPR Art 9(2)(g) with DPA 2018 Sch 1 para 18: safeguarding of children and individuals at risk',
  'dpa-part3-sch8-para4': 'DPA 2018 Part 3 with Sch 8 para 4: law enforcement (police)',
};

export const SHARING_CHANNELS = ['secure-email', 'secure-portal', 'phone', 'in-person', 'recorded-post', 'other'] as const;
export type ShareSelection = z.output<typeof ShareSelectionSchema>;
export type SharingParty = z.output<typeof PartySchema>;

/** "Police (DC Sam Evans, Detective Constable)", "Ravenswood GP surgery (Practice nurse)": who asked, or who receives. */
export function partyText(p: SharingParty): string {
  const where = p.organisation ?? (p.agency ? agencyName(p.agency) : '');
  const who = [p.person, p.role].filter(Boolean).join(', ');
  return where ? `${where}${who ? ` (${who})` : ''}` : who;
}

export type RecordSharingDecisionInput = z.input<typeof RecordSharingDecisionSchema>;

export type SharingDecisionContent = Omit<z.output<typeof RecordSharingDecisionSchema>, 'commandId' | 'caseId'>;

/** A decision as recorded: signed and dated by who decided, and what became of it. */
export interface SharingDecision extends SharingDecisionContent {
  id: string;
  /** The advice it was made under (the server stamps it; earlier records read as July 2018). */
  advice: SharingAdviceVersion;
  decidedBy: Actor;
  decidedAt: string;
  /** Set when a later decision replaced it. */
  supersededBy?: { id: string; reason: string; at: string };
  /** Every export of its share pack. */
  exports: { exportId: string; format: 'html' | 'pdf'; by: Actor; at: string }[];
}
