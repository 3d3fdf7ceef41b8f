/**
 * The guided sharing form as pure helpers: the question pages it walks (only those the flowchart
 * reaches), the draft's checks (the shared rules plus what a person must fill in) page by page,
 * and the payload. The words the sharing log shows are in sharingLog.ts (the board shows the log;
 * the form loads when opened).
 */
import {
  CONSENT_NOT_SOUGHT_REASONS,
  LAWFUL_BASES,
  LIMITS,
  SHARING_CHANNELS,
  SHARING_QUESTIONS,
  sharingDecisionIssues,
  sharingFlow,
  type FieldIssue,
  type LawfulBasis,
  type RecordSharingDecisionInput,
  type SharingAnswers,
  type SharingDecision,
  type SharingFlowStep,
  type SharingQuestion,
} from '@mashboard/shared';
import { londonLocalToIso } from './time.ts';
import { dateTimeInputIssue } from '../forms/DateInput.tsx';

export type YesNo = 'yes' | 'no' | '';

export interface SharingDraft {
  /** The flowchart's answers. */
  purposeAnswer: YesNo;
  consentAnswer: YesNo;
  identifiesAnswer: YesNo;
  lawfulAnswer: YesNo;
  direction: 'incoming' | 'outgoing' | '';
  /** Who asked (a request made to us). */
  requesterKind: 'agency' | 'organisation' | '';
  requesterAgency: string;
  requesterOrganisation: string;
  requesterRole: string;
  requesterPerson: string;
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
  /** 'requester': whoever asked (a request made to us). */
  recipientKind: 'requester' | 'agency' | 'organisation' | '';
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
    requesterKind: '',
    requesterAgency: '',
    requesterOrganisation: '',
    requesterRole: '',
    requesterPerson: '',
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
  const q = earlier.requester;
  const sameAsRequester = earlier.direction === 'incoming' && q !== undefined && JSON.stringify(earlier.recipient) === JSON.stringify(q);
  const r = sameAsRequester ? undefined : earlier.recipient;
  const identifies = earlier.identifiesPerson;
  return {
    ...d,
    supersedes: earlier.id,
    purposeAnswer: yn(earlier.hasClearPurpose),
    consentAnswer: c ? yn(c.status === 'given') : '',
    identifiesAnswer: identifies === undefined ? '' : yn(identifies),
    lawfulAnswer: !c || c.status === 'given' || !identifies ? '' : yn(earlier.lawfulBases.some((b) => b !== 'uk-gdpr-6-1-a')),
    direction: earlier.direction,
    requesterKind: q ? (q.agency ? 'agency' : 'organisation') : '',
    requesterAgency: q?.agency ?? '',
    requesterOrganisation: q?.organisation ?? '',
    requesterRole: q?.role ?? '',
    requesterPerson: q?.person ?? '',
    purpose: earlier.purpose,
    noConsent: !c || c.status === 'given' ? '' : c.status,
    consentBy: !c || c.status === 'not-sought' ? '' : c.byWhom,
    consentHow: c?.status === 'given' ? c.how : '',
    consentDetail: c?.status === 'refused' ? (c.detail ?? '') : '',
    notSoughtReason: c?.status === 'not-sought' ? c.reason : '',
    notSoughtText: c?.status === 'not-sought' ? (c.reasonText ?? '') : '',
    lawfulBases: [...earlier.lawfulBases],
    specialCategory: earlier.specialCategory,
    decision: earlier.decision,
    reasons: earlier.reasons,
    contributionIds: [...earlier.selection.contributionIds],
    includeRestrictedIds: [...earlier.selection.includeRestrictedIds],
    includeChildVoice: earlier.selection.includeChildVoice,
    includeProtectedIdentity: earlier.selection.includeProtectedIdentity,
    recipientKind: sameAsRequester ? 'requester' : r ? (r.agency ? 'agency' : 'organisation') : '',
    recipientAgency: r?.agency ?? '',
    recipientOrganisation: r?.organisation ?? '',
    recipientRole: r?.role ?? '',
    recipientPerson: r?.person ?? '',
    channel: earlier.channel ?? '',
    channelDetail: earlier.channelDetail ?? '',
    familyTold: earlier.familyTold ? yn(earlier.familyTold.told) : '',
    familyNotToldWhy: earlier.familyTold && !earlier.familyTold.told ? earlier.familyTold.why : '',
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

/** The flowchart's conclusion for the draft, once it has one. */
export function flowConclusion(d: SharingDraft): 'share' | 'do-not-share' | null {
  const step = sharingFlow(reachedAnswers(d));
  return step.kind === 'conclude' ? step.conclusion : null;
}

const hasClearPurpose = (d: SharingDraft) => d.purposeAnswer === 'yes';

/** Does the record need the identifies question asked separately (consent given: the flowchart stopped before it)? */
export function needsIdentifiesQuestion(d: SharingDraft): boolean {
  return hasClearPurpose(d) && !flowQuestions(answersOf(d)).questions.includes('identifies');
}

/** The decision as it will be recorded: "do not share" whenever the flowchart says so (sharing is not offered then). */
export function effectiveDecision(d: SharingDraft): 'share' | 'do-not-share' | '' {
  const conclusion = flowConclusion(d);
  return conclusion === 'do-not-share' ? 'do-not-share' : d.decision;
}

/** The form's question pages, in order. */
export type SharingPage =
  | 'supersede'
  | 'purpose-question'
  | 'consent-question'
  | 'identifies-question'
  | 'lawful-question'
  | 'conclusion'
  | 'request'
  | 'consent'
  | 'identifies'
  | 'bases'
  | 'decision'
  | 'what'
  | 'recipient'
  | 'family'
  | 'check';

const QUESTION_PAGE: Record<SharingQuestion, SharingPage> = {
  purpose: 'purpose-question',
  consent: 'consent-question',
  identifies: 'identifies-question',
  lawfulWithoutConsent: 'lawful-question',
};

/**
 * The pages this draft walks, in order: the flowchart's questions as far as it has reached, then
 * only what its conclusion needs. A "no clear purpose" record asks only about the request, who
 * asked and the reasons; "do not share" never asks for lawful bases, what to share or with whom.
 */
export function sharingPages(d: SharingDraft): SharingPage[] {
  const pages: SharingPage[] = d.supersedes ? ['supersede'] : [];
  const { questions, step } = flowQuestions(answersOf(d));
  pages.push(...questions.map((q) => QUESTION_PAGE[q]));
  if (step.kind !== 'conclude') return pages;
  pages.push('conclusion', 'request');
  if (hasClearPurpose(d)) {
    pages.push('consent');
    if (needsIdentifiesQuestion(d)) pages.push('identifies');
  }
  if (step.conclusion === 'share') pages.push('bases');
  pages.push('decision');
  if (effectiveDecision(d) === 'share') pages.push('what', 'recipient');
  if (hasClearPurpose(d)) pages.push('family');
  pages.push('check');
  return pages;
}

/** The page that asks for the field at this issue path. */
export function pageOfPath(d: SharingDraft, path: string): SharingPage {
  const head = path.split('.')[0]!;
  switch (head) {
    case 'supersedeReason':
      return 'supersede';
    case 'hasClearPurpose':
      return 'purpose-question';
    case 'consentGiven':
      return 'consent-question';
    case 'identifiesPerson':
      return needsIdentifiesQuestion(d) ? 'identifies' : 'identifies-question';
    case 'lawfulReasonWithoutConsent':
      return 'lawful-question';
    case 'direction':
    case 'requester':
    case 'purpose':
      return 'request';
    case 'consent':
      return 'consent';
    case 'lawfulBases':
    case 'specialCategory':
      return 'bases';
    case 'selection':
      return 'what';
    case 'recipient':
    case 'channel':
    case 'channelDetail':
      return 'recipient';
    case 'familyTold':
      return 'family';
    default:
      return 'decision';
  }
}

/** What this page lacks before the person may continue. */
export function pageIssues(d: SharingDraft, page: SharingPage, myAgency: string): FieldIssue[] {
  return sharingDraftIssues(d, myAgency).filter((i) => pageOfPath(d, i.path) === page);
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

function partyOf(kind: string, agency: string, organisation: string, role: string, person: string): RecordSharingDecisionInput['recipient'] | undefined {
  if (kind !== 'agency' && kind !== 'organisation') return undefined;
  return {
    ...(kind === 'agency' && agency ? { agency: agency } : {}),
    ...(kind === 'organisation' && organisation.trim() ? { organisation: organisation.trim() } : {}),
    role: role.trim(),
    ...(person.trim() ? { person: person.trim() } : {}),
  };
}

/** Who asked: only for a request made to us. */
function requesterOf(d: SharingDraft): RecordSharingDecisionInput['requester'] | undefined {
  return d.direction === 'incoming' ? partyOf(d.requesterKind, d.requesterAgency, d.requesterOrganisation, d.requesterRole, d.requesterPerson) : undefined;
}

/** With whom: none when sharing with whoever asked (the server records the requester as the recipient). */
function recipientOf(d: SharingDraft): RecordSharingDecisionInput['recipient'] | undefined {
  return partyOf(d.recipientKind, d.recipientAgency, d.recipientOrganisation, d.recipientRole, d.recipientPerson);
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

const NOTHING_SELECTED = { contributionIds: [], includeRestrictedIds: [], includeChildVoice: false, includeProtectedIdentity: false };

/** The command's payload: only what the pages walked asked for (checks are separate: see sharingDraftIssues). */
export function sharingPayload(d: SharingDraft, caseId: string, commandId: string): RecordSharingDecisionInput {
  const pages = sharingPages(d);
  const familyWhen = londonLocalToIso(d.familyToldWhen);
  const decision = effectiveDecision(d) || 'do-not-share';
  const share = decision === 'share';
  const requester = requesterOf(d);
  const recipient = share && d.recipientKind !== 'requester' ? recipientOf(d) : undefined;
  const consent = pages.includes('consent') ? consentOf(d) : null;
  return {
    commandId,
    caseId,
    direction: (d.direction || 'outgoing'),
    ...(requester ? { requester } : {}),
    purpose: d.purpose.trim(),
    hasClearPurpose: hasClearPurpose(d),
    ...(consent ? { consent } : {}),
    ...(hasClearPurpose(d) && d.identifiesAnswer ? { identifiesPerson: d.identifiesAnswer === 'yes' } : {}),
    lawfulBases: pages.includes('bases') ? [...d.lawfulBases] : [],
    specialCategory: pages.includes('bases') ? d.specialCategory : false,
    decision,
    reasons: d.reasons.trim(),
    selection: share ? selectionOf(d) : NOTHING_SELECTED,
    ...(recipient ? { recipient } : {}),
    ...(share && d.channel ? { channel: d.channel as (typeof SHARING_CHANNELS)[number] } : {}),
    ...(share && d.channelDetail.trim() ? { channelDetail: d.channelDetail.trim() } : {}),
    ...(pages.includes('family') && d.familyTold
      ? { familyTold: d.familyTold === 'yes' ? { told: true as const, ...(familyWhen ? { when: familyWhen } : {}) } : { told: false as const, why: d.familyNotToldWhy.trim() } }
      : {}),
    ...(d.supersedes ? { supersedes: d.supersedes, supersedeReason: d.supersedeReason.trim() } : {}),
  };
}

/** The shared rule's findings on the draft as it stands (shown beside the lawful bases while the person ticks them). */
export function ruleIssues(d: SharingDraft, myAgency: string): FieldIssue[] {
  const decision = effectiveDecision(d);
  if (!decision || flowConclusion(d) === null) return [];
  const p = sharingPayload(d, 'case', 'cmd-00000000');
  return sharingDecisionIssues(
    {
      hasClearPurpose: p.hasClearPurpose,
      consent: (consentOf(d) ?? (d.consentAnswer === 'yes' ? { status: 'given', byWhom: '', how: '', when: '' } : { status: 'not-sought', reason: 'other' })),
      identifiesPerson: p.identifiesPerson,
      lawfulBases: p.lawfulBases ?? [],
      specialCategory: p.specialCategory ?? false,
      decision,
      selection: selectionOf(d),
      direction: p.direction,
      ...(p.requester ? { requester: p.requester } : {}),
      ...(p.recipient ? { recipient: p.recipient } : {}),
      ...(p.channel ? { channel: p.channel } : {}),
    },
    myAgency,
  );
}

function text(issues: FieldIssue[], path: string, value: string, message: string, limit: number = LIMITS.mediumText) {
  if (!value.trim()) issues.push({ path, message });
  else if (value.length > limit) issues.push({ path, message: `must be at most ${limit.toLocaleString('en-GB')} characters` });
}

/** A UK date and time (a DateTimeInput's value) that is real and not in the future; `label` names the field when the date or time is impossible. */
function instant(issues: FieldIssue[], path: string, local: string, label: string, message: string, required = true) {
  if (!local) {
    if (required) issues.push({ path, message });
    return;
  }
  const iso = londonLocalToIso(local);
  if (!iso) issues.push({ path, message: dateTimeInputIssue(local, label) ?? 'enter a real date and time' });
  else if (Date.parse(iso) > Date.now() + 5 * 60_000) issues.push({ path, message: 'cannot be in the future' });
}

function party(issues: FieldIssue[], prefix: 'requester' | 'recipient', kind: string, agency: string, organisation: string, role: string, whose: string) {
  if (!kind) {
    issues.push({ path: prefix, message: prefix === 'requester' ? 'say who asked: a partner agency or another organisation' : 'say with whom it is shared' });
    return;
  }
  if (kind === 'agency' && !agency) issues.push({ path: `${prefix}.agency`, message: 'choose the agency' });
  if (kind === 'organisation') text(issues, `${prefix}.organisation`, organisation, 'name the organisation', LIMITS.shortText);
  if (kind === 'agency' || kind === 'organisation') text(issues, `${prefix}.role`, role, `give the ${whose}’s role`, LIMITS.shortText);
}

/** Everything the draft lacks before it may be sent, for the pages it walks, with the paths the server uses. */
export function sharingDraftIssues(d: SharingDraft, myAgency: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pages = sharingPages(d);
  const { step } = flowQuestions(answersOf(d));
  if (step.kind === 'ask') {
    const path = step.question === 'purpose' ? 'hasClearPurpose' : step.question === 'consent' ? 'consentGiven' : step.question === 'identifies' ? 'identifiesPerson' : 'lawfulReasonWithoutConsent';
    issues.push({ path, message: `answer the question: ${SHARING_QUESTIONS[step.question].question.charAt(0).toLowerCase()}${SHARING_QUESTIONS[step.question].question.slice(1)}` });
  }
  if (d.supersedes) text(issues, 'supersedeReason', d.supersedeReason, 'say why the earlier decision is superseded');
  if (step.kind === 'ask') return issues;
  // About the request.
  if (!d.direction) issues.push({ path: 'direction', message: 'say whether this is a request made to you or your decision to share out' });
  if (d.direction === 'incoming') party(issues, 'requester', d.requesterKind, d.requesterAgency, d.requesterOrganisation, d.requesterRole, 'requester');
  text(issues, 'purpose', d.purpose, 'describe the purpose of sharing');
  // Consent: the record needs its details whenever the flowchart asked about it.
  if (pages.includes('consent')) {
    if (d.consentAnswer === 'yes') {
      text(issues, 'consent.byWhom', d.consentBy, 'say who gave consent', LIMITS.shortText);
      text(issues, 'consent.how', d.consentHow, 'say how consent was given', LIMITS.shortText);
      instant(issues, 'consent.when', d.consentWhen, 'When consent was given', 'say when consent was given');
    } else {
      if (!d.noConsent) issues.push({ path: 'consent.status', message: 'say whether consent was refused or not sought' });
      if (d.noConsent === 'refused') {
        text(issues, 'consent.byWhom', d.consentBy, 'say who refused consent', LIMITS.shortText);
        instant(issues, 'consent.when', d.consentWhen, 'When consent was refused', 'say when consent was refused');
      }
      if (d.noConsent === 'not-sought') {
        if (!d.notSoughtReason) issues.push({ path: 'consent.reason', message: 'choose why consent was not sought' });
        if (d.notSoughtReason === 'other' && !d.notSoughtText.trim()) issues.push({ path: 'consent.reasonText', message: 'say in words why consent was not sought' });
      }
    }
  }
  if (pages.includes('identifies') && !d.identifiesAnswer) issues.push({ path: 'identifiesPerson', message: 'say whether the information identifies a living person' });
  const decision = effectiveDecision(d);
  if (!decision) issues.push({ path: 'decision', message: 'record the decision: share or do not share' });
  text(issues, 'reasons', d.reasons, 'give the reasons for the decision');
  if (decision === 'share') {
    if (d.recipientKind === 'requester' && d.direction !== 'incoming') issues.push({ path: 'recipient', message: 'say with whom it is shared' });
    else if (d.recipientKind !== 'requester') party(issues, 'recipient', d.recipientKind, d.recipientAgency, d.recipientOrganisation, d.recipientRole, 'recipient');
    if (d.channel === 'other' && !d.channelDetail.trim()) issues.push({ path: 'channelDetail', message: 'say how it is shared' });
  }
  if (pages.includes('family')) {
    if (!d.familyTold) issues.push({ path: 'familyTold', message: 'say whether the child and family were told' });
    if (d.familyTold === 'yes') instant(issues, 'familyTold.when', d.familyToldWhen, 'When the family was told', '', false);
    if (d.familyTold === 'no') text(issues, 'familyTold.why', d.familyNotToldWhy, 'say why the child and family were not told');
  }
  const seen = new Set(issues.map((i) => `${i.path}|${i.message}`));
  for (const i of ruleIssues(d, myAgency)) {
    // "say with whom" … is already asked above in the form's words.
    if ((i.path === 'recipient' || i.path === 'requester') && issues.some((x) => x.path.startsWith(i.path))) continue;
    if (!seen.has(`${i.path}|${i.message}`)) issues.push(i);
  }
  return issues;
}

/** Why a decision to share goes against the flowchart's conclusion, or null (the form then records "do not share"). */
export function againstFlowchart(d: SharingDraft): string | null {
  if (d.decision !== 'share') return null;
  const step = sharingFlow(reachedAnswers(d));
  if (step.kind !== 'conclude' || step.conclusion === 'share') return null;
  return `the flowchart says do not share, because ${step.because}: a decision to share against it is refused. Record a decision not to share, or change an answer above if it was wrong`;
}

/** Lawful bases a viewer of this agency may choose (DPA Part 3 is the police's only). */
export function basesFor(agency: string): LawfulBasis[] {
  return LAWFUL_BASES.filter((b) => b !== 'dpa-part3-sch8-para4' || agency === 'police');
}
