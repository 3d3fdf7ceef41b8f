import { describe, expect, it } from 'vitest';
import { bankHolidaysKnownUntil, calendarRunningOut, DEFAULT_CALENDAR } from './calendar.ts';

describe('a calendar running out of bank holidays', () => {
  it('is known until the end of the last year it lists', () => {
    expect(bankHolidaysKnownUntil(DEFAULT_CALENDAR)).toBe('2028-12-31');
    expect(bankHolidaysKnownUntil({ bankHolidays: [] })).toBeNull();
  });

  it('warns from six months before that day, and after it', () => {
    expect(calendarRunningOut(DEFAULT_CALENDAR, new Date('2028-06-30T22:59:59Z'))).toBeNull();
    expect(calendarRunningOut(DEFAULT_CALENDAR, new Date('2028-07-01T00:00:00Z'))).toBe('2028-12-31');
    expect(calendarRunningOut(DEFAULT_CALENDAR, new Date('2029-03-01T00:00:00Z'))).toBe('2028-12-31');
  });

  it('never warns about a calendar that lists no bank holidays by choice', () => {
    expect(calendarRunningOut({ bankHolidays: [] }, new Date('2040-01-01T00:00:00Z'))).toBeNull();
  });
});
