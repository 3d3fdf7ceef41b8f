import { describe, expect, it } from 'vitest';
import type { Actor } from './agencies.ts';
import type { ContributionContent, VoiceContent } from './contributions.ts';
import { applyToEntry, applyToSummary, applyToView, entryIdOf } from './events.ts';
import type { CaseEvent, CaseEventBody, CaseView } from './model.ts';

const police: Actor = { userId: 'u-police', name: 'PC Evans', agency: 'police', role: 'practitioner' };
const health: Actor = { userId: 'u-health', name: 'HV Patel', agency: 'health', role: 'practitioner' };
const police2: Actor = { userId: 'u-police-2', name: 'DC Jones', agency: 'police', role: 'practitioner' };

function stream(): (body: CaseEventBody, actor?: Actor) => CaseEvent {
  let seq = 0;
  return (body, actor = police) => {
    seq += 1;
    return { ...body, id: `1732180000000-${seq}`, seq, caseId: 'c1', at: `2026-11-21T09:00:${String(seq).padStart(2, '0')}Z`, actor, commandId: `cmd-000${seq}` };
  };
}

const opened: CaseEventBody = {
  type: 'case.opened',
  data: {
    reference: 'MASH-0001',
    children: [
      { id: 'ch1', firstName: 'Amelia', lastName: 'Test', dateOfBirth: '2017-03-14' },
      { id: 'ch2', firstName: 'Noah', lastName: 'Test', dateOfBirth: '2025-01-02' },
    ],
    referral: { source: 'education', identityProtected: false },
    reasonForConcern: 'bruise',
    receivedAt: '2026-11-21T08:00:00Z',
  },
};

const fact: ContributionContent = {
  text: 'attended address',
  kind: 'fact',
  timeframe: 'current',
  happened: { precision: 'exact', date: '2026-11-12' },
  source: 'agency-records',
  childIds: [],
};

const voice: VoiceContent = {
  childId: 'ch1',
  words: 'I am scared',
  howExpressed: 'spontaneous',
  circumstances: { where: 'school', happened: { precision: 'exact', date: '2026-11-20' } },
  heardBy: { name: 'D Morgan', role: 'DSL', agency: 'education' },
};

function openView(next: ReturnType<typeof stream>): CaseView {
  return { summary: applyToSummary(null, next(opened)), entries: [] };
}

describe('case summary', () => {
  it('starts as a new contact with nothing contributed, at version 1', () => {
    const next = stream();
    const e = next(opened);
    const s = applyToSummary(null, e);
    expect(s).toMatchObject({
      id: 'c1',
      reference: 'MASH-0001',
      status: 'new',
      lead: null,
      contributionCount: 0,
      agenciesContributed: [],
      childrenHeard: [],
      voiceAbsence: {},
      version: 1,
      lastEventId: e.id,
      openedBy: police,
      openedAt: e.at,
    });
  });

  it('refuses any event before the case is opened', () => {
    const next = stream();
    next(opened);
    expect(() => applyToSummary(null, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }))).toThrow(/before case.opened/);
  });

  it('counts contributions and lists each contributing agency once', () => {
    const next = stream();
    let s = applyToSummary(null, next(opened));
    s = applyToSummary(s, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }, police));
    s = applyToSummary(s, next({ type: 'contribution.added', data: { entryId: 'e2', content: fact, restrictedTo: [] } }, police2));
    s = applyToSummary(s, next({ type: 'contribution.added', data: { entryId: 'e3', content: fact, restrictedTo: [] } }, health));
    expect(s.contributionCount).toBe(3);
    expect(s.agenciesContributed).toEqual(['police', 'health']);
    expect(s.version).toBe(4);
  });

  it('does not count a correction as another contribution', () => {
    const next = stream();
    let s = applyToSummary(null, next(opened));
    s = applyToSummary(s, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }));
    s = applyToSummary(s, next({ type: 'contribution.corrected', data: { entryId: 'e1', version: 2, content: fact, reason: 'typo', restrictedTo: [] } }));
    expect(s.contributionCount).toBe(1);
    expect(s.version).toBe(3);
  });

  it("shows which children have been heard, and why a child's voice is absent", () => {
    const next = stream();
    let s = applyToSummary(null, next(opened));
    s = applyToSummary(s, next({ type: 'voice.recorded', data: { entryId: 'v1', content: voice } }));
    s = applyToSummary(s, next({ type: 'voice.recorded', data: { entryId: 'v2', content: voice } }));
    const absence = next({ type: 'voice.absence-recorded', data: { childId: 'ch2', reason: 'pre-verbal', explanation: 'a baby' } }, health);
    s = applyToSummary(s, absence);
    expect(s.childrenHeard).toEqual(['ch1']);
    expect(s.voiceAbsence).toEqual({ ch2: { reason: 'pre-verbal', explanation: 'a baby', recordedBy: health, recordedAt: absence.at } });
  });

  it('follows status changes and lead assignment', () => {
    const next = stream();
    let s = applyToSummary(null, next(opened));
    s = applyToSummary(s, next({ type: 'case.status-changed', data: { from: 'new', to: 'in-progress', reason: 'triage' } }));
    s = applyToSummary(s, next({ type: 'case.lead-assigned', data: { lead: { userId: 'u9', name: 'L Hughes', agency: 'childrens-social-care' } } }));
    expect(s.status).toBe('in-progress');
    expect(s.lead).toEqual({ userId: 'u9', name: 'L Hughes', agency: 'childrens-social-care' });
    expect(s.version).toBe(3);
  });

  it('does not change the summary it was given', () => {
    const next = stream();
    const s1 = applyToSummary(null, next(opened));
    const frozen = JSON.parse(JSON.stringify(s1)) as typeof s1;
    applyToSummary(s1, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }));
    expect(s1).toEqual(frozen);
  });
});

