import { describe, expect, it } from 'vitest';
import { agendaAccess, type MeetingEvent, type MeetingSummary } from '@mashboard/shared';
import { meetingEventReaders, meetingListRow, presentMeeting, presentMeetingEvent } from './present.ts';

const actor = { userId: 'u1', name: 'Rhian Hughes', agency: 'childrens-social-care' as const, role: 'duty-lead' as const };
const chair = { userId: 'u1', name: 'Rhian Hughes', agency: 'childrens-social-care' };
const agenda = [
  { caseId: 'secret', reference: 'MASH-2026-00001' },
  { caseId: 'open', reference: 'MASH-2026-00002' },
];
const access = agendaAccess([
  { id: 'secret', restrictedTo: ['childrens-social-care'], openedBy: { agency: 'police' } },
  { id: 'open', restrictedTo: [], openedBy: { agency: 'police' } },
]);
const WITHHELD = { caseId: '', reference: '', withheld: true };
const base = { id: '1-0', seq: 1, meetingId: 'm1', at: '2026-11-21T09:00:00Z', actor, commandId: 'c1' };
const scheduled: MeetingEvent = { ...base, type: 'meeting.scheduled', data: { kind: 'triage', title: 'Morning triage', scheduledFor: '2026-11-21T09:00:00Z', chair, agenda } };
const meeting: MeetingSummary = {
  id: 'm1',
  kind: 'triage',
  title: 'Morning triage',
  scheduledFor: '2026-11-21T09:00:00Z',
  chair,
  agenda,
  attendance: [],
  status: 'in-progress',
  currentItem: 0,
  minutes: [],
  createdBy: actor,
  version: 2,
  lastEventId: '2-0',
  updatedAt: '',
};

describe('a meeting as each reader is given it', () => {
  it('the meeting, its list row and its scheduling withhold a restricted case from other agencies, keeping its place', () => {
    for (const present of [presentMeeting, meetingListRow]) {
      expect(present(meeting, access, { agency: 'health' }).agenda).toEqual([WITHHELD, agenda[1]]);
      expect(present(meeting, access, { agency: 'police' }).agenda).toEqual(agenda);
    }
    const forHealth = presentMeetingEvent(scheduled, access, { agency: 'health' });
    expect(forHealth.type === 'meeting.scheduled' && forHealth.data.agenda).toEqual([WITHHELD, agenda[1]]);
    expect(JSON.stringify(forHealth)).not.toMatch(/secret|00001/);
    expect(presentMeetingEvent(scheduled, access, { agency: 'childrens-social-care' })).toEqual(scheduled);
  });

  it('the scheduling is pushed per audience when a restricted case is on the agenda; other events alike to all', () => {
    expect(meetingEventReaders(scheduled, access)?.sort()).toEqual(['childrens-social-care', 'police']);
    expect(meetingEventReaders({ ...scheduled, data: { ...scheduled.data, agenda: [agenda[1]!] } }, access)).toBeNull();
    expect(meetingEventReaders({ ...base, type: 'meeting.moved', data: { itemIndex: 1 } }, access)).toBeNull();
  });
});
