import { describe, expect, it } from 'vitest';
import { contentFromDraft, emptyContributionDraft } from './contributionDraft.ts';
import { validateContribution } from './contributionChecks.ts';

const paths = (d: Parameters<typeof validateContribution>[0], correcting = false) => validateContribution(d, correcting, '2026-11-21').map((i) => i.path);

describe('contribution form rules', () => {
  it('asks for every required choice on an empty draft', () => {
    expect(paths(emptyContributionDraft())).toEqual(['text', 'kind', 'timeframe', 'happened.precision', 'source']);
  });
  it('an opinion needs a basis, historic needs relevance (shared rules)', () => {
    const d = { ...emptyContributionDraft(), text: 't', kind: 'opinion' as const, timeframe: 'historic' as const, source: 'agency-records' as const };
    d.happened = { precision: 'unknown', date: '', time: '' };
    expect(paths(d)).toEqual(['basis', 'relevance']);
    expect(paths({ ...d, basis: 'seen', relevance: 'same man' })).toEqual([]);
  });
  it('drops the hidden basis when fact is chosen, so it is not an error', () => {
    const d = { ...emptyContributionDraft(), text: 't', kind: 'fact' as const, basis: 'left over', timeframe: 'current' as const, source: 'child' as const };
    d.happened = { precision: 'exact', date: '2026-11-20', time: '' };
    expect(paths(d)).toEqual([]);
    expect(contentFromDraft(d)).not.toHaveProperty('basis');
  });
  it('needs a date unless unknown, never in the future, and a reason for a correction', () => {
    const d = { ...emptyContributionDraft(), text: 't', kind: 'fact' as const, timeframe: 'current' as const, source: 'child' as const };
    expect(paths({ ...d, happened: { precision: 'approximate', date: '', time: '' } })).toEqual(['happened.date']);
    expect(paths({ ...d, happened: { precision: 'exact', date: '2026-12-01', time: '' } })).toEqual(['happened.date']);
    expect(paths({ ...d, happened: { precision: 'unknown', date: '', time: '' } }, true)).toEqual(['reason']);
  });
  it('checks required answers and lengths as the shared schemas do, in the form’s own words', () => {
    const d = { ...emptyContributionDraft(), kind: 'fact' as const, timeframe: 'current' as const, source: 'child' as const, happened: { precision: 'unknown' as const, date: '', time: '' } };
    expect(validateContribution(emptyContributionDraft(), true, '2026-11-21').map((i) => i.message)).toEqual([
      'say why you are correcting it (kept in the history)',
      'enter what your agency knows or thinks',
      'choose fact or opinion',
      'choose current or historic',
      'say when it happened, or choose "Date unknown"',
      'choose where the information comes from',
    ]);
    expect(validateContribution({ ...d, text: 'x'.repeat(20_001) }, false, '2026-11-21')).toEqual([{ path: 'text', message: 'must be at most 20,000 characters' }]);
    expect(validateContribution({ ...d, text: 't', reason: 'r'.repeat(5_001) }, true, '2026-11-21')).toEqual([{ path: 'reason', message: 'must be at most 5,000 characters' }]);
    expect(validateContribution({ ...d, text: 't', kind: 'opinion', basis: 'b'.repeat(5_001) }, false, '2026-11-21')).toEqual([{ path: 'basis', message: 'must be at most 5,000 characters' }]);
    // Spaces alone are no answer.
    expect(paths({ ...d, text: '   ' })).toEqual(['text']);
  });
  it('refuses an impossible date the agency recorded it, naming the field', () => {
    const d = {
      ...emptyContributionDraft(),
      text: 't',
      kind: 'fact' as const,
      timeframe: 'current' as const,
      source: 'agency-records' as const,
      happened: { precision: 'unknown' as const, date: '', time: '' },
    };
    expect(validateContribution({ ...d, agencyRecordedOn: '31/2/2021' }, false, '2026-11-21')).toEqual([{ path: 'agencyRecordedOn', message: 'Date your agency recorded it must be a real date' }]);
    expect(validateContribution({ ...d, agencyRecordedOn: '2021-02-28' }, false, '2026-11-21')).toEqual([]);
  });
  it('refuses a time of day that is not one on the 24-hour clock', () => {
    const d = { ...emptyContributionDraft(), text: 't', kind: 'fact' as const, timeframe: 'current' as const, source: 'child' as const };
    expect(validateContribution({ ...d, happened: { precision: 'exact', date: '2026-11-20', time: '25:00' } }, false, '2026-11-21')).toEqual([
      { path: 'happened.time', message: 'must be a time written HH:MM (24-hour)' },
    ]);
    expect(paths({ ...d, happened: { precision: 'exact', date: '2026-11-20', time: '23:59' } })).toEqual([]);
  });
});
