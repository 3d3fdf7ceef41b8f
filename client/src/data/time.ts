/** Dates and times, always shown in UK local time (Europe/London), never the browser's zone. */
import {
  addDays,
  formatUkDate,
  formatUkDateOf,
  formatUkDateTime,
  formatUkDateTimeSeconds,
  formatUkHappened,
  instantAt,
  parseWallTime,
  ukDateOf,
  UK_ZONE,
  utcMs,
  zonedTime,
  type Happened,
} from '@mashboard/shared';

export { UK_ZONE };

// One date style everywhere: the board shows dates exactly as the documents and exports do (shared/src/dates.ts).
/** "Saturday 21 November 2026, 09:30:05" (UK local time, to the second: for the audit log). */
export const formatDateTimeSeconds = formatUkDateTimeSeconds;
/** "Saturday 21 November 2026, 09:30" (UK local time). */
export const formatDateTime = formatUkDateTime;
/** "21 November 2026" (UK local date of an instant). */
export const formatDate = formatUkDateOf;
/** "3 March 2026" for a calendar date YYYY-MM-DD. */
export const formatCalendarDate = formatUkDate;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today's date in the UK, YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  return ukDateOf(now);
}

/** The UK calendar day an instant falls on, as the instants it starts and ends (the next day's start): 23 or 25 hours when the clocks change. */
export function ukDayAround(instant: number): { start: number; end: number } {
  const day = parseWallTime(ukDateOf(instant))!;
  return { start: instantAt(day, UK_ZONE), end: instantAt(addDays(day, 1), UK_ZONE) };
}

/** Now in the UK as a datetime-local value, "YYYY-MM-DDTHH:MM". */
export function londonNowLocal(now: Date = new Date()): string {
  const t = zonedTime(now, UK_ZONE);
  return `${ukDateOf(now)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/**
 * A datetime-local value ("2026-03-29T09:30") read as UK local time, as ISO 8601 with its offset
 * ("2026-03-29T09:30:00+01:00"). Returns null when the value is not a valid date and time.
 * A time that does not exist (clocks go forward) keeps its wall time with the winter offset, so it
 * is the instant an hour later on the summer clock; in the repeated hour (clocks go back) the
 * first (summer time) occurrence is used (shared `instantAt`).
 */
export function londonLocalToIso(local: string): string | null {
  if (!/T/.test(local)) return null;
  const wall = parseWallTime(local);
  if (!wall) return null;
  const offsetMinutes = Math.round((utcMs(wall) - instantAt(wall, UK_ZONE)) / 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as a UK datetime-local value (for prefilling an input). */
export function isoToLondonLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return londonNowLocal(d);
}

/** "3 March 2026, 14:05", "about 3 March 2026", "date not known". */
export function formatHappened(h: Partial<Happened> | undefined): string {
  return formatUkHappened(h);
}

/** Sort key for when something happened: unknown dates sort last. */
export function happenedSortKey(h: Partial<Happened> | undefined): string {
  if (!h || h.precision === 'unknown' || !h.date) return '9999-99-99T99:99';
  return `${h.date}T${h.time ?? '00:00'}`;
}

/** "5 min ago", "2 h 10 min ago" (for short notes; absolute time is always shown too). */
export function formatAgo(iso: string, now: number = Date.now()): string {
  const mins = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (mins < 1) return 'just now';
  if (mins < 60) return `${mins} min ago`;
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  if (h < 48) return m ? `${h} h ${m} min ago` : `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** The first moment after `now` at which formatAgo(iso, ·) can read differently: its minutes are rounded, so they change half-way through each one. */
export function nextAgoChange(iso: string, now: number): number {
  const at = new Date(iso).getTime();
  return at + (Math.floor((now - at) / 60000 + 0.5) + 0.5) * 60000;
}

/**
 * A policy's time allowed, in words a person reads at a glance: "24 hours", "1.5 hours",
 * "30 minutes", "less than a minute" (never a long fraction of an hour). `unit` names the hours
 * ("working hours" when counted on the working calendar).
 */
export function formatPolicyHours(hours: number, unit = 'hours'): string {
  if (hours >= 1) {
    const shown = Math.round(hours * 10) / 10;
    return `${shown.toLocaleString('en-GB')} ${shown === 1 ? unit.replace(/hours$/, 'hour') : unit}`;
  }
  const minutes = Math.round(hours * 60);
  const prefix = unit === 'hours' ? '' : `${unit.replace(/ ?hours$/, '')} `.replace(/^ $/, '');
  if (minutes < 1) return `less than a ${prefix}minute`;
  return `${minutes} ${prefix}${minutes === 1 ? 'minute' : 'minutes'}`;
}
