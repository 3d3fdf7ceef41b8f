import { describe, expect, it } from 'vitest';
import { datePartsOf, formatUkDate, formatUkDateOf, formatUkDateTime, formatUkDateTimeSeconds, formatUkHappened, readDateParts } from './dates.ts';

describe('one UK date style', () => {
  it('writes a calendar date with the month in words, never a number a reader could swap', () => {
    expect(formatUkDate('2019-03-14')).toBe('14 March 2019');
    expect(formatUkDate('2027-01-01')).toBe('1 January 2027');
  });

  it('writes an instant in London wall-clock time, winter and summer, with the weekday', () => {
    expect(formatUkDateTime('2026-11-29T14:24:00Z')).toBe('Sunday 29 November 2026, 14:24');
    expect(formatUkDateTime(new Date('2026-09-21T09:30:00Z'))).toBe('Monday 21 September 2026, 10:30');
    expect(formatUkDateTime('2026-12-31T23:59:00-01:00')).toBe('Friday 1 January 2027, 00:59');
    expect(formatUkDateTimeSeconds('2026-11-21T09:30:05Z')).toBe('Saturday 21 November 2026, 09:30:05');
    expect(formatUkDateOf('2026-06-30T23:30:00Z')).toBe('1 July 2026');
  });

  it('says how precisely a time is known', () => {
    expect(formatUkHappened({ precision: 'exact', date: '2026-11-02', time: '09:10' })).toBe('2 November 2026, 09:10');
    expect(formatUkHappened({ precision: 'approximate', date: '2024-03-01' })).toBe('about 1 March 2024');
    expect(formatUkHappened({ precision: 'unknown' })).toBe('date not known');
  });
});

describe('reading a GOV.UK date input', () => {
  const read = (day: string, month: string, year: string) => readDateParts({ day, month, year }, 'Date of birth');

  it('reads day, month and year, the month as a number or a name', () => {
    expect(read('14', '3', '2019')).toEqual({ kind: 'date', date: '2019-03-14' });
    expect(read(' 1 ', '03', '2019')).toEqual({ kind: 'date', date: '2019-03-01' });
    expect(read('14', 'March', '2019')).toEqual({ kind: 'date', date: '2019-03-14' });
    expect(read('14', 'mar', '2019')).toEqual({ kind: 'date', date: '2019-03-14' });
    expect(read('29', '2', '2024')).toEqual({ kind: 'date', date: '2024-02-29' });
    expect(read('', '', '')).toEqual({ kind: 'empty' });
  });

  it('refuses an impossible date, naming the fields to correct', () => {
    expect(read('31', '2', '2019')).toEqual({ kind: 'error', message: 'Date of birth must be a real date', fields: ['day', 'month', 'year'] });
    expect(read('29', '2', '2023')).toMatchObject({ kind: 'error', message: 'Date of birth must be a real date' });
    expect(read('14', '13', '2019')).toEqual({ kind: 'error', message: 'Date of birth must be a real date', fields: ['month'] });
    expect(read('0', '3', '2019')).toEqual({ kind: 'error', message: 'Date of birth must be a real date', fields: ['day'] });
    expect(read('14', 'Marchember', '2019')).toMatchObject({ fields: ['month'] });
  });

  it('says which part is missing, and that a year has 4 numbers', () => {
    expect(read('14', '', '2019')).toEqual({ kind: 'error', message: 'Date of birth must include a month', fields: ['month'] });
    expect(read('', '', '2019')).toEqual({ kind: 'error', message: 'Date of birth must include a day and month', fields: ['day', 'month'] });
    expect(read('14', '3', '19')).toEqual({ kind: 'error', message: 'Year must include 4 numbers', fields: ['year'] });
  });

  it('fills the fields back from a date', () => {
    expect(datePartsOf('2019-03-04')).toEqual({ day: '4', month: '3', year: '2019' });
    expect(datePartsOf(undefined)).toEqual({ day: '', month: '', year: '' });
  });
});
