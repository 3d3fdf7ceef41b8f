import { describe, expect, it } from 'vitest';
import { dateInputIssue, dateTimeInputIssue, typedTimeOfDay } from './DateInput.tsx';

describe('the GOV.UK date input with a time', () => {
  it('names the field for an impossible date, a missing part or a missing or impossible time', () => {
    expect(dateTimeInputIssue('', 'Due by')).toBeUndefined();
    expect(dateTimeInputIssue('2027-02-28T09:30', 'Due by')).toBeUndefined();
    expect(dateTimeInputIssue('31/2/2027T09:30', 'Due by')).toBe('Due by must be a real date');
    expect(dateTimeInputIssue('28//2027T09:30', 'Due by')).toBe('Due by must include a month');
    expect(dateTimeInputIssue('T09:30', 'Due by')).toBe('Due by must include a date');
    expect(dateTimeInputIssue('2027-02-28T', 'Due by')).toBe('Due by must include a time');
    expect(dateTimeInputIssue('2027-02-28T25:00', 'Due by')).toBe('Due by must be a real time on the 24-hour clock, for example 14:30');
    expect(dateInputIssue('29/2/2027', 'Next review')).toBe('Next review must be a real date');
    expect(dateInputIssue('2028-02-29', 'Next review')).toBeUndefined();
  });
  it('reads a typed time as HH:MM where it is one', () => {
    expect(typedTimeOfDay('9:30')).toBe('09:30');
    expect(typedTimeOfDay(' 9.30 ')).toBe('09:30');
    expect(typedTimeOfDay('14.05')).toBe('14:05');
    expect(typedTimeOfDay('14:3')).toBe('14:3');
    expect(typedTimeOfDay('noon')).toBe('noon');
  });
});
