/**
 * The MASH working calendar: office hours on working days, less the bank holidays, in a named
 * time zone with summer time. Deadlines counted in working hours run only while the office is open.
 * Office hours are local wall-clock times, so a day on which the clocks change still has the same
 * working hours (09:00–17:00 is 8 hours whether the night before was 23 or 25 hours long).
 * A calendar is treated as an immutable value: it is compiled once per object, so edit by replacing.
 */
import type { z } from 'zod';
import { addDays, instantAt, isoDateOf, isoWeekday, isTimeZone, UK_ZONE, zonedTime } from './zone.ts';
import type { WorkingCalendarSchema } from './calendar.schema.ts';

/** ISO weekday numbers, 1 = Monday … 7 = Sunday. */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export const minutesOfDay = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** A valid working calendar, defaults filled in. */
export type WorkingCalendar = z.output<typeof WorkingCalendarSchema>;
/** A working calendar as an admin submits it (fields with defaults may be left out). */
export type WorkingCalendarInput = z.input<typeof WorkingCalendarSchema>;

/** Bank holidays of England and Wales, 2025–2028 (gov.uk). */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = [
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
];

/** Administrators are alerted this many months before the calendar's bank holidays run out. */
export const CALENDAR_WARNING_MONTHS = 6;

/** The last day a calendar knows its bank holidays for: 31 December of the latest year it lists (null: it lists none). */
export function bankHolidaysKnownUntil(calendar: Pick<WorkingCalendar, 'bankHolidays'>): string | null {
  const years = calendar.bankHolidays.map((day) => Number(day.slice(0, 4)));
  return years.length === 0 ? null : `${Math.max(...years)}-12-31`;
}

/**
 * The last day the bank holidays are known for, when that is less than CALENDAR_WARNING_MONTHS
 * after `now` (or already past): after it, working-day deadlines would count bank holidays as
 * working days. Null while the calendar reaches further (or lists no bank holidays at all, by choice).
 */
export function calendarRunningOut(calendar: Pick<WorkingCalendar, 'bankHolidays'>, now: Date): string | null {
  const until = bankHolidaysKnownUntil(calendar);
  if (!until) return null;
  // `until` is a 31 December: warn from the first of the month CALENDAR_WARNING_MONTHS before the new year.
  const warnFrom = Date.UTC(Number(until.slice(0, 4)) + 1, -CALENDAR_WARNING_MONTHS, 1);
  return now.getTime() >= warnFrom ? until : null;
}

/** Monday to Friday, 09:00–17:00 London time, closed on the bank holidays of England and Wales. */
export const DEFAULT_CALENDAR: WorkingCalendar = {
  timeZone: UK_ZONE,
  workingDays: [1, 2, 3, 4, 5],
  dayStart: '09:00',
  dayEnd: '17:00',
  bankHolidays: [...ENGLAND_AND_WALES_BANK_HOLIDAYS],
};

/** Length of one working day in ms: dayEnd − dayStart on the wall clock (8 h by default). */
export function workingDayMs(calendar: WorkingCalendar): number {
  return (minutesOfDay(calendar.dayEnd) - minutesOfDay(calendar.dayStart)) * 60_000;
}

// ---- internals: a calendar compiled once for fast day-by-day walking ----

interface CompiledCalendar {
  zone: string;
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
  startMin: number;
  endMin: number;
}

/** A local calendar date, walked with UTC arithmetic so no time zone can skip or repeat a day. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Days with no office hours we will walk past before deciding the calendar can never open. */
const MAX_CLOSED_DAYS = 3_700;

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const startMin = minutesOfDay(calendar.dayStart);
  const endMin = minutesOfDay(calendar.dayEnd);
  if (!isTimeZone(calendar.timeZone) || calendar.workingDays.length === 0 || startMin >= endMin) {
    throw new RangeError('invalid working calendar: check it with WorkingCalendarSchema first');
  }
  const result: CompiledCalendar = {
    zone: calendar.timeZone,
    workingDays: new Set(calendar.workingDays),
    holidays: new Set(calendar.bankHolidays),
    startMin,
    endMin,
  };
  compiled.set(calendar, result);
  return result;
}

