/** Small reusable schemas: ids, dates, bounded text. */
import { z } from 'zod';
import { type Actor, type Agency, type PersonRef, AGENCIES, ROLES } from './agencies.ts';
import { LIMITS } from './limits.ts';
import { isCalendarDate, PRECISIONS } from './primitives.ts';

/** Client-generated id of one command: a retried submit reuses it, so it never doubles. */
export const CommandIdSchema = z
  .string({ error: 'commandId is required: a unique id the client generates for this submit' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, "-" or "_" (a UUID is fine)');

export const IdSchema = z.string({ error: 'is required' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id');

function boundedText(max: number, what = 'text') {
  return z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max.toLocaleString('en-GB')} characters`);
}
export const LongText = boundedText(LIMITS.longText);
export const MediumText = boundedText(LIMITS.mediumText);
export const ShortText = boundedText(LIMITS.shortText);
export const OptionalMediumText = z
  .string()
  .trim()
  .max(LIMITS.mediumText, `must be at most ${LIMITS.mediumText.toLocaleString('en-GB')} characters`)
  .optional();
export const OptionalShortText = z.string().trim().max(LIMITS.shortText, `must be at most ${LIMITS.shortText} characters`).optional();

/** A calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.string({ error: 'date is required (YYYY-MM-DD)' }).refine(isCalendarDate, 'must be a real date written YYYY-MM-DD');

/** A time of day in 24-hour UK local time, HH:MM. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM (24-hour)');

/** An instant with its offset, as ISO 8601 (e.g. 2026-11-21T09:30:00Z). */
export const InstantSchema = z.iso.datetime({ offset: true, error: 'must be a date and time in ISO 8601, e.g. 2026-11-21T09:30:00Z' });

/** When something happened, as precisely as it is known. */
export const HappenedSchema = z.object({
  /** exact: the date (and maybe time) is known; approximate: roughly then; unknown: no date known. */
  precision: z.enum(PRECISIONS, { error: 'precision must be exact, approximate or unknown' }),
  /** The day it happened (required unless precision is unknown). */
  date: IsoDateSchema.optional(),
  /** The time of day, UK local time, when known. */
  time: TimeOfDaySchema.optional(),
});

/** An active agency's id; an unknown or inactive one is refused, naming those that are. */
export const AgencyIdSchema = z.string({ error: 'an agency id is required' }).refine((id) => AGENCIES.some((a) => a.id === id && a.active), {
  error: (issue) =>
    `${AGENCIES.some((a) => a.id === issue.input) ? 'is no longer an active agency' : 'is not a known agency'}: use one of ${AGENCIES.filter((a) => a.active)
      .map((a) => a.id)
      .join(', ')}`,
});

export const RoleSchema = z.enum(ROLES);

/* ---- Answer schemas: what the server sends, described for the API document (`GET /api/openapi.json`). ---- */

/** An instant the server wrote (ISO 8601). Answers are described, never parsed: no refinements here. */
export const TimestampSchema = z.string();

/** Who did something (`Actor`, agencies.ts). */
export const ActorSchema = z.object({ userId: z.string(), name: z.string(), agency: z.string(), role: RoleSchema }) satisfies z.ZodType<Actor>;

/** A person named on a case (`PersonRef`, agencies.ts). */
export const PersonRefSchema = z.object({ userId: z.string(), name: z.string(), agency: z.string() }) satisfies z.ZodType<PersonRef>;

/** A partner agency (`Agency`, agencies.ts). */
export const AgencySchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() }) satisfies z.ZodType<Agency>;
