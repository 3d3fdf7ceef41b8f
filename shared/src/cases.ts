/** A MASH contact (a case): the children it concerns, where it came from, its statuses and the commands that open and change it (its summary: `CaseSummary`, in model.ts). */
import { z } from 'zod';
import { AGENCIES, agencyName } from './agencies.ts';
import { CommandIdSchema, IdSchema, InstantSchema, IsoDateSchema, LongText, MediumText, OptionalShortText, ShortText, AgencyIdSchema } from './primitives.ts';
import { LIMITS } from './limits.ts';
import { childProfileFields, peopleFields, peopleIssues } from './people.ts';

/** A contact received a little "in the future" is a clock out of step; more is a mistake. */
const RECEIVED_AT_SKEW_MS = 5 * 60_000;
/** No contact is recorded more than 10 years after the MASH received it. */
const RECEIVED_AT_MAX_AGE_MS = 10 * 365.25 * 86_400_000;

export const CASE_STATUSES = ['new', 'in-progress', 'awaiting-information', 'decided', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'New contact',
  'in-progress': 'In triage',
  'awaiting-information': 'Awaiting information',
  decided: 'Decided',
  closed: 'Closed',
};

export const REFERRAL_SOURCES = [
  'police',
  'childrens-social-care',
  'health',
  'education',
  'probation',
  'youth-justice',
  'housing',
  'voluntary-sector',
  'family-member',
  'member-of-public',
  'anonymous',
  'self-referral',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** Who referred, in words: an agency's name, or one of the sources that are not agencies. */
const OTHER_SOURCE_LABELS: Record<string, string> = {
  'family-member': 'Family member',
  'member-of-public': 'Member of the public',
  anonymous: 'Anonymous',
  'self-referral': 'Self-referral (the child or young person)',
};

export function referralSourceLabel(source: string): string {
  if (AGENCIES.some((a) => a.id === source)) return agencyName(source);
  return OTHER_SOURCE_LABELS[source] ?? source;
}

export const ChildInputSchema = z
  .object({
    /** Given name. */
    firstName: ShortText,
    /** Family name. */
    lastName: ShortText,
    /** Date of birth, YYYY-MM-DD (give this or expectedDateOfBirth for an unborn child). */
    dateOfBirth: IsoDateSchema.optional(),
    /** Expected date of delivery, YYYY-MM-DD, for an unborn child. */
    expectedDateOfBirth: IsoDateSchema.optional(),
    /** Known identifiers: NHS number, Unique Pupil Number, the council's own id. */
    identifiers: z
      .object({
        nhsNumber: z
          .string()
          .regex(/^\d{3} ?\d{3} ?\d{4}$/, 'must be 10 digits')
          .optional(),
        upn: z
          .string()
          .regex(/^[A-Z]\d{11}[A-Z0-9]$/, 'must be a 13-character Unique Pupil Number')
          .optional(),
        localId: OptionalShortText,
      })
      .strict()
      .optional(),
    /** Language, interpreter need, ethnicity, disability and address, where known. */
    ...childProfileFields,
  })
  .strict()
  .refine((c) => Boolean(c.dateOfBirth) !== Boolean(c.expectedDateOfBirth), {
    message: 'give either a date of birth or, for an unborn child, an expected date (one of them)',
    path: ['dateOfBirth'],
  });
export type ChildInput = z.infer<typeof ChildInputSchema>;

export interface Child extends ChildInput {
  id: string;
}

/** A child as the server sends it (the API document). */
export const ChildSchema = z.object({ ...ChildInputSchema.shape, id: z.string() }) satisfies z.ZodType<Child>;

export const OpenCaseSchema = z
  .object({
    commandId: CommandIdSchema,
    /** The child or children the contact is about. */
    children: z
      .array(ChildInputSchema, { error: 'children is required: at least one child' })
      .min(1, 'at least one child is required')
      .max(LIMITS.childrenPerCase, `at most ${LIMITS.childrenPerCase} children on one case`),
    /** Who made the referral. */
    referral: z
      .object({
        /** The referring agency or kind of person. */
        source: z.enum(REFERRAL_SOURCES, { error: `must be one of: ${REFERRAL_SOURCES.join(', ')}` }),
        /** The referrer's name and role, where known (may later be protected). */
        referrerName: OptionalShortText,
        referrerRole: OptionalShortText,
        /** Protect the referrer's identity: only the agency that records the contact sees name and role. */
        identityProtected: z.boolean().default(false),
      })
      .strict(),
    /** Why the referrer is worried, in their words. */
    reasonForConcern: LongText,
    /**
     * When the MASH received the contact: the timeliness clock starts here. Not in the future
     * (5 minutes' allowance for clocks) and not more than 10 years back; its year is the reference's.
     */
    receivedAt: InstantSchema.refine((t) => Date.parse(t) <= Date.now() + RECEIVED_AT_SKEW_MS, {
      error: 'must not be in the future (when the MASH received the contact)',
    }).refine((t) => Date.parse(t) >= Date.now() - RECEIVED_AT_MAX_AGE_MS, { error: 'must be within the last 10 years' }),
    /**
     * Restrict the whole case to these agencies (the opener's always included), e.g. an allegation
     * against someone who works with children. Others do not see it at all; a match on it in
     * previous involvement says only whom to ask.
     */
    restrictedTo: z.array(AgencyIdSchema).max(8).default([]),
    /**
     * The people around the children (relationships name a child by its position in `children`)
     * and the addresses (children and people name theirs by `addressId`).
     */
    ...peopleFields,
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const issue of peopleIssues(c, { childCount: c.children.length, personIds: [], addressIds: [] })) {
      ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
    }
  });
export type OpenCaseInput = z.infer<typeof OpenCaseSchema>;

export const AssignLeadSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** The user who leads the case. */
    leadUserId: IdSchema,
  })
  .strict();

export const ChangeStatusSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    /** The case version the change was decided on: refused if someone changed the case since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    status: z.enum(CASE_STATUSES, { error: `must be one of: ${CASE_STATUSES.join(', ')}` }),
    /** Why the status changes. */
    reason: MediumText,
  })
  .strict();

/** Add people and addresses to a case (on the board): children are named by their position on the case. */
export const AddPeopleSchema = z
  .object({
    commandId: CommandIdSchema,
    caseId: IdSchema,
    ...peopleFields,
  })
  .strict()
  .refine((p) => p.people.length + p.addresses.length > 0, { message: 'add at least one person or address', path: ['people'] });
export type AddPeopleInput = z.infer<typeof AddPeopleSchema>;

export const AgencyParam = AgencyIdSchema;
