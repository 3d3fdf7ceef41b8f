/**
 * One date style everywhere (board, documents, exports, alerts): the UK's unambiguous long form,
 * "14 March 2019" and "Sunday 29 November 2026, 14:24", always in London time, never the reader's
 * zone or locale. Month and day names are fixed English words, so the server and every browser
 * print the same. And the reading of a GOV.UK date input (day, month and year fields), with the
 * GOV.UK error messages.
 */
import { UK_ZONE, zonedTime, type ZonedTime } from './zone.ts';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** Is YYYY-MM-DD a date that exists (not 31 February)? */
export function isRealCalendarDate(ymd: string): boolean {
  const m = CALENDAR_DATE.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar date YYYY-MM-DD (a date of birth, a day something happened) as "14 March 2019"; anything else is returned as it is. */
export function formatUkDate(ymd: string): string {
  const m = CALENDAR_DATE.exec(ymd);
  if (!m) return ymd;
  return `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

function london(instant: Date | string): ZonedTime | null {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return null;
  return zonedTime(date, UK_ZONE);
}

/** The London date of an instant: "29 November 2026". */
export function formatUkDateOf(instant: Date | string): string {
  const t = london(instant);
  return t ? `${t.day} ${MONTH_NAMES[t.month - 1]} ${t.year}` : String(instant);
}

/** The London time of day of an instant: "14:24". */
export function formatUkTime(instant: Date | string): string {
  const t = london(instant);
  return t ? `${pad(t.hour)}:${pad(t.minute)}` : String(instant);
}

/** "Sunday 29 November 2026, 14:24" (London time). */
export function formatUkDateTime(instant: Date | string): string {
  const t = london(instant);
  if (!t) return String(instant);
  return `${WEEKDAY_NAMES[t.weekday - 1]} ${t.day} ${MONTH_NAMES[t.month - 1]} ${t.year}, ${pad(t.hour)}:${pad(t.minute)}`;
}

/** "Sunday 29 November 2026, 14:24:05" (London time, to the second: the audit log). */
export function formatUkDateTimeSeconds(instant: Date | string): string {
  const t = london(instant);
  if (!t) return String(instant);
  return `${formatUkDateTime(instant)}:${pad(t.second)}`;
}

/** When something happened, as known: "14 March 2019, 09:10", "about 14 March 2019", "date not known". */
export function formatUkHappened(h: { precision?: 'exact' | 'approximate' | 'unknown'; date?: string; time?: string } | undefined): string {
  if (!h || h.precision === 'unknown' || !h.date) return 'date not known';
  const day = formatUkDate(h.date);
  const at = h.time ? `${day}, ${h.time}` : day;
  return h.precision === 'approximate' ? `about ${at}` : at;
}

/** What a GOV.UK date input holds: the three fields as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DatePartName = keyof DateParts;

export type DatePartsReading = { kind: 'empty' } | { kind: 'date'; date: string } | { kind: 'error'; message: string; fields: DatePartName[] };

/** A month typed as a number, or as a name or its first three letters ("3", "03", "Mar", "march"). */
function monthNumber(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const name = text.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase() === name || (name.length >= 3 && m.toLowerCase().startsWith(name)));
  return i >= 0 ? i + 1 : null;
}

/**
 * Read a GOV.UK date input ("Date of birth": day, month, year). Errors follow the GOV.UK
 * pattern: say which part is missing ("Date of birth must include a month"), or that the date
 * is not real ("Date of birth must be a real date", e.g. 31 February), and name the fields to
 * highlight.
 */
export function readDateParts(parts: DateParts, label: string): DatePartsReading {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { kind: 'empty' };
  const missing = (['day', 'month', 'year'] as const).filter((f) => !{ day, month, year }[f]);
  if (missing.length > 0) {
    const words = missing.length === 1 ? `a ${missing[0]}` : missing.length === 2 ? `a ${missing[0]} and ${missing[1]}` : 'a day, month and year';
    return { kind: 'error', message: `${label} must include ${words}`, fields: [...missing] };
  }
  if (!/^\d{4}$/.test(year)) return { kind: 'error', message: 'Year must include 4 numbers', fields: ['year'] };
  const m = monthNumber(month);
  const d = /^\d{1,2}$/.test(day) ? Number(day) : null;
  const wrong: DatePartName[] = [];
  if (d === null || d < 1 || d > 31) wrong.push('day');
  if (m === null || m < 1 || m > 12) wrong.push('month');
  if (wrong.length > 0) return { kind: 'error', message: `${label} must be a real date`, fields: wrong };
  const date = `${year}-${pad(m!)}-${pad(d!)}`;
  if (!isRealCalendarDate(date)) return { kind: 'error', message: `${label} must be a real date`, fields: ['day', 'month', 'year'] };
  return { kind: 'date', date };
}

/** The fields of a GOV.UK date input for a YYYY-MM-DD date (empty fields for none). */
export function datePartsOf(ymd: string | undefined): DateParts {
  const m = CALENDAR_DATE.exec(ymd ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}
