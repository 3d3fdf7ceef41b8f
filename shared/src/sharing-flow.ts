/**
 * HM Government's information-sharing advice (April 2024, updated May 2024) as rules: its seven
 * golden rules and the flowchart (unchanged in logic since the July 2018 advice). The flowchart is
 * one pure function: the guided form walks it a question at a time, and the server refuses a record
 * that contradicts it (sharingDecisionIssues).
 */
import type { FieldIssue } from './errors.ts';
import type { SharingDecisionFields } from './sharing.schema.ts';

/** The seven golden rules of the April 2024 advice, in short (the form explains each question with them). */
export const GOLDEN_RULES = [
  'Every child has a right to be protected from abuse and neglect. Protecting a child from harm takes priority over protecting privacy: data protection law supports sharing where a failure to share may put a child at risk.',
  'Where it is practicable and safe, engage with the child and their carers: explain what you will share, with whom and why. Do not tell them if that could put the child at greater risk.',
  'You do not need consent to share personal information about a child or family when a child is at risk or there is a perceived risk of harm. You need a lawful basis, and consent is usually not the right one: do not treat it as the default.',
  'Seek advice promptly when you are unsure (your manager, the designated safeguarding lead, the data protection officer or Caldicott Guardian). Do not leave a child at risk for fear of criticism for sharing.',
  'Protect the identities of anyone who could be harmed if their details reached an abuser or their associates: a child, a carer, a neighbour, a colleague.',
  'Share only relevant and accurate information, and only with those who have a role in safeguarding the child or supporting the family: what they need, never a whole record by default.',
  'Record what you shared and why, or why you did not share. If you decide not to share with someone who asked, be ready to explain why, and to reconsider if they bring new information.',
] as const;

/** The flowchart's questions, in order, with why each matters (from the April 2024 advice). */
export const SHARING_QUESTIONS = {
  purpose: {
    question: 'Is there a clear and legitimate purpose for sharing the information?',
    why: 'Share only for a clear, legitimate purpose, such as keeping a child safe from harm. If there is none, do not share: record the request and why.',
  },
  consent: {
    question: 'Does the person (or their parent or carer) consent to the sharing?',
    why: 'Consent is not needed to share information when a child is at risk or there is a perceived risk of harm, and it should not be treated as the default lawful basis. Where it is safe, be open with the family; do not seek consent when that would put a child or adult at risk, when sexual abuse or fabricated or induced illness is suspected, or when it could undermine the investigation of a serious crime.',
  },
  identifies: {
    question: 'Does the information enable a living person to be identified?',
    why: 'Information that identifies no one may be shared: consider how, and share only what is needed. Protect the identities of anyone who could be harmed if their details reached an abuser.',
  },
  lawfulWithoutConsent: {
    question: 'Is there another lawful reason to share without consent?',
    why: "A child's protection from harm takes priority over privacy. Public task, legal obligation and the Data Protection Act 2018's safeguarding condition are the usual lawful bases; data protection law is not a barrier to sharing to keep a child safe.",
  },
} as const;
export type SharingQuestion = keyof typeof SHARING_QUESTIONS;

/** Answers to the flowchart, as far as the person has got. */
export interface SharingAnswers {
  hasClearPurpose?: boolean | undefined;
  consentGiven?: boolean | undefined;
  identifiesPerson?: boolean | undefined;
  lawfulReasonWithoutConsent?: boolean | undefined;
}

export type SharingFlowStep = { kind: 'ask'; question: SharingQuestion } | { kind: 'conclude'; conclusion: 'share' | 'do-not-share'; because: string };

/** Where the flowchart stands: the next question, or its conclusion with the reason in words. */
export function sharingFlow(a: SharingAnswers): SharingFlowStep {
  if (a.hasClearPurpose === undefined) return { kind: 'ask', question: 'purpose' };
  if (!a.hasClearPurpose) return { kind: 'conclude', conclusion: 'do-not-share', because: 'there is no clear and legitimate purpose' };
  if (a.consentGiven === undefined) return { kind: 'ask', question: 'consent' };
  if (a.consentGiven) return { kind: 'conclude', conclusion: 'share', because: 'there is a clear purpose and consent' };
  if (a.identifiesPerson === undefined) return { kind: 'ask', question: 'identifies' };
  if (!a.identifiesPerson) return { kind: 'conclude', conclusion: 'share', because: 'the information does not identify anyone' };
  if (a.lawfulReasonWithoutConsent === undefined) return { kind: 'ask', question: 'lawfulWithoutConsent' };
  return a.lawfulReasonWithoutConsent
    ? { kind: 'conclude', conclusion: 'share', because: 'there is a lawful reason to share without consent' }
    : { kind: 'conclude', conclusion: 'do-not-share', because: 'there is no consent and no lawful reason to share without it' };
}

