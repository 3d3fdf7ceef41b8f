/** The retention schedule's rules: what it refuses (naming the field) and when a review falls due. */
import { describe, expect, it } from 'vitest';
import { issuesFromZod } from './errors.ts';
import { DEFAULT_RETENTION_SCHEDULE, namesChild, retentionReviewDue, type RetentionSchedule } from './retention.ts';
import { RetentionScheduleSchema } from './retention.schema.ts';

const closedAt = '2026-01-10T12:00:00.000Z';
const decision = (outcome: string) => ({ outcome }) as never;

describe('retentionReviewDue', () => {
  it('counts from closure by the latest decision outcome, or the default for a case closed with none', () => {
    const s = DEFAULT_RETENTION_SCHEDULE;
    expect(retentionReviewDue({ status: 'closed', closedAt, decisions: [decision('early-help'), decision('no-further-action')] }, s)?.toISOString()).toBe(
      new Date(Date.parse(closedAt) + 730 * 86_400_000).toISOString(),
    );
    expect(retentionReviewDue({ status: 'closed', closedAt, decisions: [decision('strategy-discussion')] }, s)?.getTime()).toBe(Date.parse(closedAt) + 35 * 365 * 86_400_000);
    expect(retentionReviewDue({ status: 'closed', closedAt, decisions: [] }, s)?.getTime()).toBe(Date.parse(closedAt) + 730 * 86_400_000);
  });

  it('is null while the case is open, and counts seconds in a test schedule', () => {
    expect(retentionReviewDue({ status: 'decided', closedAt, decisions: [] }, DEFAULT_RETENTION_SCHEDULE)).toBeNull();
    const fast: RetentionSchedule = { ...DEFAULT_RETENTION_SCHEDULE, unit: 'seconds', closedWithoutDecision: 3 };
    expect(retentionReviewDue({ status: 'closed', closedAt, decisions: [] }, fast)?.getTime()).toBe(Date.parse(closedAt) + 3000);
  });
});

describe('RetentionScheduleSchema', () => {
  const paths = (input: unknown) => {
    const r = RetentionScheduleSchema.safeParse(input);
    return r.success ? [] : issuesFromZod(r.error).map((i) => `${i.path}: ${i.message}`);
  };

  it('accepts the default', () => expect(paths(DEFAULT_RETENTION_SCHEDULE)).toEqual([]));

  it('refuses an unknown outcome, naming it', () => {
    const bad = { ...DEFAULT_RETENTION_SCHEDULE, periods: { ...DEFAULT_RETENTION_SCHEDULE.periods, 'shred-it': 5 } };
    expect(paths(bad).join('\n')).toMatch(/periods.*shred-it/);
  });

  it('refuses negative, zero, fractional and missing durations, naming the field', () => {
    expect(paths({ ...DEFAULT_RETENTION_SCHEDULE, periods: { ...DEFAULT_RETENTION_SCHEDULE.periods, 'early-help': -3 } })).toEqual([
      'periods.early-help: periods.early-help must be 1 or more (a positive whole number)',
    ]);
    expect(paths({ ...DEFAULT_RETENTION_SCHEDULE, closedWithoutDecision: 0 })[0]).toMatch(/^closedWithoutDecision: /);
    expect(paths({ ...DEFAULT_RETENTION_SCHEDULE, closedWithoutDecision: 1.5 })[0]).toMatch(/^closedWithoutDecision: .*whole number/);
    const { 'lado-referral': _l, ...rest } = DEFAULT_RETENTION_SCHEDULE.periods;
    expect(paths({ ...DEFAULT_RETENTION_SCHEDULE, periods: rest })[0]).toMatch(/^periods.lado-referral: .*required/);
    expect(paths({ ...DEFAULT_RETENTION_SCHEDULE, unit: 'weeks' })[0]).toMatch(/^unit: /);
  });
});

describe('namesChild', () => {
  const children = [{ firstName: 'Zephyrine', lastName: 'Quillfeather' }];
  it('finds a child named in a reason, as a whole word, whatever the case', () => {
    expect(namesChild('Period over for zephyrine.', children)).toBe(true);
    expect(namesChild('QUILLFEATHER family moved away', children)).toBe(true);
    expect(namesChild('Retention period over; nothing outstanding', children)).toBe(false);
  });
});
