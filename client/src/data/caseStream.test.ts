import { describe, expect, it } from 'vitest';
import type { Actor, CaseEvent, CaseView, ContributionContent } from '@mashboard/shared';
import { entriesChangedByOthers, mergeEvents, sameSummaries, upsertSummary } from './caseStream.ts';

const actor: Actor = { userId: 'u1', name: 'DC Sam Evans', agency: 'police', role: 'practitioner' };
const other: Actor = { ...actor, userId: 'u2', name: 'Priya Patel', agency: 'health' };

const content: ContributionContent = {
  text: 'x',
  kind: 'fact',
  timeframe: 'current',
  happened: { precision: 'unknown' },
  source: 'agency-records',
  childIds: [],
};

function opened(): CaseEvent {
  return {
    type: 'case.opened',
    id: '1000-0',
    seq: 1,
    caseId: 'c1',
    at: '2026-11-21T09:00:00Z',
    actor,
    commandId: 'cmd-00001',
    data: {
      reference: 'MASH-2026-00001',
      children: [{ id: 'k1', firstName: 'Ayesha', lastName: 'Rahman', dateOfBirth: '2019-10-12' }],
      referral: { source: 'education', identityProtected: false },
      reasonForConcern: 'bruising',
      receivedAt: '2026-11-21T09:00:00Z',
    },
  };
}

function added(seq: number, by = actor): CaseEvent {
  return {
    type: 'contribution.added',
    id: `${1000 + seq}-0`,
    seq,
    caseId: 'c1',
    at: `2026-11-21T09:${String(seq).padStart(2, '0')}:00Z`,
    actor: by,
    commandId: `cmd-${seq}-xxxxx`,
    data: { entryId: `e${seq}`, content: { ...content, text: `entry ${seq}` }, restrictedTo: [] },
  };
}

/** A case at version 1, built with the shared reducer from its case.opened event. */
function openedView(): CaseView {
  const empty = { summary: { id: 'c1', version: 0, lastEventId: '0-0' } as CaseView['summary'], entries: [] };
  return mergeEvents(empty, [opened()]).view;
}

describe('mergeEvents', () => {
  it('applies events in seq order', () => {
    const { view, applied, gap } = mergeEvents(openedView(), [added(3), added(2)]);
    expect(gap).toBe(false);
    expect(applied.map((e) => e.seq)).toEqual([2, 3]);
    expect(view.summary.version).toBe(3);
    expect(view.summary.lastEventId).toBe('1003-0');
    expect(view.entries.map((e) => e.id)).toEqual(['e2', 'e3']);
  });

  it('ignores duplicates (seq <= version)', () => {
    const once = mergeEvents(openedView(), [added(2)]).view;
    const twice = mergeEvents(once, [added(2), added(1)]);
    expect(twice.applied).toEqual([]);
    expect(twice.view).toBe(once);
    expect(twice.view.entries).toHaveLength(1);
  });

  it('reports a gap and stops before it', () => {
    const { view, applied, gap } = mergeEvents(openedView(), [added(2), added(4)]);
    expect(gap).toBe(true);
    expect(applied.map((e) => e.seq)).toEqual([2]);
    expect(view.summary.version).toBe(2);
  });

  it('fills the gap once the missing events arrive (catch-up)', () => {
    const first = mergeEvents(openedView(), [added(3)]);
    expect(first.gap).toBe(true);
    const caught = mergeEvents(first.view, [added(2), added(3)]);
    expect(caught.gap).toBe(false);
    expect(caught.view.summary.version).toBe(3);
    // and the buffered live event is then a harmless duplicate
    expect(mergeEvents(caught.view, [added(3)]).applied).toHaveLength(0);
  });

  it('skips events of other cases', () => {
    const foreign = { ...added(2), caseId: 'c2' };
    expect(mergeEvents(openedView(), [foreign]).applied).toHaveLength(0);
  });
});

describe('entriesChangedByOthers', () => {
  it('lists entries changed by someone else only', () => {
    expect(entriesChangedByOthers([added(2), added(3, other)], 'u1')).toEqual(['e3']);
  });
});

describe('upsertSummary', () => {
  it('inserts, replaces newer, keeps newer over older', () => {
    const a1 = { id: 'a', version: 1 };
    const a3 = { id: 'a', version: 3 };
    const b1 = { id: 'b', version: 1 };
    expect(upsertSummary([a1], b1)).toEqual([a1, b1]);
    expect(upsertSummary([a1, b1], a3)).toEqual([a3, b1]);
    expect(upsertSummary([a3], a1)).toEqual([a3]);
  });
});

describe('sameSummaries', () => {
  const a1 = { id: 'a', version: 1 };
  const b1 = { id: 'b', version: 1 };
  const held = [a1, b1];

  it('keeps the list as drawn when a fresh read changes nothing, so its rows are not drawn again', () => {
    expect(sameSummaries(held, [{ ...a1 }, { ...b1 }])).toBe(held);
  });

  it("takes the read's summaries where a case changed, came or went, keeping each unchanged one as held", () => {
    const a2 = { id: 'a', version: 2 };
    const read = sameSummaries(held, [a2, { ...b1 }]);
    expect(read).toEqual([a2, b1]);
    expect(read[0]).toBe(a2);
    expect(read[1]).toBe(b1);
    expect(sameSummaries(held, [{ ...b1 }])).toEqual([b1]);
    expect(sameSummaries(held, [{ ...b1 }, { ...a1 }])).toEqual([b1, a1]);
    const c1 = { id: 'c', version: 1 };
    expect(sameSummaries(held, [{ ...a1 }, { ...b1 }, c1])).toEqual([a1, b1, c1]);
    expect(sameSummaries(null, held)).toBe(held);
  });
});
