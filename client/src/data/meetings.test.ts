import { describe, expect, it } from 'vitest';
import type { MeetingEvent, MeetingSummary } from '@mashboard/shared';
import { attendanceByAgency, decisionIssues, decisionPayloadParts, followState, mergeMeetingEvent, mergeMeetingRows, sortMeetings } from './meetings.ts';

const actor = { userId: 'u1', name: 'Rhian Hughes', agency: 'childrens-social-care' as const, role: 'duty-lead' as const };
const meeting = (over: Partial<MeetingSummary> = {}): MeetingSummary => ({
  id: 'm1',
  kind: 'triage',
  title: 'Morning triage',
  scheduledFor: '2026-11-21T09:00:00Z',
  chair: { userId: 'u1', name: 'Rhian Hughes', agency: 'childrens-social-care' },
  agenda: [
    { caseId: 'a', reference: 'MASH-1' },
    { caseId: 'b', reference: 'MASH-2' },
    { caseId: 'c', reference: 'MASH-3' },
  ],
  attendance: [],
  status: 'in-progress',
  currentItem: 1,
  minutes: [],
  createdBy: actor,
  version: 3,
  lastEventId: '1-0',
  updatedAt: '',
  ...over,
});
const ev = (seq: number, body: Pick<MeetingEvent, 'type' | 'data'>): MeetingEvent => ({ ...body, id: `${seq}-0`, seq, meetingId: 'm1', at: '2026-11-21T09:10:00Z', actor, commandId: `c${seq}` }) as MeetingEvent;

describe('live meeting events', () => {
  it('applies the next event, ignores repeats, and asks for a fresh copy after a gap or signed minutes', () => {
    const m = meeting();
    const moved = mergeMeetingEvent(m, ev(4, { type: 'meeting.moved', data: { itemIndex: 2 } }));
    expect(moved.meeting.currentItem).toBe(2);
    expect(moved.refetch).toBe(false);
    expect(mergeMeetingEvent(moved.meeting, ev(4, { type: 'meeting.moved', data: { itemIndex: 0 } })).meeting.currentItem).toBe(2);
    expect(mergeMeetingEvent(m, ev(6, { type: 'meeting.ended', data: {} }))).toEqual({ meeting: m, refetch: true });
    const signed = mergeMeetingEvent(m, ev(4, { type: 'meeting.minutes-signed', data: { version: 1, minutes: {} as never } }));
    expect(signed.refetch).toBe(true);
  });
});

describe('following the chair', () => {
  it('follows the chair unless browsing another item', () => {
    expect(followState(meeting(), null, false)).toEqual({ shown: 1, following: true, text: 'Following the chair (item 2 of 3)' });
    expect(followState(meeting(), 2, false)).toEqual({ shown: 2, following: false, text: 'You are browsing item 3 of 3' });
    expect(followState(meeting(), 1, false).following).toBe(true);
    expect(followState(meeting(), null, true).text).toBe('You are chairing: item 2 of 3');
    expect(followState(meeting({ status: 'scheduled', currentItem: 0 }), null, false).text).toBe('The meeting has not started (item 1 of 3)');
  });
});

describe('attendance and the meetings list', () => {
  it('groups attendance by agency in the usual order', () => {
    const g = attendanceByAgency([
      { agency: 'health', status: 'present', name: 'Priya Patel', recordedAt: '' },
      { agency: 'police', status: 'apologies', recordedAt: '' },
      { agency: 'health', status: 'written', name: 'GP', recordedAt: '' },
    ]);
    expect(g.map((x) => x.agency)).toEqual(['police', 'health']);
    expect(g[1]!.records).toHaveLength(2);
  });

  it('lists meetings in progress first, then upcoming, then ended', () => {
    const list = sortMeetings([
      meeting({ id: 'e', status: 'ended' }),
      meeting({ id: 's2', status: 'scheduled', scheduledFor: '2026-11-22T09:00:00Z' }),
      meeting({ id: 's1', status: 'scheduled', scheduledFor: '2026-11-21T09:00:00Z' }),
      meeting({ id: 'p', status: 'in-progress' }),
    ]);
    expect(list.map((m) => m.id)).toEqual(['p', 's1', 's2', 'e']);
  });

  it('merges list rows and live rows by meeting id: a new meeting is added, the newer version wins', () => {
    const listed = [meeting({ id: 'a', status: 'scheduled', version: 1 }), meeting({ id: 'b', status: 'in-progress', version: 2 })];
    const started = mergeMeetingRows(listed, [meeting({ id: 'a', status: 'in-progress', version: 2 })]);
    expect(started.map((m) => [m.id, m.status])).toEqual([['a', 'in-progress'], ['b', 'in-progress']]);
    // A list read before that push arrives after it: it does not take the meeting back.
    expect(mergeMeetingRows(started, listed).find((m) => m.id === 'a')!.status).toBe('in-progress');
    expect(mergeMeetingRows(null, [meeting({ id: 'c', version: 1 })]).map((m) => m.id)).toEqual(['c']);
    expect(mergeMeetingRows(started, [meeting({ id: 'c', version: 1 })]).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('a decision', () => {
  const blank = { informationFrom: [], informationAwaited: [], nextStep: { title: '', ownerUserId: '', due: '' } };
  it('needs an outcome, a threshold, a rationale and, in a meeting, someone who agreed; dissent rows need name, agency and view', () => {
    const issues = decisionIssues({ ...blank, outcome: '', rationale: ' ', threshold: '', agreedBy: [''], dissent: [{ key: 'k', name: 'Sam', agency: '', view: '' }] });
    expect(issues.map((i) => i.path)).toEqual(['outcome', 'threshold', 'rationale', 'agreedBy', 'dissent.0.agency', 'dissent.0.view']);
    const ok = { ...blank, outcome: 'early-help', rationale: 'r', threshold: 't', agreedBy: ['Rhian Hughes, CSC', ''], dissent: [{ key: 'k', name: '', agency: '', view: '' }] };
    expect(decisionIssues(ok)).toEqual([]);
    expect(decisionPayloadParts(ok)).toEqual({ rationale: 'r', threshold: 't', agreedBy: ['Rhian Hughes, CSC'], dissent: [], informationFrom: [], informationAwaited: [] });
  });

  it('on the board nobody need be named as agreeing; a next step needs what, who and a future due time, or nothing at all', () => {
    const base = { ...blank, outcome: 'early-help', rationale: 'r', threshold: 't', agreedBy: [''], dissent: [] };
    expect(decisionIssues(base, false)).toEqual([]);
    const now = Date.parse('2026-11-21T12:00:00Z');
    const partial = decisionIssues({ ...base, nextStep: { title: 'Visit', ownerUserId: '', due: '2026-11-20T10:00' } }, false, now);
    expect(partial.map((i) => i.path)).toEqual(['nextStep.ownerUserId', 'nextStep.dueAt']);
    const step = { ...base, nextStep: { title: 'Visit', ownerUserId: 'u1', due: '2026-11-23T10:00' } };
    expect(decisionIssues(step, false, now)).toEqual([]);
    expect(Date.parse(decisionPayloadParts(step).nextStep!.dueAt)).toBe(Date.parse('2026-11-23T10:00:00Z'));
  });

  it('an agency cannot be both relied on and still awaited', () => {
    const d = { ...blank, outcome: 'early-help', rationale: 'r', threshold: 't', agreedBy: [''], dissent: [], informationFrom: ['police', 'health'], informationAwaited: ['police'] };
    expect(decisionIssues(d, false).map((i) => i.path)).toEqual(['informationAwaited']);
  });
});
