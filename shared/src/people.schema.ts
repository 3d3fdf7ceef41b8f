/** The zod schemas of people.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { ActorSchema, TimestampSchema, AgencyIdSchema, IdSchema, IsoDateSchema, OptionalShortText, ShortText } from './primitives.schema.ts';
import { type Address, type Person, type WithheldAddress, RELATIONSHIPS, ADDRESS_KINDS, ETHNICITIES, DISABILITY, PEOPLE_PER_CASE, ADDRESSES_PER_CASE } from './people.ts';
import { LIMITS } from './limits.ts';

/** Language and interpreter need, for a child or an adult. */
export const languageFields = {
  /** The person's first or preferred language, where known (e.g. Polish, British Sign Language). */
  language: OptionalShortText,
  /** True when professionals need an interpreter to speak with them. */
  interpreterNeeded: z.boolean({ error: 'interpreterNeeded must be true or false' }).optional(),
};

/** What a children's case system records about a child besides name and dates: all optional. */
export const childProfileFields = {
  ...languageFields,
  /** Ethnicity, a DfE code (e.g. WBRI), where known. */
  ethnicity: z.enum(ETHNICITIES, { error: `ethnicity must be one of the DfE codes: ${ETHNICITIES.join(', ')}` }).optional(),
  /** Whether the child has a disability: yes, no or not-known. */
  disability: z.enum(DISABILITY, { error: 'disability must be yes, no or not-known' }).optional(),
  /** The disability or need, in words (e.g. autism, hearing impairment). */
  disabilityDetail: OptionalShortText,
  /** The id of the child's address among the case's addresses. */
  addressId: IdSchema.optional(),
};

/** A UK postcode, e.g. "SW1A 1AA" (any case, space optional). */
export const PostcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'must be a UK postcode like SW1A 1AA')
  .optional();

export const AddressInputSchema = z
  .object({
    /** A new id for the address, unique on the case (the client makes it, e.g. 8 characters of a UUID). */
    id: IdSchema,
    kind: z.enum(ADDRESS_KINDS, { error: `kind must be one of: ${ADDRESS_KINDS.join(', ')}` }),
    /** The place's name where it has one (a school, a surgery). */
    name: OptionalShortText,
    /** First line: number and street, or the building. */
    line1: ShortText,
    line2: OptionalShortText,
    town: OptionalShortText,
    postcode: PostcodeSchema,
    /**
     * Protect the address (e.g. a refuge, or where a parent fleeing abuse lives): only your agency
     * and the agencies in `restrictedTo` see it or find the case by it; everyone else sees that a
     * protected address exists and whom to ask.
     */
    protected: z.boolean({ error: 'protected must be true or false' }).default(false),
    /** Further agencies that may see a protected address (your own always does). */
    restrictedTo: z.array(AgencyIdSchema).max(8).default([]),
  })
  .strict()
  .refine((a) => a.protected || a.restrictedTo.length === 0, {
    message: 'only a protected address is restricted to agencies: tick "protected" or leave the agencies out',
    path: ['restrictedTo'],
  });

export const PersonInputSchema = z
  .object({
    /** A new id for the person, unique on the case (the client makes it). */
    id: IdSchema,
    /** Given name, where known. */
    firstName: OptionalShortText,
    /** Family name, where known (a first name alone, e.g. "Dave", is allowed). */
    lastName: OptionalShortText,
    /** Date of birth, YYYY-MM-DD, where known. */
    dateOfBirth: IsoDateSchema.optional(),
    /** How the person is related to each child they are connected with (at least one). */
    relationships: z
      .array(
        z
          .object({
            /** The child's position on the case (0 for the first child), as in the case's `children`. */
            childIndex: z
              .number({ error: 'childIndex is required: the position of the child on the case, from 0' })
              .int()
              .min(0)
              .max(LIMITS.childrenPerCase - 1),
            relationship: z.enum(RELATIONSHIPS, { error: `relationship must be one of: ${RELATIONSHIPS.join(', ')}` }),
          })
          .strict(),
        { error: 'relationships is required: how the person is related to each child' },
      )
      .min(1, 'say how the person is related to at least one child')
      .max(LIMITS.childrenPerCase),
    /** The person is alleged to have caused the harm the contact is about. */
    allegedToHaveCausedHarm: z.boolean().default(false),
    /** Lives with the child. */
    livesWithChild: z.boolean().default(false),
    /** The id of the person's address among the case's addresses. */
    addressId: IdSchema.optional(),
    ...languageFields,
  })
  .strict()
  .refine((p) => Boolean(p.firstName || p.lastName), {
    message: "a person needs a name: give a first name, a last name or both (e.g. only 'Dave' if that is all that is known)",
    path: ['lastName'],
  })
  .refine((p) => new Set(p.relationships.map((r) => r.childIndex)).size === p.relationships.length, {
    message: 'name each child once',
    path: ['relationships'],
  });

/** People and addresses as one command adds them (opening a case, or later on the board). */
export const peopleFields = {
  /** Adults and children around the child (not the children the contact is about). */
  people: z.array(PersonInputSchema).max(PEOPLE_PER_CASE, `at most ${PEOPLE_PER_CASE} people on one case`).default([]),
  /** Homes and places (school, GP, a refuge). */
  addresses: z.array(AddressInputSchema).max(ADDRESSES_PER_CASE, `at most ${ADDRESSES_PER_CASE} addresses on one case`).default([]),
};

/* Answer schemas (the API document): people and addresses as a reader is sent them. */
const recorded = { recordedBy: ActorSchema, recordedAt: TimestampSchema };
export const PersonSchema = z.object({ ...PersonInputSchema.shape, ...recorded }) satisfies z.ZodType<Person>;
export const WithheldAddressSchema = z.object({
  id: z.string(),
  withheld: z.literal(true),
  protected: z.literal(true),
  agency: z.string(),
  restrictedTo: z.array(z.string()),
}) satisfies z.ZodType<WithheldAddress>;
export const AddressSchema = z.union([z.object({ ...AddressInputSchema.shape, ...recorded }), WithheldAddressSchema]) satisfies z.ZodType<Address>;
/** An address as an event carries it (`EventAddress`, model.ts): whole, or withheld from this reader. */
export const EventAddressSchema = z.union([AddressInputSchema, WithheldAddressSchema]);
