import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, instantAt, isTimeZone, parseWallTime, readZoneDays, rememberZoneDays, ukDateOf, zonedTime, zoneOffsetMs, type WallTime } from './zone.ts';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const wall = (s: string): WallTime => parseWallTime(s)!;

describe('London wall-clock time through Intl', () => {
  it('reads winter and summer time, and the day an instant falls on', () => {
    expect(zonedTime(Date.parse('2026-01-15T09:30:05.250Z'))).toEqual({ year: 2026, month: 1, day: 15, hour: 9, minute: 30, second: 5, millisecond: 250, weekday: 4 });
    expect(zonedTime(new Date('2026-07-15T23:30:00Z'))).toMatchObject({ year: 2026, month: 7, day: 16, hour: 0, minute: 30, weekday: 4 });
    expect(ukDateOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12-31');
    expect(ukDateOf(new Date('2026-06-30T23:00:00Z'))).toBe('2026-07-01');
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'))).toBe(0);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'))).toBe(H);
  });

  it('changes offset at 01:00 UTC on the last Sunday of March and of October', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:59Z'))).toBe(0);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'))).toBe(H);
    expect(zonedTime(Date.parse('2026-03-29T00:59:59Z'))).toMatchObject({ hour: 0, minute: 59, second: 59 });
    expect(zonedTime(Date.parse('2026-03-29T01:00:00Z'))).toMatchObject({ hour: 2, minute: 0, second: 0 });
    expect(zoneOffsetMs(Date.parse('2026-10-25T00:59:59Z'))).toBe(H);
    expect(zoneOffsetMs(Date.parse('2026-10-25T01:00:00Z'))).toBe(0);
    expect(zonedTime(Date.parse('2026-10-25T00:59:59Z'))).toMatchObject({ hour: 1, minute: 59, second: 59 });
    expect(zonedTime(Date.parse('2026-10-25T01:00:00Z'))).toMatchObject({ hour: 1, minute: 0, second: 0 });
  });

  it('reads a wall time as an instant, winter and summer', () => {
    expect(iso(instantAt(wall('2026-01-15T09:30')))).toBe('2026-01-15T09:30:00.000Z');
    expect(iso(instantAt(wall('2026-07-15T09:30')))).toBe('2026-07-15T08:30:00.000Z');
    expect(iso(instantAt(wall('2026-03-29T00:59')))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(instantAt(wall('2026-03-29T02:00')))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantAt(wall('2026-10-25T00:59')))).toBe('2026-10-24T23:59:00.000Z');
    expect(iso(instantAt(wall('2026-10-25T02:00')))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('moves a time that does not exist (clocks forward) on by the hour the clocks skip', () => {
    // 01:00–01:59 on 29 March 2026 never shows on a London clock: 01:30 is read as 02:30 BST.
    expect(iso(instantAt(wall('2026-03-29T01:00')))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantAt(wall('2026-03-29T01:30')))).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedTime(instantAt(wall('2026-03-29T01:30')))).toMatchObject({ hour: 2, minute: 30 });
    expect(iso(instantAt(wall('2027-03-28T01:59:59')))).toBe('2027-03-28T01:59:59.000Z');
  });

  it('takes the first of a time that happens twice (clocks back): summer time', () => {
    expect(iso(instantAt(wall('2026-10-25T01:00')))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(instantAt(wall('2026-10-25T01:30')))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantAt(wall('2026-10-25T01:59:59')))).toBe('2026-10-25T00:59:59.000Z');
    expect(iso(instantAt(wall('2027-10-31T01:30')))).toBe('2027-10-31T00:30:00.000Z');
  });

  it('works in other zones, including one whose clocks change at midnight', () => {
    expect(iso(instantAt(wall('2026-07-01T09:00'), 'America/New_York'))).toBe('2026-07-01T13:00:00.000Z');
    expect(iso(instantAt(wall('2026-07-01T09:00'), 'Asia/Kolkata'))).toBe('2026-07-01T03:30:00.000Z');
    // Santiago goes forward at midnight on 6 September 2026: 00:00 does not exist, 01:00 is the first hour of the day.
    expect(zonedTime(instantAt(wall('2026-09-06T00:00'), 'America/Santiago'), 'America/Santiago')).toMatchObject({ day: 6, hour: 1, minute: 0 });
  });

  it('knows the zones the platform knows', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Londn')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('reads only real dates and times written YYYY-MM-DD[THH:MM[:SS]]', () => {
    expect(parseWallTime('2026-03-29')).toEqual({ year: 2026, month: 3, day: 29, hour: 0, minute: 0, second: 0 });
    expect(parseWallTime('2026-03-29T09:30')).toEqual({ year: 2026, month: 3, day: 29, hour: 9, minute: 30, second: 0 });
    expect(parseWallTime('2026-02-30')).toBeNull();
    expect(parseWallTime('2026-02-28T24:00')).toBeNull();
    expect(parseWallTime('2026-02-28T09:60')).toBeNull();
    expect(parseWallTime('28/02/2026')).toBeNull();
    expect(addDays(wall('2026-12-31'), 1)).toMatchObject({ year: 2027, month: 1, day: 1 });
    expect(addDays(wall('2028-02-28'), 1)).toMatchObject({ year: 2028, month: 2, day: 29 });
  });
});