describe('board entries', () => {
  it('a contribution becomes an entry with its author and agency from the event actor', () => {
    const next = stream();
    next(opened);
    const entry = applyToEntry(undefined, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }, health));
    expect(entry).toMatchObject({ kind: 'contribution', id: 'e1', caseId: 'c1', agency: 'health', author: health });
    expect(entry?.versions).toHaveLength(1);
    expect(entry?.versions[0]).toMatchObject({ version: 1, content: fact, recordedBy: health });
  });

  it('a correction keeps the earlier version and records the reason', () => {
    const next = stream();
    next(opened);
    const added = applyToEntry(undefined, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }));
    const corrected = applyToEntry(
      added,
      next({ type: 'contribution.corrected', data: { entryId: 'e1', version: 2, content: { ...fact, text: 'attended address twice' }, reason: 'second visit found', restrictedTo: [] } }, police2),
    );
    expect(corrected?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect((corrected?.versions[0]?.content as ContributionContent).text).toBe('attended address');
    expect(corrected?.versions[1]).toMatchObject({ reason: 'second visit found', recordedBy: police2 });
    expect(corrected?.author).toEqual(police);
  });

  it('a voice correction does not apply to a contribution, nor the other way round', () => {
    const next = stream();
    next(opened);
    const c = applyToEntry(undefined, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }));
    expect(applyToEntry(c, next({ type: 'voice.corrected', data: { entryId: 'e1', version: 2, content: voice, reason: 'x' } }))).toBe(c);
    const v = applyToEntry(undefined, next({ type: 'voice.recorded', data: { entryId: 'v1', content: voice } }));
    expect(applyToEntry(v, next({ type: 'contribution.corrected', data: { entryId: 'v1', version: 2, content: fact, reason: 'x', restrictedTo: [] } }))).toBe(v);
    expect(applyToEntry(undefined, next({ type: 'voice.corrected', data: { entryId: 'zz', version: 2, content: voice, reason: 'x' } }))).toBeUndefined();
  });

  it('names the entry an event concerns', () => {
    expect(entryIdOf({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } })).toBe('e1');
    expect(entryIdOf({ type: 'voice.corrected', data: { entryId: 'v1', version: 2, content: voice, reason: 'r' } })).toBe('v1');
    expect(entryIdOf(opened)).toBeUndefined();
    expect(entryIdOf({ type: 'voice.absence-recorded', data: { childId: 'ch2', reason: 'declined', explanation: 'x' } })).toBeUndefined();
  });
});

