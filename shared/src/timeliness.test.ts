import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatUkDateTime } from './dates.ts';
import {
  addWorkingTime,
  DEFAULT_CALENDAR,
  DEFAULT_POLICY,
  deadlineTimes,
  decisionRule,
  describeTimeLeft,
  informationRequestRule,
  isWithinOfficeHours,
  RATING_LABELS,
  RATINGS,
  timesUntil,
  workingDayMs,
  workingDaysDeadline,
  workingTimeBetween,
  type TimelinessPolicyInput,
} from './timeliness.ts';
import { WorkingCalendarSchema } from './calendar.schema.ts';
import { TimelinessPolicySchema } from './timeliness.schema.ts';

const H = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const cal = DEFAULT_CALENDAR;
const add = (start: string, ms: number) => addWorkingTime(at(start), ms, cal).toISOString();

describe('working calendar: adding working time', () => {
  it('counts across a weekend: Fri 15:00 + 8 working hours is Mon 15:00', () => {
    expect(add('2026-11-20T15:00:00Z', 8 * H)).toBe('2026-11-23T15:00:00.000Z');
  });

  it('skips bank holidays: Thu 24 Dec 2026 15:00 + 8 working hours is Tue 29 Dec 15:00', () => {
    // 25 Dec (Fri) and 28 Dec (Mon, substitute for Boxing Day) are bank holidays; 26–27 the weekend.
    expect(add('2026-12-24T15:00:00Z', 8 * H)).toBe('2026-12-29T15:00:00.000Z');
  });

  it('a start at 20:00 counts from 09:00 the next working day', () => {
    expect(add('2026-11-17T20:00:00Z', 2 * H)).toBe('2026-11-18T11:00:00.000Z');
  });

  it('a start on Saturday counts from 09:00 on Monday', () => {
    expect(add('2026-11-21T10:00:00Z', 1 * H)).toBe('2026-11-23T10:00:00.000Z');
  });

  it('a start before opening counts from 09:00 that day', () => {
    expect(add('2026-11-23T07:15:00Z', 30 * MIN)).toBe('2026-11-23T09:30:00.000Z');
  });

  it('a duration that uses up the day exactly ends at dayEnd, not the next opening', () => {
    expect(add('2026-11-23T09:00:00Z', 8 * H)).toBe('2026-11-23T17:00:00.000Z');
    expect(add('2026-11-23T16:00:00Z', 1 * H)).toBe('2026-11-23T17:00:00.000Z');
    expect(add('2026-11-23T16:00:00Z', 1 * H + 1)).toBe('2026-11-24T09:00:00.001Z');
  });

  it('duration 0 is the start itself during office hours, otherwise the next opening', () => {
    expect(add('2026-11-23T11:11:00Z', 0)).toBe('2026-11-23T11:11:00.000Z');
    expect(add('2026-11-23T09:00:00Z', 0)).toBe('2026-11-23T09:00:00.000Z');
    expect(add('2026-11-23T17:00:00Z', 0)).toBe('2026-11-24T09:00:00.000Z'); // dayEnd counts as closed
    expect(add('2026-11-21T10:00:00Z', 0)).toBe('2026-11-23T09:00:00.000Z');
    expect(add('2026-12-24T18:00:00Z', 0)).toBe('2026-12-29T09:00:00.000Z');
  });

  it('refuses a negative or non-finite duration and an invalid start', () => {
    expect(() => addWorkingTime(at('2026-11-23T10:00:00Z'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2026-11-23T10:00:00Z'), Number.NaN, cal)).toThrow(RangeError);
    expect(() => addWorkingTime(at('2026-11-23T10:00:00Z'), Number.POSITIVE_INFINITY, cal)).toThrow(RangeError);
    expect(() => addWorkingTime(new Date(Number.NaN), H, cal)).toThrow(/start is not a valid date/);
  });

  it('refuses a calendar that never opens instead of looping for ever', () => {
    const never = { ...DEFAULT_CALENDAR, workingDays: [] };
    expect(() => addWorkingTime(at('2026-11-23T10:00:00Z'), H, never)).toThrow(/WorkingCalendarSchema/);
  });

  it('follows an edited calendar: Saturday working, 08:00–12:30', () => {
    const saturdays = WorkingCalendarSchema.parse({ workingDays: [6], dayStart: '08:00', dayEnd: '12:30' });
    expect(workingDayMs(saturdays)).toBe(4.5 * H);
    expect(addWorkingTime(at('2026-11-20T10:00:00Z'), 5 * H, saturdays).toISOString()).toBe('2026-11-28T08:30:00.000Z');
  });

  it('tells whether the office is open at an instant', () => {
    expect(isWithinOfficeHours(at('2026-11-23T09:00:00Z'), cal)).toBe(true);
    expect(isWithinOfficeHours(at('2026-11-23T16:59:59.999Z'), cal)).toBe(true);
    expect(isWithinOfficeHours(at('2026-11-23T17:00:00Z'), cal)).toBe(false);
    expect(isWithinOfficeHours(at('2026-11-21T12:00:00Z'), cal)).toBe(false); // Saturday
    expect(isWithinOfficeHours(at('2026-12-28T12:00:00Z'), cal)).toBe(false); // bank holiday
    expect(isWithinOfficeHours(at('2026-07-01T08:30:00Z'), cal)).toBe(true); // 09:30 BST
  });
});

describe('working calendar: working time between two instants', () => {
  it('is 0 when b is not after a', () => {
    expect(workingTimeBetween(at('2026-11-23T12:00:00Z'), at('2026-11-23T12:00:00Z'), cal)).toBe(0);
    expect(workingTimeBetween(at('2026-11-23T12:00:00Z'), at('2026-11-23T10:00:00Z'), cal)).toBe(0);
  });

  it('counts only office hours on working days', () => {
    expect(workingTimeBetween(at('2026-11-20T15:00:00Z'), at('2026-11-23T15:00:00Z'), cal)).toBe(8 * H);
    expect(workingTimeBetween(at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z'), cal)).toBe(40 * H);
    expect(workingTimeBetween(at('2026-11-21T00:00:00Z'), at('2026-11-23T00:00:00Z'), cal)).toBe(0);
  });

  it('leaves out the bank holidays of Christmas week', () => {
    // Mon 21 – Sun 27 Dec 2026: Friday 25 is a bank holiday, so 4 working days.
    expect(workingTimeBetween(at('2026-12-21T00:00:00Z'), at('2026-12-28T00:00:00Z'), cal)).toBe(32 * H);
  });
});

describe('clock changes (Europe/London)', () => {
  it('March, clock basis: 4 clock hours across the 01:00 jump are 4 real hours', () => {
    const start = at('2026-03-29T00:30:00Z'); // Sun 29 Mar 2026 00:30 GMT
    const times = deadlineTimes(start, { withinHours: 4, basis: 'clock', warnAtFraction: 0.75 }, cal);
    expect(times!.dueAt.getTime() - start.getTime()).toBe(4 * H);
    expect(formatUkDateTime(times!.dueAt)).toBe('Sunday 29 March 2026, 05:30'); // BST: wall clock moved 5 h
  });

  it('March, working basis: office hours stay 09:00–17:00 local after BST starts', () => {
    // Fri 27 Mar 13:00 GMT + 8 working hours = Mon 30 Mar 13:00 BST (12:00 UTC).
    expect(add('2026-03-27T13:00:00Z', 8 * H)).toBe('2026-03-30T12:00:00.000Z');
    // Monday 30 March still has 8 working hours: 09:00 BST to 17:00 BST.
    expect(add('2026-03-30T08:00:00Z', 8 * H)).toBe('2026-03-30T16:00:00.000Z');
    expect(workingTimeBetween(at('2026-03-27T00:00:00Z'), at('2026-03-31T00:00:00Z'), cal)).toBe(16 * H);
  });

  it('October, clock basis: 4 clock hours across the 02:00 fall-back are 4 real hours', () => {
    const start = at('2026-10-24T23:30:00Z'); // Sun 25 Oct 2026 00:30 BST
    const times = deadlineTimes(start, { withinHours: 4, basis: 'clock', warnAtFraction: 0.75 }, cal);
    expect(times!.dueAt.toISOString()).toBe('2026-10-25T03:30:00.000Z');
    expect(formatUkDateTime(times!.dueAt)).toBe('Sunday 25 October 2026, 03:30'); // GMT: wall clock moved 3 h
  });

  it('October, working basis: office hours stay 09:00–17:00 local after BST ends', () => {
    // Fri 23 Oct 13:00 BST (12:00 UTC) + 8 working hours = Mon 26 Oct 13:00 GMT.
    expect(add('2026-10-23T12:00:00Z', 8 * H)).toBe('2026-10-26T13:00:00.000Z');
    expect(add('2026-10-26T09:00:00Z', 8 * H)).toBe('2026-10-26T17:00:00.000Z');
    expect(workingTimeBetween(at('2026-10-23T00:00:00Z'), at('2026-10-27T00:00:00Z'), cal)).toBe(16 * H);
  });
});

describe('deadlines from the policy', () => {
  it('a red 4 h clock deadline set at 23:00 on a Sunday is due at 03:00 on Monday', () => {
    const times = deadlineTimes(at('2026-11-22T23:00:00Z'), decisionRule(DEFAULT_POLICY, 'red'), cal);
    expect(times).toEqual({ dueAt: at('2026-11-23T03:00:00Z'), warnAt: at('2026-11-23T02:00:00Z') });
  });

  it('the default policy gives Amber 24 h and Green 72 h round the clock, warning at 75%', () => {
    const start = at('2026-11-20T16:00:00Z');
    expect(deadlineTimes(start, decisionRule(DEFAULT_POLICY, 'amber'), cal)).toEqual({
      dueAt: at('2026-11-21T16:00:00Z'),
      warnAt: at('2026-11-21T10:00:00Z'),
    });
    expect(deadlineTimes(start, decisionRule(DEFAULT_POLICY, 'green'), cal)?.dueAt).toEqual(at('2026-11-23T16:00:00Z'));
  });

  it('Blue has no decision target, but its information requests do', () => {
    expect(deadlineTimes(at('2026-11-20T16:00:00Z'), decisionRule(DEFAULT_POLICY, 'blue'), cal)).toBeNull();
    expect(informationRequestRule(DEFAULT_POLICY, 'blue')).toEqual({ withinHours: 72, basis: 'clock', warnAtFraction: 0.75 });
    expect(informationRequestRule(DEFAULT_POLICY, 'red').withinHours).toBe(2);
  });

  it('on a working basis the same Sunday-night referral counts from Monday 09:00', () => {
    const rule = { withinHours: 4, basis: 'working' as const, warnAtFraction: 0.75 };
    expect(deadlineTimes(at('2026-11-22T23:00:00Z'), rule, cal)).toEqual({
      dueAt: at('2026-11-23T13:00:00Z'),
      warnAt: at('2026-11-23T12:00:00Z'),
    });
    // 24 working hours are three working days, across a weekend.
    expect(deadlineTimes(at('2026-11-19T12:00:00Z'), { ...rule, withinHours: 24 }, cal)?.dueAt).toEqual(at('2026-11-24T12:00:00Z'));
  });

  it('a strategy discussion within 1 working day of the decision skips the weekend and bank holidays', () => {
    expect(workingDaysDeadline(at('2026-11-20T16:00:00Z'), 1, cal)).toEqual(at('2026-11-23T16:00:00Z'));
    expect(workingDaysDeadline(at('2026-12-24T15:00:00Z'), 1, cal)).toEqual(at('2026-12-29T15:00:00Z'));
    expect(workingDaysDeadline(at('2026-11-21T10:00:00Z'), 1, cal)).toEqual(at('2026-11-23T17:00:00Z'));
    // An initial child-protection conference within 15 working days: three weeks.
    expect(workingDaysDeadline(at('2026-11-02T10:00:00Z'), 15, cal)).toEqual(at('2026-11-23T10:00:00Z'));
  });

  it("a deadline given its due time warns at the rating's fraction of the time from now; an unrated case at Amber's", () => {
    const now = at('2026-11-20T10:00:00Z');
    const policy = { ...DEFAULT_POLICY, ratings: { ...DEFAULT_POLICY.ratings, red: { ...DEFAULT_POLICY.ratings.red, warnAtFraction: 0.5 } } };
    expect(timesUntil(at('2026-11-20T14:00:00Z'), policy, 'red', now)).toEqual({ dueAt: '2026-11-20T14:00:00.000Z', warnAt: '2026-11-20T12:00:00.000Z' });
    expect(timesUntil(at('2026-11-20T14:00:00Z'), policy, undefined, now)).toEqual({ dueAt: '2026-11-20T14:00:00.000Z', warnAt: '2026-11-20T13:00:00.000Z' });
  });
});

describe('ratings', () => {
  it('are red, amber, green and blue, with labels for people', () => {
    expect(RATINGS).toEqual(['red', 'amber', 'green', 'blue']);
    expect(RATINGS.map((r) => RATING_LABELS[r])).toEqual(['Red', 'Amber', 'Green', 'Blue (no target)']);
  });
});

describe('policy validation', () => {
  const policyInput = (): TimelinessPolicyInput => JSON.parse(JSON.stringify(DEFAULT_POLICY)) as TimelinessPolicyInput;
  const issuesOf = (input: unknown) => {
    const result = TimelinessPolicySchema.safeParse(input);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  };

  it('accepts the defaults unchanged', () => {
    expect(TimelinessPolicySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(WorkingCalendarSchema.parse(DEFAULT_CALENDAR)).toEqual(DEFAULT_CALENDAR);
    expect(DEFAULT_CALENDAR.bankHolidays).toHaveLength(32);
  });

  it('fills calendar defaults: Monday to Friday, 09:00–17:00, London', () => {
    expect(WorkingCalendarSchema.parse({})).toEqual({
      timeZone: 'Europe/London',
      workingDays: [1, 2, 3, 4, 5],
      dayStart: '09:00',
      dayEnd: '17:00',
      bankHolidays: [],
    });
    expect(workingDayMs(DEFAULT_CALENDAR)).toBe(8 * H);
  });

  it('fills the strategy-discussion and escalation defaults', () => {
    const { strategyDiscussionWithinWorkingDays: _s, escalateUnacknowledgedBreachAfterMinutes: _e, ...rest } = policyInput();
    const parsed = TimelinessPolicySchema.parse(rest);
    expect(parsed.strategyDiscussionWithinWorkingDays).toBe(1);
    expect(parsed.escalateUnacknowledgedBreachAfterMinutes).toBe(30);
  });

  it('refuses a negative or zero duration, naming the field', () => {
    const p = policyInput();
    p.ratings.amber.decisionWithinHours = -1;
    p.informationRequestWithinHours.green = 0;
    p.escalateUnacknowledgedBreachAfterMinutes = -5;
    expect(issuesOf(p)).toEqual([
      { path: 'ratings.amber.decisionWithinHours', message: expect.stringMatching(/^ratings\.amber\.decisionWithinHours must be more than 0/) },
      { path: 'informationRequestWithinHours.green', message: expect.stringMatching(/^informationRequestWithinHours\.green must be more than 0/) },
      { path: 'escalateUnacknowledgedBreachAfterMinutes', message: expect.stringMatching(/^escalateUnacknowledgedBreachAfterMinutes must be more than 0/) },
    ]);
  });

  it('refuses a missing or null Red decision target, but allows none for the others', () => {
    const missing = policyInput() as { ratings: { red: Partial<{ decisionWithinHours: number }> } };
    delete missing.ratings.red.decisionWithinHours;
    expect(issuesOf(missing)).toEqual([{ path: 'ratings.red.decisionWithinHours', message: expect.stringMatching(/ratings\.red\.decisionWithinHours is required/) }]);
    const nulled = policyInput() as { ratings: { red: { decisionWithinHours: number | null } } };
    nulled.ratings.red.decisionWithinHours = null;
    expect(issuesOf(nulled)).toEqual([{ path: 'ratings.red.decisionWithinHours', message: expect.stringMatching(/cannot be null/) }]);
    const p = policyInput();
    p.ratings.amber.decisionWithinHours = null;
    p.informationRequestWithinHours.red = null;
    expect(TimelinessPolicySchema.safeParse(p).success).toBe(true);
  });

  it('refuses a missing amber duration rather than reading it as no target', () => {
    const p = policyInput() as { ratings: { amber: Partial<{ decisionWithinHours: number }> } };
    delete p.ratings.amber.decisionWithinHours;
    expect(issuesOf(p)).toEqual([{ path: 'ratings.amber.decisionWithinHours', message: expect.stringMatching(/ratings\.amber\.decisionWithinHours is required.*or null for no target/) }]);
  });

  it('refuses a warning fraction outside (0, 1), a bad basis and version 0', () => {
    const p = policyInput() as Record<string, unknown> & ReturnType<typeof policyInput>;
    p.ratings.red.warnAtFraction = 1;
    (p.ratings.green as { basis: string }).basis = 'office';
    p.version = 0;
    expect(issuesOf(p).map((i) => i.path)).toEqual(['version', 'ratings.red.warnAtFraction', 'ratings.green.basis']);
  });

  it('refuses dayStart after dayEnd, naming both', () => {
    const p = policyInput();
    p.calendar = { ...DEFAULT_CALENDAR, dayStart: '18:00', dayEnd: '08:00' };
    expect(issuesOf(p)).toEqual([{ path: 'calendar.dayEnd', message: 'dayEnd (08:00) must be after dayStart (18:00): the office must be open for some of the day' }]);
    p.calendar = { ...DEFAULT_CALENDAR, dayStart: '9am' };
    expect(issuesOf(p)).toEqual([{ path: 'calendar.dayStart', message: expect.stringMatching(/HH:MM/) }]);
  });

  it('refuses a malformed or duplicated bank holiday, naming the date', () => {
    const p = policyInput();
    p.calendar = { ...DEFAULT_CALENDAR, bankHolidays: ['2026-12-25', '25/12/2026', '2026-02-30'] };
    expect(issuesOf(p)).toEqual([
      { path: 'calendar.bankHolidays.1', message: 'bank holiday "25/12/2026" must be a real date written YYYY-MM-DD' },
      { path: 'calendar.bankHolidays.2', message: 'bank holiday "2026-02-30" must be a real date written YYYY-MM-DD' },
    ]);
    p.calendar = { ...DEFAULT_CALENDAR, bankHolidays: ['2026-12-25', '2026-12-28', '2026-12-25'] };
    expect(issuesOf(p)).toEqual([{ path: 'calendar.bankHolidays', message: 'bankHolidays lists 2026-12-25 more than once' }]);
  });

  it('refuses an unknown time zone, naming it', () => {
    const p = policyInput();
    p.calendar = { ...DEFAULT_CALENDAR, timeZone: 'Europe/Londn' };
    expect(issuesOf(p)).toEqual([{ path: 'calendar.timeZone', message: expect.stringMatching(/^timeZone "Europe\/Londn" is not a known IANA time zone/) }]);
  });

  it('refuses a calendar with no working day, a repeated day or a day that is not 1–7', () => {
    const calendarIssues = (workingDays: number[]) => WorkingCalendarSchema.safeParse({ workingDays }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(calendarIssues([])).toEqual([['workingDays', 'workingDays must include at least one working day']]);
    expect(calendarIssues([1, 2, 2])).toEqual([['workingDays', 'workingDays lists Tuesday more than once']]);
    expect(calendarIssues([0, 1.5])).toEqual([
      ['workingDays.0', expect.stringMatching(/1 \(Monday\) to 7 \(Sunday\)/)],
      ['workingDays.1', expect.stringMatching(/1 \(Monday\) to 7 \(Sunday\)/)],
    ]);
  });
});

describe('describing time left', () => {
  const due = at('2026-11-23T12:00:00Z');
  const before = (ms: number) => new Date(due.getTime() - ms);
  it.each([
    [80 * MIN, 'in 1 h 20 min'],
    [80 * MIN + 59_999, 'in 1 h 20 min'],
    [3 * 24 * H + 2 * H + 5 * MIN, 'in 3 days 2 h'],
    [24 * H, 'in 1 day'],
    [2 * H, 'in 2 h'],
    [5 * MIN, 'in 5 min'],
    [59_999, 'due now'],
    [0, 'due now'],
    [-59_999, 'due now'],
    [-12 * MIN - 30_000, 'overdue by 12 min'],
    [-(26 * H), 'overdue by 1 day 2 h'],
  ])('%i ms before the deadline reads "%s"', (ms, text) => {
    expect(describeTimeLeft(due, before(ms))).toBe(text);
  });
});

describe('properties of working time (2025–2028)', () => {
  const zone = DEFAULT_CALENDAR.timeZone;
  const holidays = new Set(DEFAULT_CALENDAR.bankHolidays);
  const startArb = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31, 23, 59) }).map((ms) => new Date(ms));
  const durationArb = fc.oneof(
    fc.integer({ min: 1, max: 200 * H }), // any millisecond count up to 25 working days
    fc.integer({ min: 1, max: 16 * 8 }).map((quarters) => quarters * 15 * MIN), // whole quarter-hours, often landing on dayEnd
  );
  const params = { numRuns: 200, seed: 20_261_121 };

  /** An independent reading of "in office hours (or exactly at dayEnd) on a working, non-holiday day". */
  const inOfficeHoursOrAtClose = (instant: Date) => {
    const local = DateTime.fromJSDate(instant, { zone });
    const msOfDay = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.millisecond;
    return local.weekday <= 5 && !holidays.has(local.toISODate()!) && msOfDay >= 9 * H && msOfDay <= 17 * H;
  };

  it('never ends before the start, and a positive duration ends within office hours', () => {
    fc.assert(
      fc.property(startArb, fc.oneof(fc.constant(0), durationArb), (start, d) => {
        const end = addWorkingTime(start, d, cal);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        if (d > 0) expect(inOfficeHoursOrAtClose(end)).toBe(true);
        else expect(isWithinOfficeHours(end, cal)).toBe(true);
      }),
      params,
    );
  });

  it('workingTimeBetween undoes addWorkingTime', () => {
    fc.assert(
      fc.property(startArb, durationArb, (start, d) => {
        expect(workingTimeBetween(start, addWorkingTime(start, d, cal), cal)).toBe(d);
      }),
      params,
    );
  });

  it('is monotonic in the duration, and adding in two steps is adding once', () => {
    fc.assert(
      fc.property(startArb, durationArb, durationArb, (start, d1, d2) => {
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(addWorkingTime(start, short, cal).getTime()).toBeLessThanOrEqual(addWorkingTime(start, long, cal).getTime());
        expect(addWorkingTime(addWorkingTime(start, d1, cal), d2, cal)).toEqual(addWorkingTime(start, d1 + d2, cal));
      }),
      params,
    );
  });
});
