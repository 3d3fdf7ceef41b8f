/**
 * "Recorded late" keeps three moments apart: when something happened, when the agency recorded it
 * in its own records, and when it was shared with the MASH. Sharing old records today is not late.
 */
import { describe, expect, it } from 'vitest';
import { contributionRecordedLate } from './chronology.ts';
import { type ContributionContent } from './contributions.ts';
import { AddContributionSchema } from './contributions.schema.ts';

type Moments = Pick<ContributionContent, 'happened' | 'timeframe' | 'source' | 'agencyRecordedOn'>;
const SHARED_TODAY = '2026-11-29T10:00:00Z';

const content = (over: Partial<Moments>): Moments => ({
  happened: { precision: 'exact', date: '2026-11-28', time: '21:00' },
  timeframe: 'current',
  source: 'direct-observation',
  ...over,
});

describe('recorded late', () => {
  it('is not a 2021 A&E attendance shared today from health records', () => {
    const attendance = content({ happened: { precision: 'exact', date: '2021-03-14' }, timeframe: 'historic', source: 'agency-records' });
    expect(contributionRecordedLate(attendance, SHARED_TODAY)).toBe(false);
    expect(contributionRecordedLate({ ...attendance, agencyRecordedOn: '2021-03-14' }, SHARED_TODAY)).toBe(false);
  });

  it('is not something current shared days later from the agency’s own records', () => {
    expect(contributionRecordedLate(content({ happened: { precision: 'exact', date: '2026-11-20' }, source: 'agency-records' }), SHARED_TODAY)).toBe(false);
  });

  it('is an agency’s own record made more than three days after it happened, whenever it is shared', () => {
    const late = content({ happened: { precision: 'exact', date: '2021-03-01' }, timeframe: 'historic', source: 'agency-records', agencyRecordedOn: '2021-03-10' });
    expect(contributionRecordedLate(late, SHARED_TODAY)).toBe(true);
    // Three days to the day is within the limit.
    expect(contributionRecordedLate({ ...late, agencyRecordedOn: '2021-03-04' }, SHARED_TODAY)).toBe(false);
    expect(contributionRecordedLate({ ...late, agencyRecordedOn: '2021-03-05' }, SHARED_TODAY)).toBe(true);
  });

  it('is something current told to the MASH directly more than three days after it happened', () => {
    expect(contributionRecordedLate(content({ happened: { precision: 'exact', date: '2026-11-20', time: '09:00' } }), SHARED_TODAY)).toBe(true);
    expect(contributionRecordedLate(content({}), SHARED_TODAY)).toBe(false);
  });

  it('is never judged when the date it happened is not known', () => {
    expect(contributionRecordedLate(content({ happened: { precision: 'unknown' }, agencyRecordedOn: '2026-01-01' }), SHARED_TODAY)).toBe(false);
  });
});

describe('when the agency recorded it', () => {
  const base = {
    commandId: 'cmd-late-0001',
    caseId: 'case1',
    text: 'Attended A&E with a scald to the arm.',
    kind: 'fact',
    timeframe: 'historic',
    relevance: 'A second injury to the same child.',
    happened: { precision: 'exact', date: '2021-03-14' },
    source: 'agency-records',
  };
  const paths = (payload: unknown) => {
    const r = AddContributionSchema.safeParse(payload);
    return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))];
  };

  it('is accepted on or after the day it happened', () => {
    expect(paths({ ...base, agencyRecordedOn: '2021-03-14' })).toEqual([]);
    expect(paths({ ...base, agencyRecordedOn: '2021-04-02' })).toEqual([]);
  });

  it('is refused before it happened, in the future, or not a real date, naming the field', () => {
    expect(paths({ ...base, agencyRecordedOn: '2021-03-13' })).toEqual(['agencyRecordedOn']);
    expect(paths({ ...base, agencyRecordedOn: '2999-01-01' })).toEqual(['agencyRecordedOn']);
    expect(paths({ ...base, agencyRecordedOn: '2021-02-30' })).toEqual(['agencyRecordedOn']);
  });
});
