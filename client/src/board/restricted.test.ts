import { describe, expect, it } from 'vitest';
import { applyToView, type CaseEvent, type CaseView, type ContributionEntry } from '@mashboard/shared';
import { isRestricted, isWithheld, latestContent, latestVersion, restrictedToText, restrictionAgencies, withheldSentence, withheldText } from './restricted.ts';
import { sortContributions } from './ContributionList.tsx';
import { changeAnnouncement } from '../data/caseBoards.ts';

const content = {
  text: 'seen at home',
  kind: 'fact' as const,
  timeframe: 'current' as const,
  happened: { precision: 'exact' as const, date: '2026-11-20' },
  source: 'agency-records' as const,
  childIds: [],
};
const police = { userId: 'u1', name: 'DC Sam Evans', agency: 'police' as const, role: 'practitioner' as const };

function entry(extra: Partial<ContributionEntry> = {}): ContributionEntry {
  return {
    kind: 'contribution',
    id: 'e1',
    caseId: 'c1',
    agency: 'police',
    author: police,
    recordedAt: '2026-11-21T10:05:00Z',
    restrictedTo: [],
    versions: [{ version: 1, content, recordedAt: '2026-11-21T10:05:00Z', recordedBy: police }],
    ...extra,
  };
}
const withheld = () => entry({ author: { ...police, userId: '', name: '' }, versions: [], withheld: true, restrictedTo: ['police'] });

describe('withheld entries', () => {
  it('an entry with no versions has no latest version or content, and never throws', () => {
    expect(latestVersion(withheld())).toBeUndefined();
    expect(latestContent(withheld())).toBeNull();
    expect(isWithheld(withheld())).toBe(true);
    expect(isWithheld(entry({ versions: [] }))).toBe(true);
    expect(isWithheld(entry())).toBe(false);
    expect(latestContent(entry())?.text).toBe('seen at home');
  });
  it('the placeholder names the agency, the UK time and whom to ask', () => {
    // 10:05 UTC in November is 10:05 in London.
    expect(withheldText(withheld())).toEqual({
      title: 'Restricted entry from Police',
      body: 'Recorded Saturday 21 November 2026, 10:05. Only the agencies it is shared with can read it: ask Police if you need it.',
    });
    expect(withheldSentence(entry({ recordedAt: '2026-07-01T09:00:00Z' }))).toBe('Restricted entry from Police, recorded Wednesday 1 July 2026, 10:00 – ask Police if you need it.');
  });
  it('sorting by when it happened puts withheld entries with the unknown dates, without reading versions', () => {
    const sorted = sortContributions([withheld(), entry({ id: 'e2' })], 'happened');
    expect(sorted.map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(sortContributions([withheld()], 'newest')).toHaveLength(1);
  });
  it('newest first by when each was shared; by when it happened, unknown dates last and the same date in the order shared', () => {
    const at = (id: string, recordedAt: string, happened: ContributionEntry['versions'][number]['content']['happened']) =>
      entry({ id, recordedAt, versions: [{ version: 1, content: { ...content, happened }, recordedAt, recordedBy: police }] });
    const entries = [
      at('a', '2026-11-21T10:05:00.000Z', { precision: 'unknown' }),
      at('b', '2026-11-21T09:00:00.000Z', { precision: 'exact', date: '2026-11-20', time: '08:30' }),
      at('c', '2026-11-22T08:00:00.000Z', { precision: 'exact', date: '2026-11-19' }),
      at('d', '2026-11-20T23:59:59.999Z', { precision: 'exact', date: '2026-11-20', time: '08:30' }),
      at('e', '2026-11-22T08:00:00.000Z', { precision: 'approximate', date: '2026-10-05' }),
    ];
    // The same moment shared: the later id first, so the order never depends on the input's.
    expect(sortContributions(entries, 'newest').map((e) => e.id)).toEqual(['e', 'c', 'a', 'b', 'd']);
    expect(sortContributions(entries, 'happened').map((e) => e.id)).toEqual(['e', 'c', 'd', 'b', 'a']);
  });
  it('a live event withheld from this viewer becomes a withheld entry, and is described without a name', () => {
    const view = { summary: { id: 'c1', version: 0, contributionCount: 0, agenciesContributed: [] }, entries: [] } as unknown as CaseView;
    const event = {
      id: '1-0',
      seq: 1,
      caseId: 'c1',
      at: '2026-11-21T10:05:00Z',
      actor: { ...police, userId: '', name: '' },
      type: 'contribution.added',
      data: { entryId: 'e1', content: null, restrictedTo: ['police'], withheld: true },
    } as unknown as CaseEvent;
    const next = applyToView(view, event);
    const e = next.entries[0] as ContributionEntry;
    expect(isWithheld(e)).toBe(true);
    expect(latestVersion(e)).toBeUndefined();
    expect(changeAnnouncement(event)).toBe('New restricted entry from Police (you cannot see its content).');
  });
});

describe('restriction badge', () => {
  it('lists the contributor first, then the others in the usual order, once each', () => {
    expect(restrictionAgencies('police', ['health', 'police', 'childrens-social-care'])).toEqual(['police', 'childrens-social-care', 'health']);
    expect(restrictedToText('police', ['health'])).toBe('Restricted to Police, Health');
    expect(restrictedToText('police', ['police'])).toBe('Restricted to Police');
  });
  it('says nothing for an entry shared with everyone', () => {
    expect(restrictedToText('police', [])).toBe('');
    expect(isRestricted(entry())).toBe(false);
    expect(isRestricted(entry({ restrictedTo: ['health'] }))).toBe(true);
  });
});
