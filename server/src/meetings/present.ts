/**
 * Meetings as each reader may see them: the agenda without the cases not shared with their agency,
 * the signed minutes in their own copy. Read by the REST routes, the queries and the socket pushes.
 */
import { agendaReaders, presentAgenda, presentMinutes, type AgendaAccess, type Audience, type MeetingEvent, type MeetingSummary } from '@mashboard/shared';

/** A meeting as one reader may see it: the agenda without the cases not shared with their agency, and each signed version of the minutes their own copy. */
export function presentMeeting(summary: MeetingSummary, access: AgendaAccess, viewer: Audience): MeetingSummary {
  return { ...summary, agenda: presentAgenda(summary.agenda, access, viewer), minutes: summary.minutes.map((m) => ({ ...m, minutes: presentMinutes(m.minutes, access, viewer) })) };
}

/**
 * A meeting as the meetings list gives it to one reader (`GET /api/meetings`, `meetings.watch`,
 * `meetings.changed`): its agenda as `presentMeeting` gives it, each signed version of the minutes
 * without its items. The agenda is the only part of a row that reads differently by agency
 * (`agendaReaders`), so rows are pushed per audience.
 */
export function meetingListRow(summary: MeetingSummary, access: AgendaAccess, viewer: Audience): MeetingSummary {
  return { ...summary, agenda: presentAgenda(summary.agenda, access, viewer), minutes: summary.minutes.map((v) => ({ ...v, minutes: { ...v.minutes, items: [] } })) };
}

/**
 * A meeting event as pushed live to one reader: the scheduling with the agenda as they may see it
 * (pushed per audience: `meetingEventReaders`); signed minutes as an outsider's copy (each reader
 * fetches their own).
 */
export function presentMeetingEvent(event: MeetingEvent, access: AgendaAccess, viewer: Audience): MeetingEvent {
  switch (event.type) {
    case 'meeting.scheduled':
      return { ...event, data: { ...event.data, agenda: presentAgenda(event.data.agenda, access, viewer) } };
    case 'meeting.minutes-signed':
      return { ...event, data: { ...event.data, minutes: presentMinutes(event.data.minutes, access, { agency: '' }) } };
    default:
      return event;
  }
}

/** The agencies that read this event differently from an outsider, or null when all read it alike. */
export function meetingEventReaders(event: MeetingEvent, access: AgendaAccess): string[] | null {
  return event.type === 'meeting.scheduled' ? agendaReaders(event.data.agenda, access) : null;
}
