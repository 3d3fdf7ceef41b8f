import { describe, expect, it } from 'vitest';
import { contentFromDraft, emptyContributionDraft, validateContribution } from './ContributionForm.tsx';

const paths = (d: Parameters<typeof validateContribution>[0], correcting = false) =>
  validateContribution(d, correcting, '2026-11-21').map((i) => i.path);

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
});