/**
 * What a complete record holds beyond the flowchart's logic: the questions the flowchart reached
 * answered (a "no clear purpose" record needs only the purpose, the requester and the reasons),
 * who asked, and a reason in words when that is the reason chosen.
 */
export function sharingRecordIssues(d: Pick<SharingDecisionFields, 'direction' | 'requester' | 'hasClearPurpose' | 'consent' | 'identifiesPerson' | 'familyTold'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.hasClearPurpose) {
    if (!d.consent) issues.push({ path: 'consent', message: 'say whether consent was given, refused or not sought' });
    if (d.identifiesPerson === undefined) issues.push({ path: 'identifiesPerson', message: 'say whether the information identifies a living person' });
    if (!d.familyTold) issues.push({ path: 'familyTold', message: 'say whether the child and family were told' });
  }
  if (d.consent?.status === 'not-sought' && d.consent.reason === 'other' && !d.consent.reasonText) {
    issues.push({ path: 'consent.reasonText', message: 'say in words why consent was not sought' });
  }
  if (d.direction === 'incoming' && !d.requester) issues.push({ path: 'requester', message: 'say who asked: their agency or organisation, and their role' });
  if (d.requester && !d.requester.agency && !d.requester.organisation) issues.push({ path: 'requester.organisation', message: 'name the agency or organisation that asked' });
  return issues;
}

/** The record's own consistency with the flowchart and the law; the server refuses what this finds. */
export function sharingDecisionIssues(
  d: Pick<SharingDecisionFields, 'hasClearPurpose' | 'consent' | 'identifiesPerson' | 'lawfulBases' | 'specialCategory' | 'decision' | 'selection' | 'recipient' | 'channel'> &
    Partial<Pick<SharingDecisionFields, 'direction' | 'requester'>>,
  decidedByAgency?: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const consentGiven = d.consent?.status === 'given';
  const withoutConsent = d.lawfulBases.filter((b) => b !== 'uk-gdpr-6-1-a');
  const flow = sharingFlow({
    hasClearPurpose: d.hasClearPurpose,
    consentGiven,
    identifiesPerson: d.identifiesPerson ?? true,
    lawfulReasonWithoutConsent: withoutConsent.length > 0,
  });
  if (d.decision === 'share' && flow.kind === 'conclude' && flow.conclusion === 'do-not-share') {
    issues.push(
      d.hasClearPurpose
        ? { path: 'lawfulBases', message: 'sharing without consent needs a lawful basis: name one, or record a decision not to share' }
        : { path: 'hasClearPurpose', message: 'information cannot be shared without a clear and legitimate purpose' },
    );
  }
  if (d.lawfulBases.includes('uk-gdpr-6-1-a') && !consentGiven) {
    issues.push({ path: 'lawfulBases', message: 'consent (Art 6(1)(a)) cannot be the basis when consent was not given' });
  }
  if (d.lawfulBases.includes('dpa-part3-sch8-para4') && decidedByAgency !== undefined && decidedByAgency !== 'police') {
    issues.push({ path: 'lawfulBases', message: 'DPA 2018 Part 3 (law enforcement) is a basis for the police only' });
  }
  if (d.decision === 'share' && d.specialCategory && !consentGiven && !d.lawfulBases.some((b) => b === 'uk-gdpr-9-2-g-dpa-sch1-para18' || b === 'dpa-part3-sch8-para4')) {
    issues.push({ path: 'lawfulBases', message: 'special-category information needs a condition too: Art 9(2)(g) with DPA 2018 Sch 1 para 18' });
  }
  if (d.decision === 'share') {
    // Answering a request made to us shares with whoever asked, unless another recipient is named.
    if (!d.recipient && !(d.direction === 'incoming' && d.requester)) issues.push({ path: 'recipient', message: 'say with whom it is shared' });
    if (!d.channel) issues.push({ path: 'channel', message: 'say how it is shared (which secure channel)' });
    if (d.selection.contributionIds.length === 0 && !d.selection.includeChildVoice) {
      issues.push({ path: 'selection.contributionIds', message: 'choose what is shared' });
    }
  }
  d.selection.includeRestrictedIds.forEach((id, i) => {
    if (!d.selection.contributionIds.includes(id)) {
      issues.push({ path: `selection.includeRestrictedIds.${i}`, message: 'a restricted entry included must also be chosen' });
    }
  });
  return issues;
}
