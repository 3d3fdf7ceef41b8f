/**
 * The guided sharing form as pure helpers: which flowchart questions to show, the draft's checks
 * (the shared `sharingDecisionIssues` plus what a person must fill in), the payload, and the words
 * the sharing log uses.
 */
import {
  agencyName,
  CONSENT_NOT_SOUGHT_REASONS,
  LAWFUL_BASES,
  LIMITS,
  SHARING_CHANNELS,
  sharingDecisionIssues,
  sharingFlow,
  type AgencyId,
  type FieldIssue,
  type LawfulBasis,
  type RecordSharingDecisionInput,
  type SharingAnswers,
  type SharingDecision,
  type SharingFlowStep,
  type SharingQuestion,
} from '@mashboard/shared';
import { londonLocalToIso } from './time.ts';

export type YesNo = 'yes' | 'no' | '';

export const CHANNEL_LABELS: Record<(typeof SHARING_CHANNELS)[number], string> = {
  'secure-email': 'Secure email',
  'secure-portal': 'Secure portal',
  phone: 'Phone',
  'in-person': 'In person',
  'recorded-post': 'Recorded post',
  other: 'Another way (say which)',
};

export interface SharingDraft {
  /** The flowchart's answers. */
  purposeAnswer: YesNo;
  consentAnswer: YesNo;
  identifiesAnswer: YesNo;
  lawfulAnswer: YesNo;
  direction: 'incoming' | 'outgoing' | '';
  purpose: string;
  /** When the flowchart's consent answer is no: refused, or not sought. */
  noConsent: 'refused' | 'not-sought' | '';
  consentBy: string;
  consentHow: string;
  /** datetime-local, UK time. */
  consentWhen: string;
  consentDetail: string;
  notSoughtReason: string;
  notSoughtText: string;
  lawfulBases: LawfulBasis[];
  specialCategory: boolean;
  decision: 'share' | 'do-not-share' | '';
  reasons: string;
  contributionIds: string[];
  includeRestrictedIds: string[];
  includeChildVoice: boolean;
  includeProtectedIdentity: boolean;
  recipientKind: 'agency' | 'organisation' | '';
  recipientAgency: string;
  recipientOrganisation: string;
  recipientRole: string;
  recipientPerson: string;
  channel: string;
  channelDetail: string;
  familyTold: YesNo;
  familyToldWhen: string;
  familyNotToldWhy: string;
  supersedes?: string;
  supersedeReason: string;
}

export function emptySharingDraft(): SharingDraft {
  return {
    purposeAnswer: '',
    consentAnswer: '',
    identifiesAnswer: '',
    lawfulAnswer: '',
    direction: '',
    purpose: '',
    noConsent: '',
    consentBy: '',
    consentHow: '',
    consentWhen: '',
    consentDetail: '',
    notSoughtReason: '',
    notSoughtText: '',
    lawfulBases: [],
    specialCategory: false,
    decision: '',
    reasons: '',
    contributionIds: [],
    includeRestrictedIds: [],
    includeChildVoice: false,
    includeProtectedIdentity: false,
    recipientKind: '',
    recipientAgency: '',
    recipientOrganisation: '',
    recipientRole: '',
    recipientPerson: '',
    channel: '',
    channelDetail: '',
    familyTold: '',
    familyToldWhen: '',
    familyNotToldWhy: '',
    supersedeReason: '',
  };
}