function localDateOf(ms: number, zone: string): LocalDate {
  const { year, month, day } = zonedTime(ms, zone);
  return { year, month, day };
}

function isOpenDay(cal: CompiledCalendar, d: LocalDate): boolean {
  return cal.workingDays.has(isoWeekday(d)) && !cal.holidays.has(isoDateOf(d));
}

function atLocal(cal: CompiledCalendar, d: LocalDate, minutes: number): number {
  return instantAt({ year: d.year, month: d.month, day: d.day, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }, cal.zone);
}

/** Office hours of one day as [opens, closes) in epoch ms, or null when the office is shut all day. */
function officeHours(cal: CompiledCalendar, d: LocalDate): [number, number] | null {
  if (!isOpenDay(cal, d)) return null;
  return [atLocal(cal, d, cal.startMin), atLocal(cal, d, cal.endMin)];
}

function instantMs(date: Date, what: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date`);
  return ms;
}

// ---- public working-time arithmetic ----

/** Whether the office is open at this instant: a working day, not a bank holiday, dayStart ≤ time < dayEnd. */
export function isWithinOfficeHours(instant: Date, calendar: WorkingCalendar): boolean {
  const cal = compile(calendar);
  const ms = instantMs(instant, 'instant');
  const hours = officeHours(cal, localDateOf(ms, cal.zone));
  return hours !== null && ms >= hours[0] && ms < hours[1];
}

/**
 * The instant at which `durationMs` of working time has elapsed from `start`, counting only office
 * hours on working days that are not bank holidays, in the calendar's time zone.
 *
 * - A start outside office hours begins counting at the next opening.
 * - A duration of 0 gives the first instant the office is open at or after `start`: `start` itself
 *   during office hours, otherwise the next opening (dayEnd counts as closed). So "due within 0
 *   working hours" of an out-of-hours referral is due when the office opens.
 * - A positive duration that uses up a day exactly ends at that day's dayEnd, not the next opening.
 * - Durations are rounded to whole milliseconds (a Date holds no finer); negative, NaN or infinite
 *   durations throw a RangeError.
 */
export function addWorkingTime(start: Date, durationMs: number, calendar: WorkingCalendar): Date {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError(`working time to add must be zero or more milliseconds, not ${durationMs}`);
  }
  const cal = compile(calendar);
  const cursor = instantMs(start, 'start');
  let remaining = Math.round(durationMs);
  let day = localDateOf(cursor, cal.zone);
  for (let closedDays = 0; closedDays <= MAX_CLOSED_DAYS; day = addDays(day, 1)) {
    const hours = officeHours(cal, day);
    if (hours === null || hours[1] <= cursor) {
      closedDays += 1;
      continue;
    }
    closedDays = 0;
    const from = Math.max(hours[0], cursor);
    const available = hours[1] - from;
    if (remaining === 0 && available > 0) return new Date(from);
    if (remaining > 0 && remaining <= available) return new Date(from + remaining);
    remaining -= Math.max(0, available);
  }
  throw new RangeError('the working calendar has no office hours for ten years: check its working days');
}

/**
 * Milliseconds of working time between two instants (office hours on working, non-holiday days
 * that fall within [a, b)); 0 when b is not after a. Inverse of addWorkingTime: for d > 0,
 * workingTimeBetween(s, addWorkingTime(s, d)) === d.
 */
export function workingTimeBetween(a: Date, b: Date, calendar: WorkingCalendar): number {
  const cal = compile(calendar);
  const from = instantMs(a, 'a');
  const to = instantMs(b, 'b');
  if (to <= from) return 0;
  const lastDay = isoDateOf(localDateOf(to, cal.zone));
  let total = 0;
  for (let day = localDateOf(from, cal.zone); isoDateOf(day) <= lastDay; day = addDays(day, 1)) {
    const hours = officeHours(cal, day);
    if (hours === null) continue;
    total += Math.max(0, Math.min(hours[1], to) - Math.max(hours[0], from));
  }
  return total;
}
