import { describe, expect, it } from 'vitest';
import { formatAgo, formatDateTime, formatHappened, formatPolicyHours, londonLocalToIso, londonToday, nextAgoChange, ukDayAround } from './time.ts';
import { ageText, childShort } from './children.ts';

describe('UK time', () => {
  it('reads datetime-local as Europe/London, with the right offset', () => {
    expect(londonLocalToIso('2026-01-15T09:30')).toBe('2026-01-15T09:30:00+00:00');
    expect(londonLocalToIso('2026-07-15T09:30')).toBe('2026-07-15T09:30:00+01:00');
    expect(new Date(londonLocalToIso('2026-07-15T09:30')!).toISOString()).toBe('2026-07-15T08:30:00.000Z');
    // the repeated hour when clocks go back: first (summer) occurrence
    expect(londonLocalToIso('2026-10-25T01:30')).toBe('2026-10-25T01:30:00+01:00');
    expect(londonLocalToIso('2026-02-30T09:00')).toBeNull();
    expect(londonLocalToIso('nonsense')).toBeNull();
  });
  it('formats instants in UK local time', () => {
    expect(formatDateTime('2026-07-15T08:30:00Z')).toBe('Wednesday 15 July 2026, 09:30');
    expect(formatDateTime('2026-01-15T23:30:00Z')).toBe('Thursday 15 January 2026, 23:30');
    expect(londonToday(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });
  it('formats when something happened with its precision', () => {
    expect(formatHappened({ precision: 'approximate', date: '2026-03-03' })).toBe('about 3 March 2026');
    expect(formatHappened({ precision: 'exact', date: '2026-03-03', time: '14:05' })).toBe('3 March 2026, 14:05');
    expect(formatHappened({ precision: 'unknown' })).toBe('date not known');
  });
  it('names children with initial and age, or unborn', () => {
    const child = { id: 'k', firstName: 'Ayesha', lastName: 'rahman', dateOfBirth: '2019-10-12' };
    expect(childShort(child, '2026-11-21')).toBe('Ayesha R., 7');
    expect(ageText({ dateOfBirth: '2026-08-01' }, '2026-11-21')).toBe('3 months');
    expect(ageText({ expectedDateOfBirth: '2027-03-03' }, '2026-11-21')).toBe('unborn, due 3 March 2027');
  });
});

describe('policy hours in words', () => {
  it('whole and fractional hours, minutes under an hour, never a long fraction', () => {
    expect(formatPolicyHours(24)).toBe('24 hours');
    expect(formatPolicyHours(1)).toBe('1 hour');
    expect(formatPolicyHours(1.5, 'working hours')).toBe('1.5 working hours');
    expect(formatPolicyHours(1, 'working hours')).toBe('1 working hour');
    expect(formatPolicyHours(0.5)).toBe('30 minutes');
    expect(formatPolicyHours(0.5, 'working hours')).toBe('30 working minutes');
    expect(formatPolicyHours(3 / 3600)).toBe('less than a minute');
    expect(formatPolicyHours(1 / 60)).toBe('1 minute');
  });
});

describe('the moments a time on screen changes', () => {
  it('knows the UK day an instant falls on, 23 hours long when the clocks go forward', () => {
    expect(ukDayAround(Date.parse('2026-11-21T23:30:00Z'))).toEqual({ start: Date.parse('2026-11-21T00:00:00Z'), end: Date.parse('2026-11-22T00:00:00Z') });
    expect(ukDayAround(Date.parse('2026-07-15T23:30:00Z'))).toEqual({ start: Date.parse('2026-07-15T23:00:00Z'), end: Date.parse('2026-07-16T23:00:00Z') });
    const spring = ukDayAround(Date.parse('2026-03-29T12:00:00Z'));
    expect(spring.end - spring.start).toBe(23 * 3_600_000);
  });

  it('reads "5 min ago" again when its rounded minutes change', () => {
    const iso = '2026-11-21T12:00:00Z';
    const at = Date.parse(iso);
    for (const now of [at, at + 29_999, at + 30_000, at + 5 * 60_000 + 12_345]) {
      const next = nextAgoChange(iso, now);
      expect(next).toBeGreaterThan(now);
      expect(formatAgo(iso, next - 1)).toBe(formatAgo(iso, now));
      expect(formatAgo(iso, next)).not.toBe(formatAgo(iso, now));
    }
  });
});
