/**
 * Information-sharing decisions, following the HM Government advice (July 2018): the seven golden
 * rules and its flowchart. The flowchart is one pure function: the guided form walks it a question
 * at a time, and the server refuses a record that contradicts it. A decision not to share is
 * recorded as fully as a decision to share; a record is never edited, only superseded with a reason.
 */
import { z } from 'zod';
import { agencyName, type Actor } from './agencies.ts';
import { HOW_EXPRESSED_LABELS, SOURCE_LABELS } from './contributions.ts';
import type { CaseView } from './events.ts';
import type { Happened } from './primitives.ts';
import type { FieldIssue } from './errors.ts';
import { CommandIdSchema, IdSchema, InstantSchema, MediumText, OptionalMediumText, OptionalShortText, ShortText, AgencyIdSchema } from './primitives.ts';

/** The flowchart's questions, in order, with why each matters (from the advice). */
export const SHARING_QUESTIONS = {
  purpose: {
    question: 'Is there a clear and legitimate purpose for sharing the information?',
    why: 'Share only for a clear, legitimate purpose, such as keeping a child safe. If there is none, do not share.',
  },
  consent: {
    question: 'Does the person (or their parent or carer) consent to the sharing?',
    why: 'Share with consent where it is appropriate, and respect a refusal where you can. Do not seek consent when that would put a child or adult at risk, when sexual abuse or fabricated or induced illness is suspected, or when it could undermine the investigation of a serious crime.',
  },
  identifies: {
    question: 'Does the information enable a living person to be identified?',
    why: 'Information that identifies no one may be shared: consider how, and share only what is needed.',
  },
  lawfulWithoutConsent: {
    question: 'Is there another lawful reason to share without consent?',
    why: "Data protection law is not a barrier to justified sharing: information can be shared without consent when there is a lawful basis, for example when a child's safety may be at risk. Base the decision on the safety and well-being of the child.",
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

export type SharingFlowStep =
  | { kind: 'ask'; question: SharingQuestion }
  | { kind: 'conclude'; conclusion: 'share' | 'do-not-share'; because: string };

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

export const LAWFUL_BASES = [
  'uk-gdpr-6-1-e',
  'uk-gdpr-6-1-c',
  'uk-gdpr-6-1-d',
  'uk-gdpr-6-1-a',
  'uk-gdpr-9-2-g-dpa-sch1-para18',
  'dpa-part3-sch8-para4',
] as const;
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

const ConsentSchema = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('given'), byWhom: ShortText, how: ShortText, when: InstantSchema }).strict(),
    z.object({ status: z.literal('refused'), byWhom: ShortText, when: InstantSchema, detail: OptionalMediumText }).strict(),
    z
      .object({
        status: z.literal('not-sought'),
        reason: z.enum(CONSENT_NOT_SOUGHT_REASONS, { error: `reason must be one of: ${CONSENT_NOT_SOUGHT_REASONS.join(', ')}` }),
        reasonText: OptionalMediumText,
      })
      .strict(),
  ],
  { error: 'consent.status must be given, refused or not-sought' },
);

/** What a share pack holds: chosen contributions, and what may go only when chosen deliberately. */
export const ShareSelectionSchema = z
  .object({
    /** The contributions to share. */
    contributionIds: z.array(IdSchema).max(500).default([]),
    /** Restricted contributions included deliberately (each must also be in contributionIds). */
    includeRestrictedIds: z.array(IdSchema).max(500).default([]),
    /** Include the protected referrer's identity (only the agency that holds it can). */
    includeProtectedIdentity: z.boolean().default(false),
    /** Include the children's voice entries. */
    includeChildVoice: z.boolean().default(false),
  })
  .strict();
export type ShareSelection = z.output<typeof ShareSelectionSchema>;