/** A new decision that replaces `earlier`: its answers and choices carried over, the reason left to write. */
export function draftSuperseding(earlier: SharingDecision): SharingDraft {
  const d = emptySharingDraft();
  const yn = (b: boolean): YesNo => (b ? 'yes' : 'no');
  const c = earlier.consent;
  const r = earlier.recipient;
  return {
    ...d,
    supersedes: earlier.id,
    purposeAnswer: yn(earlier.hasClearPurpose),
    consentAnswer: yn(c.status === 'given'),
    identifiesAnswer: c.status === 'given' ? '' : yn(earlier.identifiesPerson),
    lawfulAnswer: c.status === 'given' || !earlier.identifiesPerson ? '' : yn(earlier.lawfulBases.some((b) => b !== 'uk-gdpr-6-1-a')),
    direction: earlier.direction,
    purpose: earlier.purpose,
    noConsent: c.status === 'given' ? '' : c.status,
    consentBy: c.status === 'not-sought' ? '' : c.byWhom,
    consentHow: c.status === 'given' ? c.how : '',
    consentDetail: c.status === 'refused' ? (c.detail ?? '') : '',
    notSoughtReason: c.status === 'not-sought' ? c.reason : '',
    notSoughtText: c.status === 'not-sought' ? (c.reasonText ?? '') : '',
    lawfulBases: [...earlier.lawfulBases],
    specialCategory: earlier.specialCategory,
    decision: earlier.decision,
    reasons: earlier.reasons,
    contributionIds: [...earlier.selection.contributionIds],
    includeRestrictedIds: [...earlier.selection.includeRestrictedIds],
    includeChildVoice: earlier.selection.includeChildVoice,
    includeProtectedIdentity: earlier.selection.includeProtectedIdentity,
    recipientKind: r ? (r.agency ? 'agency' : 'organisation') : '',
    recipientAgency: r?.agency ?? '',
    recipientOrganisation: r?.organisation ?? '',
    recipientRole: r?.role ?? '',
    recipientPerson: r?.person ?? '',
    channel: earlier.channel ?? '',
    channelDetail: earlier.channelDetail ?? '',
    familyTold: yn(earlier.familyTold.told),
    familyNotToldWhy: earlier.familyTold.told ? '' : earlier.familyTold.why,
  };
}

const bool = (a: YesNo): boolean | undefined => (a === 'yes' ? true : a === 'no' ? false : undefined);

export function answersOf(d: SharingDraft): SharingAnswers {
  return {
    hasClearPurpose: bool(d.purposeAnswer),
    consentGiven: bool(d.consentAnswer),
    identifiesPerson: bool(d.identifiesAnswer),
    lawfulReasonWithoutConsent: bool(d.lawfulAnswer),
  };
}

const ORDER: SharingQuestion[] = ['purpose', 'consent', 'identifies', 'lawfulWithoutConsent'];

/**
 * The questions on screen: every one the flowchart has passed through, and the one it asks now.
 * Answers to questions the flowchart no longer reaches (an earlier answer changed) are not shown.
 */
export function flowQuestions(answers: SharingAnswers): { questions: SharingQuestion[]; step: SharingFlowStep } {
  const step = sharingFlow(answers);
  const questions: SharingQuestion[] = [];
  const key: Record<SharingQuestion, keyof SharingAnswers> = {
    purpose: 'hasClearPurpose',
    consent: 'consentGiven',
    identifies: 'identifiesPerson',
    lawfulWithoutConsent: 'lawfulReasonWithoutConsent',
  };
  // Walk the flowchart with the answers so far: each question reached is shown.
  const partial: SharingAnswers = {};
  for (const q of ORDER) {
    const at = sharingFlow(partial);
    if (at.kind !== 'ask' || at.question !== q) break;
    questions.push(q);
    const answer = answers[key[q]];
    if (answer === undefined) break;
    partial[key[q]] = answer;
  }
  return { questions, step };
}

/** The flowchart's answers with those past its conclusion dropped (they were not asked). */
export function reachedAnswers(d: SharingDraft): SharingAnswers {
  const { questions } = flowQuestions(answersOf(d));
  const a = answersOf(d);
  return {
    hasClearPurpose: questions.includes('purpose') ? a.hasClearPurpose : undefined,
    consentGiven: questions.includes('consent') ? a.consentGiven : undefined,
    identifiesPerson: questions.includes('identifies') ? a.identifiesPerson : undefined,
    lawfulReasonWithoutConsent: questions.includes('lawfulWithoutConsent') ? a.lawfulReasonWithoutConsent : undefined,
  };
}

