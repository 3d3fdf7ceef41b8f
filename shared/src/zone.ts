/**
 * The one time-zone implementation, for the server, the documents and the browser alike: wall-clock
 * time in a named IANA zone (Europe/London above all) read from the platform's own time-zone data
 * through `Intl.DateTimeFormat`, so no date library ships to the browser and no offset is written by
 * hand. Instants are epoch milliseconds; calendar arithmetic on local dates is done in UTC, where no
 * day is skipped or repeated.
 */

/** Every date and time a person sees is UK time. */
export const UK_ZONE = 'Europe/London';

/** A reading of a wall clock: month 1–12, hour 0–23. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A wall-clock reading of an instant, with its ISO weekday (1 = Monday … 7 = Sunday). */
export interface ZonedTime extends WallTime {
  weekday: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;

/** One formatter per zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Is this a time zone the platform knows ("Europe/London", "UTC")? */
export function isTimeZone(zone: string): boolean {
  if (formatters.has(zone)) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** Epoch ms of a wall-clock reading taken as UTC (years 0–99 stay themselves, unlike Date.UTC). */
export function utcMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** ISO weekday of a calendar date, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  const sundayZero = new Date(utcMs({ ...date, hour: 0, minute: 0, second: 0 })).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** What the platform's time-zone data says a clock in `zone` reads at an instant, to the second. */
function intlWallTime(ms: number, zone: string): WallTime {
  const out = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(zone).formatToParts(ms)) {
    if (p.type in out) out[p.type as keyof WallTime] = Number(p.value);
  }
  out.hour %= 24; // some engines write midnight as 24 even with h23
  return out;
}

const wholeSecond = (ms: number) => ms - (((ms % 1000) + 1000) % 1000);

/**
 * Per zone, the offset of each UTC day on which it does not change (null: it changes that day).
 * Offsets change a few times a year, and the working calendar asks about the same days again and
 * again, so most readings need no call into Intl. Bounded: cleared when it grows past a few years.
 */
const steadyDays = new Map<string, Map<number, number | null>>();
const STEADY_DAYS_KEPT = 5_000;

function intlOffset(at: number, zone: string): number {
  return utcMs(intlWallTime(at, zone)) - wholeSecond(at);
}

/** The zone's offset all through a UTC day, or null if it changes that day. */
function readSteadyDay(day: number, zone: string): number | null {
  // No zone changes its offset and back within one day, so the same offset at both ends holds all day.
  const first = intlOffset(day * DAY_MS, zone);
  return first === intlOffset(day * DAY_MS + DAY_MS - 1000, zone) ? first : null;
}

function rememberSteadyDay(zone: string, day: number, offset: number | null): void {
  let days = steadyDays.get(zone);
  if (!days) steadyDays.set(zone, (days = new Map<number, number | null>()));
  if (days.size >= STEADY_DAYS_KEPT) days.clear();
  days.set(day, offset);
}

/** How far `zone` is ahead of UTC at an instant, in ms (London: 0 in winter, 3,600,000 in summer). */
export function zoneOffsetMs(instant: Date | number, zone: string = UK_ZONE): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const day = Math.floor(ms / DAY_MS);
  let steady = steadyDays.get(zone)?.get(day);
  if (steady === undefined) {
    steady = readSteadyDay(day, zone);
    rememberSteadyDay(zone, day, steady);
  }
  return steady ?? intlOffset(ms, zone);
}

/** A run of UTC days' offsets in a zone (null: the offset changes that day), as `readZoneDays` reads them. */
export interface ZoneDays {
  zone: string;
  firstDay: number;
  offsets: (number | null)[];
}

/**
 * The zone's offset on each UTC day from `fromMs` to `toMs`, read from the platform's time-zone
 * data. A browser reads them in a worker (its first date formatter costs 20–30 ms on a laptop and
 * several times that on a phone) and hands them to `rememberZoneDays` on the page.
 */
export function readZoneDays(zone: string, fromMs: number, toMs: number): ZoneDays {
  const firstDay = Math.floor(fromMs / DAY_MS);
  const offsets: (number | null)[] = [];
  for (let day = firstDay; day * DAY_MS < toMs; day++) offsets.push(readSteadyDay(day, zone));
  return { zone, firstDay, offsets };
}

/** Keeps days read elsewhere (`readZoneDays`), so times on them are shown with no formatter built here. */
export function rememberZoneDays({ zone, firstDay, offsets }: ZoneDays): void {
  offsets.forEach((offset, i) => {
    if (!steadyDays.get(zone)?.has(firstDay + i)) rememberSteadyDay(zone, firstDay + i, offset);
  });
}

/** What a clock in `zone` reads at this instant. */
export function zonedTime(instant: Date | number, zone: string = UK_ZONE): ZonedTime {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const local = new Date(ms + zoneOffsetMs(ms, zone));
  const sundayZero = local.getUTCDay();
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday: sundayZero === 0 ? 7 : sundayZero,
  };
}

/**
 * The instant a clock in `zone` reads this wall time. Where the clocks go forward the wall time
 * does not exist: it is moved on by the length of the gap (01:30 on the last Sunday of March in
 * London is 02:30 BST). Where they go back it happens twice: the first one is taken (01:30 on the
 * last Sunday of October is 01:30 BST, not the GMT one an hour later), whatever today's date (luxon's
 * answer there depends on the offset in force today).
 */
export function instantAt(wall: WallTime, zone: string = UK_ZONE): number {
  const asUtc = utcMs(wall);
  // No zone changes its offset twice within a day, so the offsets a day either side are the only
  // candidates; the one before gives the earlier instant when the wall time happens twice.
  const before = zoneOffsetMs(asUtc - DAY_MS, zone);
  const after = zoneOffsetMs(asUtc + DAY_MS, zone);
  for (const offset of before === after ? [before] : [before, after]) {
    if (zoneOffsetMs(asUtc - offset, zone) === offset) return asUtc - offset;
  }
  return asUtc - before; // in the gap: read with the offset in force before it
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A local calendar date as YYYY-MM-DD. */
export function isoDateOf(d: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** The last instant asked for and its UK date: every countdown on a page asks for the same one on a tick. */
let lastUkDate = { ms: Number.NaN, date: '' };

/** The date on a UK calendar at this instant, YYYY-MM-DD. */
export function ukDateOf(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (ms !== lastUkDate.ms) lastUkDate = { ms, date: isoDateOf(zonedTime(ms, UK_ZONE)) };
  return lastUkDate.date;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A local date and time as written in a form or a record ("2026-03-29T09:30", "2026-03-29" for
 * midnight) read in `zone`, or null when it is not a real date and time (31 February, 24:00).
 */
export function parseWallTime(local: string): WallTime | null {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const wall = { year, month, day, hour, minute, second };
  const check = new Date(utcMs(wall));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return wall;
}

/** The calendar date `days` after this one (UTC arithmetic: no day is skipped or repeated). */
export function addDays<T extends Pick<WallTime, 'year' | 'month' | 'day'>>(d: T, days: number): T {
  const next = new Date(utcMs({ year: d.year, month: d.month, day: d.day + days, hour: 0, minute: 0, second: 0 }));
  return { ...d, year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