describe('agrees with luxon (an independent reading of the IANA data), 1990–2040', () => {
  const zones = fc.constantFrom('Europe/London', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'UTC');
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 11, 31) });
  const params = { numRuns: 500, seed: 20_261_129 };

  it('on the wall clock of any instant', () => {
    fc.assert(
      fc.property(instant, zones, (ms, zone) => {
        const l = DateTime.fromMillis(ms, { zone });
        expect(zonedTime(ms, zone)).toEqual({ year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, second: l.second, millisecond: l.millisecond, weekday: l.weekday });
        expect(zoneOffsetMs(ms, zone)).toBe(l.offset * 60_000);
      }),
      params,
    );
  });

  it('on the instant of a wall time around every London clock change, 1996–2040', () => {
    /** The last Sunday of a month, found with plain UTC dates. */
    const lastSunday = (year: number, month: number) => {
      const last = new Date(Date.UTC(year, month, 0));
      return last.getUTCDate() - last.getUTCDay();
    };
    const arb = fc.record({
      year: fc.integer({ min: 1996, max: 2040 }),
      month: fc.constantFrom(3, 10),
      hour: fc.integer({ min: 0, max: 3 }),
      minute: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(arb, ({ year, month, hour, minute }) => {
        const w = { year, month, day: lastSunday(year, month), hour, minute, second: 0 };
        const ms = instantAt(w);
        if (month === 10 && hour === 1) {
          // Happens twice: the first, summer-time one (luxon's answer depends on today's offset here).
          expect(ms).toBe(Date.UTC(year, 9, w.day, 0, minute));
          expect(zonedTime(ms + H)).toMatchObject({ hour: 1, minute });
        } else {
          // Happens once, or never (01:xx in March, moved on by the hour): as luxon reads it.
          expect(ms).toBe(DateTime.fromObject(w, { zone: 'Europe/London' }).toMillis());
          expect(zonedTime(ms)).toMatchObject(month === 3 && hour === 1 ? { hour: 2, minute } : { hour, minute });
        }
      }),
      params,
    );
  });

  it('never moves a wall time by more than the change of offset around it', () => {
    fc.assert(
      fc.property(instant, zones, (ms, zone) => {
        const t = zonedTime(ms, zone);
        const w = { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
        const back = instantAt(w, zone);
        const whole = ms - t.millisecond;
        // Reading the clock back gives this instant, or the first time the clock showed the same (a repeat).
        expect(back).toBeLessThanOrEqual(whole);
        expect(whole - back).toBeLessThanOrEqual(Math.abs(zoneOffsetMs(whole - 86_400_000, zone) - zoneOffsetMs(whole + 86_400_000, zone)));
        if (back !== whole) expect(zonedTime(back, zone)).toMatchObject({ hour: t.hour, minute: t.minute, second: t.second });
      }),
      params,
    );
  });
});

describe('offsets read aside (in a worker) and remembered on the page', () => {
  it('give the wall clock luxon reads, on the days the clocks change too', () => {
    // Santiago's clocks change at midnight local time, twice a year; this zone is read nowhere else in the file.
    const from = Date.UTC(2024, 0, 1);
    const to = Date.UTC(2026, 0, 1);
    const days = readZoneDays('America/Santiago', from, to);
    expect(days.offsets).toHaveLength(731);
    expect(days.offsets.filter((o) => o === null)).toHaveLength(4);
    rememberZoneDays(days);
    for (let ms = from; ms < to; ms += 7 * H + 123_457) {
      const l = DateTime.fromMillis(ms, { zone: 'America/Santiago' });
      expect(zoneOffsetMs(ms, 'America/Santiago'), iso(ms)).toBe(l.offset * 60_000);
    }
  });

  it('are used as given, so the page builds no formatter for those days, but never replace a day read here', () => {
    const day = Math.floor(Date.UTC(2025, 5, 2) / 86_400_000);
    // Kathmandu is 5 h 45 min ahead all year; a remembered day says otherwise, and is believed.
    rememberZoneDays({ zone: 'Asia/Kathmandu', firstDay: day, offsets: [H] });
    expect(zoneOffsetMs(day * 86_400_000 + 1_000, 'Asia/Kathmandu')).toBe(H);
    expect(zoneOffsetMs((day + 1) * 86_400_000 + 1_000, 'Asia/Kathmandu')).toBe(5.75 * H);
    rememberZoneDays({ zone: 'Asia/Kathmandu', firstDay: day + 1, offsets: [2 * H] });
    expect(zoneOffsetMs((day + 1) * 86_400_000 + 1_000, 'Asia/Kathmandu')).toBe(5.75 * H);
  });
});
