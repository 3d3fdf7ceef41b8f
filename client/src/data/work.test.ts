import { describe, expect, it } from 'vitest';
import type { MeetingSummary, MyWork } from '@mashboard/shared';
import { meetingsForWork } from './work.ts';

const meeting = (id: string, over: Partial<MeetingSummary>): MeetingSummary =>
  ({
    id,
    kind: 'triage',
    title: id,
    scheduledFor: '2026-11-30T09:00:00Z',
    chair: { userId: 'chair', name: 'Chair', agency: 'childrens-social-care' },
    agenda: [],
    attendance: [],
    status: 'scheduled',
    currentItem: 0,
    minutes: [],
    ...over,
  }) as MeetingSummary;

const work: MyWork = { cases: [{ id: 'case-mine' } as MyWork['cases'][number]], leading: ['case-mine'], actions: [], requests: [] };
const me = { userId: 'me', agency: 'police' };

describe('the meetings on My work', () => {
  it('are those my agency is invited to, I chair, or that discuss my cases; not ended ones; soonest first', () => {
    const list = [
      meeting('invited', { invitedAgencies: ['police', 'health'], scheduledFor: '2026-12-01T09:00:00Z' }),
      meeting('chaired', { chair: { userId: 'me', name: 'Me', agency: 'police' } }),
      meeting('my-case', { agenda: [{ caseId: 'case-mine', reference: 'MASH-2026-00001' }], scheduledFor: '2026-11-29T15:00:00Z' }),
      meeting('not-mine', { invitedAgencies: ['health'] }),
      meeting('ended', { invitedAgencies: ['police'], status: 'ended' }),
    ];
    expect(meetingsForWork(list, work, me).map((m) => m.id)).toEqual(['my-case', 'chaired', 'invited']);
  });
});
