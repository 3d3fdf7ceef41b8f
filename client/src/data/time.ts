/** Dates and times, always shown in UK local time (Europe/London), never the browser's zone. */
import { formatUkDate, formatUkDateOf, formatUkDateTime, formatUkDateTimeSeconds, formatUkHappened, UK_ZONE, type Happened } from '@mashboard/shared';

export { UK_ZONE };

const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

// One date style everywhere: the board shows dates exactly as the documents and exports do (shared/src/dates.ts).
/** "Saturday 21 November 2026, 09:30:05" (UK local time, to the second: for the audit log). */
export const formatDateTimeSeconds = formatUkDateTimeSeconds;
/** "Saturday 21 November 2026, 09:30" (UK local time). */
export const formatDateTime = formatUkDateTime;
/** "21 November 2026" (UK local date of an instant). */
export const formatDate = formatUkDateOf;
/** "3 March 2026" for a calendar date YYYY-MM-DD. */
export const formatCalendarDate = formatUkDate;

interface LondonParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function londonParts(date: Date): LondonParts {
  const out: Record<string, number> = {};
  for (const p of partsFmt.formatToParts(date)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Today's date in the UK, YYYY-MM-DD. */
export function londonToday(now: Date = new Date()): string {
  const p = londonParts(now);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Now in the UK as a datetime-local value, "YYYY-MM-DDTHH:MM". */
export function londonNowLocal(now: Date = new Date()): string {
  const p = londonParts(now);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(date: Date): number {
  const p = londonParts(date);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * A datetime-local value ("2026-03-29T09:30") read as UK local time, as ISO 8601 with its offset
 * ("2026-03-29T09:30:00+01:00"). Returns null when the value is not a valid date and time.
 * In the hour that does not exist (clocks go forward) the later offset is used; in the repeated
 * hour (clocks go back) the first (summer time) occurrence is used.
 */
export function londonLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wallAsUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Try the summer offset first (so the repeated hour resolves to its first occurrence), then winter.
  let chosen: number | null = null;
  for (const offset of [60, 0]) {
    const instant = new Date(wallAsUtc - offset * 60000);
    if (londonOffsetMinutes(instant) === offset) {
      chosen = offset;
      break;
    }
  }
  if (chosen === null) chosen = londonOffsetMinutes(new Date(wallAsUtc - 60 * 60000)); // gap hour
  const sign = chosen >= 0 ? '+' : '-';
  const abs = Math.abs(chosen);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
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