/** "The flowchart says: share, because there is a clear purpose and consent." */
export function conclusionText(step: SharingFlowStep): string | null {
  if (step.kind !== 'conclude') return null;
  return `The flowchart says: ${step.conclusion === 'share' ? 'share' : 'do not share'}, because ${step.because}.`;
}

/** Does the record's consent need the identifies question asked separately (the flowchart stopped before it)? */
export function needsIdentifiesQuestion(d: SharingDraft): boolean {
  return !flowQuestions(answersOf(d)).questions.includes('identifies');
}

function consentOf(d: SharingDraft): RecordSharingDecisionInput['consent'] | null {
  if (d.consentAnswer === 'yes') {
    const when = londonLocalToIso(d.consentWhen);
    return { status: 'given', byWhom: d.consentBy.trim(), how: d.consentHow.trim(), when: when ?? '' };
  }
  if (d.noConsent === 'refused') {
    const when = londonLocalToIso(d.consentWhen);
    return { status: 'refused', byWhom: d.consentBy.trim(), when: when ?? '', ...(d.consentDetail.trim() ? { detail: d.consentDetail.trim() } : {}) };
  }
  if (d.noConsent === 'not-sought' && d.notSoughtReason) {
    return {
      status: 'not-sought',
      reason: d.notSoughtReason as (typeof CONSENT_NOT_SOUGHT_REASONS)[number],
      ...(d.notSoughtText.trim() ? { reasonText: d.notSoughtText.trim() } : {}),
    };
  }
  return null;
}

function recipientOf(d: SharingDraft): RecordSharingDecisionInput['recipient'] | undefined {
  if (!d.recipientKind) return undefined;
  return {
    ...(d.recipientKind === 'agency' && d.recipientAgency ? { agency: d.recipientAgency as AgencyId } : {}),
    ...(d.recipientKind === 'organisation' && d.recipientOrganisation.trim() ? { organisation: d.recipientOrganisation.trim() } : {}),
    role: d.recipientRole.trim(),
    ...(d.recipientPerson.trim() ? { person: d.recipientPerson.trim() } : {}),
  };
}

/** The selection, with restricted ids kept only when also chosen. */
export function selectionOf(d: SharingDraft) {
  return {
    contributionIds: [...d.contributionIds],
    includeRestrictedIds: d.includeRestrictedIds.filter((id) => d.contributionIds.includes(id)),
    includeChildVoice: d.includeChildVoice,
    includeProtectedIdentity: d.includeProtectedIdentity,
  };
}

/** The command's payload (checks are separate: see sharingDraftIssues). */
export function sharingPayload(d: SharingDraft, caseId: string, commandId: string): RecordSharingDecisionInput {
  const familyWhen = londonLocalToIso(d.familyToldWhen);
  const share = d.decision === 'share';
  const recipient = recipientOf(d);
  return {
    commandId,
    caseId,
    direction: (d.direction || 'outgoing') as 'incoming' | 'outgoing',
    purpose: d.purpose.trim(),
    hasClearPurpose: d.purposeAnswer === 'yes',
    consent: consentOf(d) ?? { status: 'not-sought', reason: 'other' },
    identifiesPerson: d.identifiesAnswer === 'yes',
    lawfulBases: [...d.lawfulBases],
    specialCategory: d.specialCategory,
    decision: (d.decision || 'do-not-share') as 'share' | 'do-not-share',
    reasons: d.reasons.trim(),
    selection: share ? selectionOf(d) : { contributionIds: [], includeRestrictedIds: [], includeChildVoice: false, includeProtectedIdentity: false },
    ...(recipient ? { recipient } : {}),
    ...(d.channel ? { channel: d.channel as (typeof SHARING_CHANNELS)[number] } : {}),
    ...(d.channelDetail.trim() ? { channelDetail: d.channelDetail.trim() } : {}),
    familyTold: d.familyTold === 'yes' ? { told: true, ...(familyWhen ? { when: familyWhen } : {}) } : { told: false, why: d.familyNotToldWhy.trim() },
    ...(d.supersedes ? { supersedes: d.supersedes, supersedeReason: d.supersedeReason.trim() } : {}),
  };
}

