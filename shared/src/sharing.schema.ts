/** The zod schemas of sharing.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import {
  ActorSchema,
  HappenedSchema,
  TimestampSchema,
  CommandIdSchema,
  IdSchema,
  InstantSchema,
  MediumText,
  OptionalMediumText,
  OptionalShortText,
  ShortText,
  AgencyIdSchema,
} from './primitives.schema.ts';
import { ChildVoiceLineSchema } from './contributions.schema.ts';
import { SHARING_ADVICE, type SharingAdviceVersion, type SharingDecision, type SharingDecisionContent, CONSENT_NOT_SOUGHT_REASONS, LAWFUL_BASES, SHARING_CHANNELS } from './sharing.ts';
import { sharingRecordIssues, sharingDecisionIssues } from './sharing-flow.ts';
import type { SharePack } from './share-pack.ts';

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

/** Someone on the other side of a decision: who asked (the requester) or who receives it (the recipient). */
export const PartySchema = z
  .object({
    /** A partner agency in the MASH … */
    agency: AgencyIdSchema.optional(),
    /** … or another organisation, by name. */
    organisation: OptionalShortText,
    role: ShortText,
    person: OptionalShortText,
  })
  .strict();

const decisionFields = {
  commandId: CommandIdSchema,
  caseId: IdSchema,
  /** Asked of us (incoming) or our decision to share out (outgoing). */
  direction: z.enum(['incoming', 'outgoing'], { error: 'direction must be incoming or outgoing' }),
  /** The purpose of sharing, in words. */
  purpose: MediumText,
  /** Who asked (required for a request made to us): agency or organisation, role, person. */
  requester: PartySchema.optional(),
  /** The flowchart's answers. Consent and identifiesPerson are required only when there is a clear purpose (the flowchart stops before them otherwise). */
  hasClearPurpose: z.boolean({ error: 'hasClearPurpose is required: is there a clear and legitimate purpose?' }),
  consent: ConsentSchema.optional(),
  identifiesPerson: z.boolean({ error: 'identifiesPerson must be true or false: does the information identify a living person?' }).optional(),
  /** Lawful bases relied on (empty when there is none). */
  lawfulBases: z
    .array(z.enum(LAWFUL_BASES, { error: `each lawful basis must be one of: ${LAWFUL_BASES.join(', ')}` }))
    .max(6)
    .default([]),
  /** The information includes special-category data (health, sexual life, ethnicity …). */
  specialCategory: z.boolean().default(false),
  decision: z.enum(['share', 'do-not-share'], { error: 'decision must be share or do-not-share' }),
  /** Why: the reasons for the decision, to share or not. */
  reasons: MediumText,
  /** What is shared (for a decision to share). */
  selection: ShareSelectionSchema.default({ contributionIds: [], includeRestrictedIds: [], includeProtectedIdentity: false, includeChildVoice: false }),
  /** With whom (for a request made to us, the requester unless said otherwise). */
  recipient: PartySchema.optional(),
  /** How (which secure channel). */
  channel: z.enum(SHARING_CHANNELS, { error: `channel must be one of: ${SHARING_CHANNELS.join(', ')}` }).optional(),
  channelDetail: OptionalShortText,
  /** Were the child and family told? If not, why not. Required when there is a clear purpose. */
  familyTold: z
    .discriminatedUnion('told', [z.object({ told: z.literal(true), when: InstantSchema.optional() }).strict(), z.object({ told: z.literal(false), why: MediumText }).strict()], {
      error: 'familyTold must be {told: true, when?} or {told: false, why}',
    })
    .optional(),
};
/** What a sharing decision records, as parsed: the rules in sharing.ts read these fields. */
export type SharingDecisionFields = z.output<z.ZodObject<typeof decisionFields>>;

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
    for (const issue of [...sharingRecordIssues(d), ...sharingDecisionIssues(d)]) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
    if (d.supersedes && !d.supersedeReason) ctx.addIssue({ code: 'custom', path: ['supersedeReason'], message: 'say why the earlier decision is superseded' });
  });

export const ExportSharePackSchema = z.object({ caseId: IdSchema, decisionId: IdSchema, format: z.enum(['html', 'pdf'], { error: 'format must be html or pdf' }) }).strict();

/** The content of a decision as recorded (`SharingDecisionContent`): the command's fields without its ids. */
export const SharingDecisionContentSchema = z.object(RecordSharingDecisionSchema.shape).omit({ commandId: true, caseId: true }) satisfies z.ZodType<SharingDecisionContent>;
/** A decision as the server sends it (the API document). */
export const SharingDecisionSchema = z.object({
  ...SharingDecisionContentSchema.shape,
  id: z.string(),
  advice: z.enum(Object.keys(SHARING_ADVICE) as [SharingAdviceVersion, ...SharingAdviceVersion[]]),
  decidedBy: ActorSchema,
  decidedAt: TimestampSchema,
  supersededBy: z.object({ id: z.string(), reason: z.string(), at: TimestampSchema }).optional(),
  exports: z.array(z.object({ exportId: z.string(), format: z.enum(['html', 'pdf']), by: ActorSchema, at: TimestampSchema })),
}) satisfies z.ZodType<SharingDecision>;

/** A share pack as the preview answers it (the API document). */
export const SharePackSchema = z.object({
  caseReference: z.string(),
  children: z.array(z.object({ name: z.string(), dateOfBirth: z.string().optional(), expectedDateOfBirth: z.string().optional() })),
  referral: z.object({ source: z.string(), referrer: z.string().optional() }),
  items: z.array(
    z.object({
      id: z.string(),
      agency: z.string(),
      kind: z.enum(['Fact', 'Opinion']),
      timeframe: z.enum(['Current', 'Historic']),
      text: z.string(),
      basis: z.string().optional(),
      relevance: z.string().optional(),
      happened: HappenedSchema,
      source: z.string(),
      recordedAt: TimestampSchema,
      restricted: z.boolean(),
    }),
  ),
  childVoice: z.array(ChildVoiceLineSchema.extend({ where: z.string() })),
  omitted: z.array(z.object({ id: z.string(), why: z.enum(['restricted-not-chosen', 'not-visible-to-you', 'not-on-this-case']) })),
}) satisfies z.ZodType<SharePack>;
