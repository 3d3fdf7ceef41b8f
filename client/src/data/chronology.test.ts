import { describe, expect, it } from 'vitest';
import type { ChronologyLine } from '@mashboard/shared';
import { filterSummary, groupLines, lineWhen, NO_FILTER, toChronologyFilter, toggle } from './chronology.ts';
import { restrictedMatchText, searchableChildren } from './involvement.ts';

const line = (over: Partial<ChronologyLine>): ChronologyLine => ({
  id: 'x',
  happened: null,
  sortKey: '',
  group: 'dated',
  recordedAt: '2026-07-01T09:30:00Z',
  agency: 'police',
  authorName: 'DC Sam Evans',
  kind: 'fact',
  text: 't',
  childIds: [],
  lateRecorded: false,
  withheld: false,
  significant: false,
  ...over,
});

describe('the chronology page', () => {
  it('shows the date it happened first, "About" when approximate, an event at its own UK time', () => {
    expect(lineWhen(line({ happened: { precision: 'exact', date: '2026-03-03', time: '14:05' } }))).toEqual({ date: '3 March 2026', time: '14:05' });
    expect(lineWhen(line({ happened: { precision: 'approximate', date: '2026-03-03' } }))).toEqual({ date: 'About 3 March 2026', time: '' });
    expect(lineWhen(line({ kind: 'event' }))).toEqual({ date: '1 July 2026', time: '10:30' });
    expect(lineWhen(line({ kind: 'withheld', withheld: true }))).toEqual({ date: 'Date not known', time: '' });
  });

  it('turns ticks into the shared filter, and all ticked into no filter', () => {
    const all = ['police', 'health'] as const;
    expect(toggle(null, all, 'health', false)).toEqual(['police']);
    expect(toggle(['police'], all, 'health', true)).toBeNull();
    expect(toChronologyFilter(NO_FILTER)).toEqual({});
    expect(toChronologyFilter({ ...NO_FILTER, kinds: ['fact'], significantOnly: true })).toEqual({ kinds: ['fact'], significantOnly: true });
    expect(filterSummary({ ...NO_FILTER, agencies: ['police'], significantOnly: true }, () => '')).toBe('Filtered: from Police; significant lines only');
  });

  it('puts the lines whose date is not known last', () => {
    const g = groupLines([line({ id: 'a' }), line({ id: 'b', group: 'date-not-known' })]);
    expect(g.dated.map((l) => l.id)).toEqual(['a']);
    expect(g.unknown.map((l) => l.id)).toEqual(['b']);
  });
});

describe('previous involvement', () => {
  it('says whom to ask about a restricted match', () => {
    expect(restrictedMatchText({ restricted: true, agencies: ['police'], strength: 'possible', score: 1 })).toBe('A possible match on a case restricted to Police — ask Police');
    expect(restrictedMatchText({ restricted: true, agencies: ['police', 'health'], strength: 'strong', score: 1 })).toBe('A strong possible match on a case restricted to Police and Health — ask Police and Health');
  });

  it('searches only for children with names and a date', () => {
    const base = { firstName: 'Keira', lastName: 'Lowe', born: 'born', dateOfBirth: '2016-05-04', expectedDateOfBirth: '' };
    expect(searchableChildren([base, { ...base, lastName: '' }, { ...base, born: 'unborn', expectedDateOfBirth: '2026-12-01' }])).toEqual([
      { index: 0, child: { firstName: 'Keira', lastName: 'Lowe', dateOfBirth: '2016-05-04' } },
      { index: 2, child: { firstName: 'Keira', lastName: 'Lowe', expectedDateOfBirth: '2026-12-01' } },
    ]);
  });
});