const decisionFields = {
  commandId: CommandIdSchema,
  caseId: IdSchema,
  /** Asked of us (incoming) or our decision to share out (outgoing). */
  direction: z.enum(['incoming', 'outgoing'], { error: 'direction must be incoming or outgoing' }),
  /** The purpose of sharing, in words. */
  purpose: MediumText,
  /** The flowchart's answers. */
  hasClearPurpose: z.boolean({ error: 'hasClearPurpose is required: is there a clear and legitimate purpose?' }),
  consent: ConsentSchema,
  identifiesPerson: z.boolean({ error: 'identifiesPerson is required: does the information identify a living person?' }),
  /** Lawful bases relied on (empty when there is none). */
  lawfulBases: z.array(z.enum(LAWFUL_BASES, { error: `each lawful basis must be one of: ${LAWFUL_BASES.join(', ')}` })).max(6).default([]),
  /** The information includes special-category data (health, sexual life, ethnicity …). */
  specialCategory: z.boolean().default(false),
  decision: z.enum(['share', 'do-not-share'], { error: 'decision must be share or do-not-share' }),
  /** Why: the reasons for the decision, to share or not. */
  reasons: MediumText,
  /** What is shared (for a decision to share). */
  selection: ShareSelectionSchema.default({ contributionIds: [], includeRestrictedIds: [], includeProtectedIdentity: false, includeChildVoice: false }),
  /** With whom. */
  recipient: z
    .object({ agency: AgencyIdSchema.optional(), organisation: OptionalShortText, role: ShortText, person: OptionalShortText })
    .strict()
    .optional(),
  /** How (which secure channel). */
  channel: z.enum(SHARING_CHANNELS, { error: `channel must be one of: ${SHARING_CHANNELS.join(', ')}` }).optional(),
  channelDetail: OptionalShortText,
  /** Were the child and family told? If not, why not. */
  familyTold: z.discriminatedUnion('told', [
    z.object({ told: z.literal(true), when: InstantSchema.optional() }).strict(),
    z.object({ told: z.literal(false), why: MediumText }).strict(),
  ]),
};