describe('a live view', () => {
  it('merges new events and ignores ones it has already applied (no doubles across reconnects)', () => {
    const next = stream();
    let view = openView(next);
    const e2 = next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } });
    view = applyToView(view, e2);
    const again = applyToView(view, e2);
    expect(again).toBe(view);
    expect(view.entries).toHaveLength(1);
    expect(view.summary.contributionCount).toBe(1);
  });

  it('applies a correction to the entry in place, keeping entry order', () => {
    const next = stream();
    let view = openView(next);
    view = applyToView(view, next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }));
    view = applyToView(view, next({ type: 'voice.recorded', data: { entryId: 'v1', content: voice } }));
    view = applyToView(view, next({ type: 'contribution.corrected', data: { entryId: 'e1', version: 2, content: { ...fact, text: 'fixed' }, reason: 'typo', restrictedTo: [] } }));
    expect(view.entries.map((e) => e.id)).toEqual(['e1', 'v1']);
    expect(view.entries[0]?.versions.map((v) => v.content)).toHaveLength(2);
    expect(view.summary.version).toBe(4);
    expect(view.summary.childrenHeard).toEqual(['ch1']);
  });

  it('advances the summary for events without an entry', () => {
    const next = stream();
    let view = openView(next);
    view = applyToView(view, next({ type: 'case.status-changed', data: { from: 'new', to: 'decided', reason: 'NFA' } }));
    expect(view.summary.status).toBe('decided');
    expect(view.entries).toEqual([]);
  });

  it('gives the same result as replaying the whole stream from scratch', () => {
    const next = stream();
    const events: CaseEvent[] = [
      next(opened),
      next({ type: 'contribution.added', data: { entryId: 'e1', content: fact, restrictedTo: [] } }),
      next({ type: 'voice.recorded', data: { entryId: 'v1', content: voice } }, health),
      next({ type: 'contribution.corrected', data: { entryId: 'e1', version: 2, content: fact, reason: 'r', restrictedTo: [] } }),
    ];
    const [first, ...rest] = events;
    const viaView = rest.reduce(applyToView, { summary: applyToSummary(null, first!), entries: [] } as CaseView);
    // Replay with duplicates interleaved, as a reconnecting client might see them.
    const noisy = [...rest.slice(0, 2), ...rest.slice(0, 3), ...rest];
    const viaNoisy = noisy.reduce(applyToView, { summary: applyToSummary(null, first!), entries: [] } as CaseView);
    expect(viaNoisy).toEqual(viaView);
  });
});

describe('records written by earlier versions', () => {
  it('read as if written now: fields added since get their defaults, nothing else changes', async () => {
    const { upcastSummary, upcastEntry, upcastEvent } = await import('./events.ts');
    const old = { id: 'c1', reference: 'MASH-2026-00001', referral: { source: 'education' }, version: 3 } as unknown as Parameters<typeof upcastSummary>[0];
    expect(upcastSummary(old)).toMatchObject({
      reference: 'MASH-2026-00001',
      version: 3,
      restrictedTo: [],
      rating: null,
      deadlines: [],
      sharingDecisions: [],
      decisions: [],
      referral: { source: 'education', identityProtected: false },
    });
    const entry = { kind: 'contribution', id: 'e1', versions: [] } as unknown as Parameters<typeof upcastEntry>[0];
    expect(upcastEntry(entry)).toMatchObject({ restrictedTo: [] });
    const event = { type: 'contribution.added', data: { entryId: 'e1', content: null } } as unknown as Parameters<typeof upcastEvent>[0];
    expect(upcastEvent(event)).toMatchObject({ data: { restrictedTo: [] } });
    const current = { ...old, restrictedTo: ['police'], deadlines: [{ id: 'triage' }] } as unknown as Parameters<typeof upcastSummary>[0];
    expect(upcastSummary(current)).toMatchObject({ restrictedTo: ['police'], deadlines: [{ id: 'triage' }] });
  });
});