/** The shared rule's findings on the draft as it stands (shown inline while the person types). */
export function ruleIssues(d: SharingDraft, myAgency: string): FieldIssue[] {
  if (!d.decision || d.purposeAnswer === '' || (d.consentAnswer === '' && d.purposeAnswer === 'yes')) return [];
  const consent = consentOf(d) ?? (d.consentAnswer === 'yes' ? { status: 'given' as const, byWhom: '', how: '', when: '' } : { status: 'not-sought' as const, reason: 'other' as const });
  const recipient = recipientOf(d);
  return sharingDecisionIssues(
    {
      hasClearPurpose: d.purposeAnswer === 'yes',
      consent: consent as Parameters<typeof sharingDecisionIssues>[0]['consent'],
      identifiesPerson: d.identifiesAnswer === 'yes',
      lawfulBases: d.lawfulBases,
      specialCategory: d.specialCategory,
      decision: d.decision,
      selection: selectionOf(d),
      ...(recipient ? { recipient } : {}),
      ...(d.channel ? { channel: d.channel as (typeof SHARING_CHANNELS)[number] } : {}),
    } as Parameters<typeof sharingDecisionIssues>[0],
    myAgency,
  );
}

function text(issues: FieldIssue[], path: string, value: string, message: string, limit: number = LIMITS.mediumText) {
  if (!value.trim()) issues.push({ path, message });
  else if (value.length > limit) issues.push({ path, message: `must be at most ${limit.toLocaleString('en-GB')} characters` });
}

function instant(issues: FieldIssue[], path: string, local: string, message: string, required = true) {
  if (!local) {
    if (required) issues.push({ path, message });
    return;
  }
  const iso = londonLocalToIso(local);
  if (!iso) issues.push({ path, message: 'enter a real date and time' });
  else if (Date.parse(iso) > Date.now() + 5 * 60_000) issues.push({ path, message: 'cannot be in the future' });
}