/** The record's own consistency with the flowchart and the law; the server refuses what this finds. */
export function sharingDecisionIssues(
  d: Pick<z.output<z.ZodObject<typeof decisionFields>>, 'hasClearPurpose' | 'consent' | 'identifiesPerson' | 'lawfulBases' | 'specialCategory' | 'decision' | 'selection' | 'recipient' | 'channel'>,
  decidedByAgency?: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const consentGiven = d.consent.status === 'given';
  const withoutConsent = d.lawfulBases.filter((b) => b !== 'uk-gdpr-6-1-a');
  const flow = sharingFlow({
    hasClearPurpose: d.hasClearPurpose,
    consentGiven,
    identifiesPerson: d.identifiesPerson,
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
    if (!d.recipient) issues.push({ path: 'recipient', message: 'say with whom it is shared' });
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

export const RecordSharingDecisionSchema = z
  .object({
    ...decisionFields,
    /** The decision this one replaces (records are never edited). */
    supersedes: IdSchema.optional(),
    /** Why it is superseded (required with supersedes). */
    supersedeReason: OptionalMediumText,
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const issue of sharingDecisionIssues(d)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
    if (d.supersedes && !d.supersedeReason) ctx.addIssue({ code: 'custom', path: ['supersedeReason'], message: 'say why the earlier decision is superseded' });
  });
export type RecordSharingDecisionInput = z.input<typeof RecordSharingDecisionSchema>;

export type SharingDecisionContent = Omit<z.output<typeof RecordSharingDecisionSchema>, 'commandId' | 'caseId'>;

/** A decision as recorded: signed and dated by who decided, and what became of it. */
export interface SharingDecision extends SharingDecisionContent {
  id: string;
  decidedBy: Actor;
  decidedAt: string;
  /** Set when a later decision replaced it. */
  supersededBy?: { id: string; reason: string; at: string };
  /** Every export of its share pack. */
  exports: { exportId: string; format: 'html' | 'pdf'; by: Actor; at: string }[];
}

export const ExportSharePackSchema = z
  .object({ caseId: IdSchema, decisionId: IdSchema, format: z.enum(['html', 'pdf'], { error: 'format must be html or pdf' }) })
  .strict();

export interface SharePackItem {
  id: string;
  agency: string;
  /** "Fact" or "Opinion": an opinion is never presented as fact. */
  kind: 'Fact' | 'Opinion';
  timeframe: 'Current' | 'Historic';
  text: string;
  basis?: string;
  relevance?: string;
  happened: Happened;
  source: string;
  recordedAt: string;
  restricted: boolean;
}

export interface SharePack {
  caseReference: string;
  children: { name: string; dateOfBirth?: string; expectedDateOfBirth?: string }[];
  referral: { source: string; referrer?: string };
  items: SharePackItem[];
  childVoice: { child: string; words?: string; wishes?: string; feelings?: string; observedBehaviour?: string; howExpressed: string; where: string }[];
  /** What was chosen but left out, and why (the preview says so). */
  omitted: { id: string; why: 'restricted-not-chosen' | 'not-visible-to-you' | 'not-on-this-case' }[];
}

/**
 * What the recipient will see, from the case as the exporter sees it (withheld entries are never
 * in it) and their selection: a restricted entry only when chosen deliberately, a protected
 * referrer only when chosen and held by the exporter's agency, opinions labelled as opinions,
 * historic entries with their relevance.
 */
export function buildSharePack(view: CaseView, selection: ShareSelection): SharePack {
  const omitted: SharePack['omitted'] = [];
  const items: SharePackItem[] = [];
  for (const id of selection.contributionIds) {
    const entry = view.entries.find((e) => e.id === id && e.kind === 'contribution');
    if (!entry || entry.kind !== 'contribution') {
      omitted.push({ id, why: 'not-on-this-case' });
      continue;
    }
    if (entry.withheld || entry.versions.length === 0) {
      omitted.push({ id, why: 'not-visible-to-you' });
      continue;
    }
    const restricted = entry.restrictedTo.length > 0;
    if (restricted && !selection.includeRestrictedIds.includes(id)) {
      omitted.push({ id, why: 'restricted-not-chosen' });
      continue;
    }
    const c = entry.versions[entry.versions.length - 1]!.content;
    items.push({
      id,
      agency: agencyName(entry.agency),
      kind: c.kind === 'opinion' ? 'Opinion' : 'Fact',
      timeframe: c.timeframe === 'historic' ? 'Historic' : 'Current',
      text: c.text,
      ...(c.kind === 'opinion' && c.basis ? { basis: c.basis } : {}),
      ...(c.timeframe === 'historic' && c.relevance ? { relevance: c.relevance } : {}),
      happened: c.happened,
      source: SOURCE_LABELS[c.source],
      recordedAt: entry.recordedAt,
      restricted,
    });
  }
  const { referral, children } = view.summary;
  const mayName = !referral.identityProtected || selection.includeProtectedIdentity;
  const referrer = mayName && referral.referrerName ? `${referral.referrerName}${referral.referrerRole ? `, ${referral.referrerRole}` : ''}` : undefined;
  const nameOf = (childId: string) => {
    const c = children.find((k) => k.id === childId);
    return c ? `${c.firstName} ${c.lastName}` : 'a child';
  };
  const childVoice = selection.includeChildVoice
    ? view.entries.flatMap((e) => {
        if (e.kind !== 'voice' || e.versions.length === 0) return [];
        const v = e.versions[e.versions.length - 1]!.content;
        return [
          {
            child: nameOf(v.childId),
            ...(v.words ? { words: v.words } : {}),
            ...(v.wishes ? { wishes: v.wishes } : {}),
            ...(v.feelings ? { feelings: v.feelings } : {}),
            ...(v.observedBehaviour ? { observedBehaviour: v.observedBehaviour } : {}),
            howExpressed: HOW_EXPRESSED_LABELS[v.howExpressed],
            where: v.circumstances.where,
          },
        ];
      })
    : [];
  return {
    caseReference: view.summary.reference,
    children: children.map((c) => ({
      name: `${c.firstName} ${c.lastName}`,
      ...(c.dateOfBirth ? { dateOfBirth: c.dateOfBirth } : {}),
      ...(c.expectedDateOfBirth ? { expectedDateOfBirth: c.expectedDateOfBirth } : {}),
    })),
    referral: { source: referral.source, ...(referrer ? { referrer } : {}) },
    items,
    childVoice,
    omitted,
  };
}
