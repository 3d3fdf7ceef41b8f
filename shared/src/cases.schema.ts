/** The zod schemas of cases.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { type Child, CASE_STATUSES, REFERRAL_SOURCES } from './cases.ts';
import { CommandIdSchema, IdSchema, InstantSchema, IsoDateSchema, LongText, MediumText, OptionalShortText, ShortText, AgencyIdSchema } from './primitives.schema.ts';
import { LIMITS } from './limits.ts';
import { peopleIssues } from './people.ts';
import { childProfileFields, peopleFields } from './people.schema.ts';

/** A contact received a little "in the future" is a clock out of step; more is a mistake. */
const RECEIVED_AT_SKEW_MS = 5 * 60_000;

/** No contact is recorded more than 10 years after the MASH received it. */
const RECEIVED_AT_MAX_AGE_MS = 10 * 365.25 * 86_400_000;

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

export const AgencyParam = AgencyIdSchema;

/** A child as the server sends it (the API document). */
export const ChildSchema = z.object({ ...ChildInputSchema.shape, id: z.string() }) satisfies z.ZodType<Child>;