/** Everything the draft lacks before it may be sent, with the paths the server uses. */
export function sharingDraftIssues(d: SharingDraft, myAgency: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!d.purposeAnswer) issues.push({ path: 'hasClearPurpose', message: 'answer the first question: is there a clear and legitimate purpose?' });
  else if (d.purposeAnswer === 'yes' && !d.consentAnswer) issues.push({ path: 'consentGiven', message: 'answer whether the person consents' });
  if (d.purposeAnswer === 'no' || d.consentAnswer === 'no' || d.consentAnswer === 'yes') {
    const { questions, step } = flowQuestions(answersOf(d));
    if (step.kind === 'ask' && questions.includes(step.question) && step.question !== 'purpose' && step.question !== 'consent') {
      issues.push({ path: step.question === 'identifies' ? 'identifiesPerson' : 'lawfulReasonWithoutConsent', message: 'answer the flowchart’s next question' });
    }
  }
  if (needsIdentifiesQuestion(d) && !d.identifiesAnswer) issues.push({ path: 'identifiesPerson', message: 'say whether the information identifies a living person' });
  if (!d.direction) issues.push({ path: 'direction', message: 'say whether this is a request to you or your decision to share out' });
  text(issues, 'purpose', d.purpose, 'describe the purpose of sharing');
  // Consent: the record needs its details whatever the flowchart said.
  if (d.consentAnswer === 'yes') {
    text(issues, 'consent.byWhom', d.consentBy, 'say who gave consent', LIMITS.shortText);
    text(issues, 'consent.how', d.consentHow, 'say how consent was given', LIMITS.shortText);
    instant(issues, 'consent.when', d.consentWhen, 'say when consent was given');
  } else if (d.consentAnswer === 'no' || d.purposeAnswer === 'no') {
    if (!d.noConsent) issues.push({ path: 'consent.status', message: 'say whether consent was refused or not sought' });
    if (d.noConsent === 'refused') {
      text(issues, 'consent.byWhom', d.consentBy, 'say who refused consent', LIMITS.shortText);
      instant(issues, 'consent.when', d.consentWhen, 'say when consent was refused');
    }
    if (d.noConsent === 'not-sought') {
      if (!d.notSoughtReason) issues.push({ path: 'consent.reason', message: 'choose why consent was not sought' });
      if (d.notSoughtReason === 'other' && !d.notSoughtText.trim()) issues.push({ path: 'consent.reasonText', message: 'say in words why consent was not sought' });
    }
  }
  if (!d.decision) issues.push({ path: 'decision', message: 'record the decision: share or do not share' });
  const against = againstFlowchart(d);
  if (against) issues.push({ path: 'decision', message: against });
  text(issues, 'reasons', d.reasons, 'give the reasons for the decision');
  if (d.decision === 'share') {
    if (!d.recipientKind) issues.push({ path: 'recipient', message: 'say with whom it is shared' });
    else {
      if (d.recipientKind === 'agency' && !d.recipientAgency) issues.push({ path: 'recipient.agency', message: 'choose the agency' });
      if (d.recipientKind === 'organisation') text(issues, 'recipient.organisation', d.recipientOrganisation, 'name the organisation', LIMITS.shortText);
      text(issues, 'recipient.role', d.recipientRole, 'give the recipient’s role', LIMITS.shortText);
    }
    if (d.channel === 'other' && !d.channelDetail.trim()) issues.push({ path: 'channelDetail', message: 'say how it is shared' });
  }
  if (!d.familyTold) issues.push({ path: 'familyTold', message: 'say whether the child and family were told' });
  if (d.familyTold === 'yes') instant(issues, 'familyTold.when', d.familyToldWhen, '', false);
  if (d.familyTold === 'no') text(issues, 'familyTold.why', d.familyNotToldWhy, 'say why the child and family were not told');
  if (d.supersedes) text(issues, 'supersedeReason', d.supersedeReason, 'say why the earlier decision is superseded');
  const seen = new Set(issues.map((i) => `${i.path}|${i.message}`));
  for (const i of ruleIssues(d, myAgency)) {
    // "choose what is shared", "say with whom" … are already asked above in the form's words.
    if (i.path === 'recipient' && issues.some((x) => x.path.startsWith('recipient'))) continue;
    if (!seen.has(`${i.path}|${i.message}`)) issues.push(i);
  }
  return issues;
}

/** Why a decision to share goes against the flowchart's conclusion, or null. */
export function againstFlowchart(d: SharingDraft): string | null {
  if (d.decision !== 'share') return null;
  const step = sharingFlow(reachedAnswers(d));
  if (step.kind !== 'conclude' || step.conclusion === 'share') return null;
  return `the flowchart says do not share, because ${step.because}: a decision to share against it is refused. Record a decision not to share, or change an answer above if it was wrong`;
}

/** "Police (DC Sam Evans, Detective Constable)", "Ravenswood GP surgery (Practice nurse)". */
export function recipientText(r: SharingDecision['recipient']): string {
  if (!r) return 'No recipient recorded';
  const where = r.organisation ?? (r.agency ? agencyName(r.agency) : '');
  const who = [r.person, r.role].filter(Boolean).join(', ');
  return where ? `${where}${who ? ` (${who})` : ''}` : who;
}

export function channelText(d: Pick<SharingDecision, 'channel' | 'channelDetail'>): string {
  if (!d.channel) return 'Not recorded';
  const label = CHANNEL_LABELS[d.channel];
  return d.channelDetail ? `${d.channel === 'other' ? 'Other' : label}: ${d.channelDetail}` : label;
}

/** Decisions in the log: current ones first (newest first), then the superseded ones. */
export function sortDecisions(decisions: readonly SharingDecision[]): SharingDecision[] {
  return [...decisions].sort((a, b) => Number(Boolean(a.supersededBy)) - Number(Boolean(b.supersededBy)) || b.decidedAt.localeCompare(a.decidedAt));
}

/** Lawful bases a viewer of this agency may choose (DPA Part 3 is the police's only). */
export function basesFor(agency: string): LawfulBasis[] {
  return LAWFUL_BASES.filter((b) => b !== 'dpa-part3-sch8-para4' || agency === 'police');
}
