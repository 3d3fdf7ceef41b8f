/** The zod schemas of calendar.ts (kept apart so a page that needs only its labels and rules loads no zod). */
import { z } from 'zod';
import { isCalendarDate } from './primitives.ts';
import { TimeOfDaySchema } from './primitives.schema.ts';
import { isTimeZone, UK_ZONE } from './zone.ts';
import { WEEKDAY_NAMES, minutesOfDay } from './calendar.ts';

/** When the office is open: an admin edits this; every working-time deadline is counted on it. */
export const WorkingCalendarSchema = z
  .object({
    timeZone: z
      .string({ error: 'timeZone must be an IANA time zone name, e.g. Europe/London' })
      .default(UK_ZONE)
      .refine(isTimeZone, {
        error: (iss) => `timeZone "${String(iss.input)}" is not a known IANA time zone; use a name such as Europe/London`,
      }),
    workingDays: z
      .array(
        z
          .int({ error: 'workingDays must hold ISO weekday numbers, 1 (Monday) to 7 (Sunday)' })
          .min(1, 'workingDays must hold ISO weekday numbers, 1 (Monday) to 7 (Sunday)')
          .max(7, 'workingDays must hold ISO weekday numbers, 1 (Monday) to 7 (Sunday)'),
        { error: 'workingDays must be a list of ISO weekday numbers, e.g. [1, 2, 3, 4, 5] for Monday to Friday' },
      )
      .default([1, 2, 3, 4, 5])
      .refine((days) => days.length > 0, 'workingDays must include at least one working day')
      .refine((days) => new Set(days).size === days.length, {
        error: (iss) => {
          const days = iss.input as number[];
          const twice = days.filter((d, i) => days.indexOf(d) !== i);
          return `workingDays lists ${twice.map((d) => WEEKDAY_NAMES[d - 1] ?? d).join(', ')} more than once`;
        },
      }),
    dayStart: z.string({ error: 'dayStart is required: when the office opens, HH:MM' }).default('09:00').pipe(TimeOfDaySchema),
    dayEnd: z.string({ error: 'dayEnd is required: when the office closes, HH:MM' }).default('17:00').pipe(TimeOfDaySchema),
    bankHolidays: z
      .array(
        z.string({ error: 'each bank holiday must be a date written YYYY-MM-DD' }).refine(isCalendarDate, {
          error: (iss) => `bank holiday "${String(iss.input)}" must be a real date written YYYY-MM-DD`,
        }),
        { error: 'bankHolidays must be a list of dates written YYYY-MM-DD' },
      )
      .default([])
      .refine((dates) => new Set(dates).size === dates.length, {
        error: (iss) => {
          const dates = iss.input as string[];
          const twice = [...new Set(dates.filter((d, i) => dates.indexOf(d) !== i))];
          return `bankHolidays lists ${twice.join(', ')} more than once`;
        },
      }),
  })
  .superRefine((cal, ctx) => {
    if (minutesOfDay(cal.dayStart) >= minutesOfDay(cal.dayEnd)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dayEnd'],
        message: `dayEnd (${cal.dayEnd}) must be after dayStart (${cal.dayStart}): the office must be open for some of the day`,
      });
    }
  });

/**
 * Extend the policy's calendar with England and Wales bank holidays from the maintained source
 * (`POST /api/timeliness-policy/bank-holidays`): from this year through `throughYear`.
 */
export const AddBankHolidaysSchema = z
  .object({
    /** The policy version the admin is looking at: refused if someone changed the policy since. */
    expectedVersion: z.number({ error: 'expectedVersion is required' }).int().min(1),
    /** The last year to add, e.g. 2031 (this year to 20 years ahead). */
    throughYear: z.number({ error: 'throughYear is required: the last year to add, e.g. 2031' }).int('throughYear must be a whole year'),
  })
  .strict();
