/**
 * Fan-out by audience: every appended case or meeting event, and every changed row of the case and
 * meeting lists, goes to the sockets that may see it, each in the copy its agency may see.
 */
import {
  type AgendaAccess,
  type Audience,
  type CaseEvent,
  type CaseSummary,
  type MeetingEvent,
  type MeetingSummary,
  agendaReaders,
  audienceOf,
  caseAudience,
  maySeeCase,
  presentCaseEvent,
  presentEvent,
  presentSummary,
  summaryReaders,
} from '@mashboard/shared';
import type { CaseAfterAppend } from '../cases/commands.ts';
import type { MeetingAfterAppend } from '../meetings/commands.ts';
import { meetingEventReaders, meetingListRow, presentMeetingEvent } from '../meetings/present.ts';
import type { MeetingQueries } from '../meetings/queries.ts';
import { metrics } from '../observability/metrics.ts';
import { KeyedQueue } from '../store/keyed-queue.ts';
import type { MashServer } from './io.ts';
import { LatestPerKey } from './latest-per-key.ts';
import { rooms } from './rooms.ts';

/** How often at most a busy case's row is pushed to case lists. */
export const CASE_LIST_PUSH_MS = 250;
/** How often at most a busy meeting's row is pushed to meetings lists (attendance comes in bursts). */
export const MEETING_LIST_PUSH_MS = CASE_LIST_PUSH_MS;

/** The copy an agency not among an item's readers may see. */
const OUTSIDER: Audience = { agency: '' };

type Broadcast = ReturnType<MashServer['to']>;

export class FanOut {
  // Case lists show each case's latest row: a busy case pushes its row at most every
  // CASE_LIST_PUSH_MS (the first change at once, the newest at the end of each window). A
  // restricted case reaches only its agencies' lists; a protected referrer only the opener's.
  private readonly caseListRows = new LatestPerKey<CaseSummary>(CASE_LIST_PUSH_MS, (summary) => {
    const readers = summaryReaders(summary);
    this.sendByAudience(
      rooms.caseList(),
      rooms.caseListAgency,
      readers,
      (viewer) => (maySeeCase(summary, viewer) ? presentSummary(summary, viewer) : undefined),
      (to, row) => to.emit('cases.changed', row),
    );
  });

  // A meeting's row and its scheduling carry its agenda, which reads differently by agency when a
  // restricted case is on it: who may see each case is read from the cases as it is pushed, and one
  // meeting's pushes keep their order.
  private readonly meetingPushes = new KeyedQueue();
  private readonly meetingListRows = new LatestPerKey<{ summary: MeetingSummary; access: AgendaAccess }>(MEETING_LIST_PUSH_MS, ({ summary, access }) => {
    this.sendByAudience(
      rooms.meetingList(),
      rooms.meetingListAgency,
      agendaReaders(summary.agenda, access),
      (viewer) => meetingListRow(summary, access, viewer),
      (to, row) => to.emit('meetings.changed', row),
    );
  });

  constructor(
    private readonly io: MashServer,
    private readonly meetings: Pick<MeetingQueries, 'agendaAccess'>,
  ) {}

  /** The steps after every append (wired in main.ts): the new events to the rooms, the row to the lists. */
  readonly afterAppend: { cases: CaseAfterAppend; meetings: MeetingAfterAppend } = {
    cases: { name: 'publish to case rooms and case lists', run: ({ events, summary }) => this.publishCase(events, summary) },
    meetings: { name: 'publish to the meeting room and meetings lists', run: ({ events, summary }) => this.publishMeeting(events, summary) },
  };

  /** A case's new events to its viewers, and its row to the case lists. */
  private publishCase(events: readonly CaseEvent[], summary: CaseSummary): void {
    // A case restricted to named agencies goes only to those agencies' rooms, each in the copy it
    // may see: a socket of any other agency gets nothing of it, whatever room it may be in.
    const caseReaders = caseAudience(summary);
    for (const event of events) {
      const caseRoom = (agency: string) => rooms.caseAgency(event.caseId, agency);
      if (caseReaders) {
        for (const agency of caseReaders) {
          const copy = presentCaseEvent(event, summary, { agency });
          if (copy) this.io.to(caseRoom(agency)).emit('case.event', copy);
        }
      } else {
        this.sendByAudience(
          rooms.case(event.caseId),
          caseRoom,
          audienceOf(event),
          (viewer) => presentEvent(event, viewer),
          (to, e) => to.emit('case.event', e),
        );
      }
      metrics.fanOut.observe(Math.max(0, Date.now() - Date.parse(event.at)) / 1000);
    }
    this.caseListRows.offer(summary.id, summary);
  }

  /** A meeting's new events to its attendees, and its row to the meetings lists. */
  private publishMeeting(events: readonly MeetingEvent[], summary: MeetingSummary): Promise<void> {
    const meetingId = summary.id;
    return this.meetingPushes.run(meetingId, async () => {
      const access = await this.meetings.agendaAccess([summary]);
      for (const event of events) {
        this.sendByAudience(
          rooms.meeting(meetingId),
          (agency) => rooms.meetingAgency(meetingId, agency),
          meetingEventReaders(event, access),
          (viewer) => presentMeetingEvent(event, access, viewer),
          (to, e) => to.emit('meeting.event', e),
        );
      }
      this.meetingListRows.offer(meetingId, { summary, access });
    });
  }

  /** Push the rows still waiting for their window. */
  flush(): void {
    this.caseListRows.flush();
    this.meetingListRows.flush();
  }

  /**
   * An event or row that reads differently for some agencies (`readers`) goes to each of those
   * agencies' rooms in the copy that agency may see, and to the rest of the room as an outsider's
   * copy (or not at all, when an outsider may see nothing of it). When nobody reads it
   * differently, the whole room gets the one copy.
   */
  private sendByAudience<T>(
    room: string,
    agencyRoom: (agency: string) => string,
    readers: readonly string[] | null,
    copyFor: (viewer: Audience) => T | undefined,
    send: (to: Broadcast, copy: T) => void,
  ): void {
    for (const agency of readers ?? []) {
      const copy = copyFor({ agency });
      if (copy !== undefined) send(this.io.to(agencyRoom(agency)), copy);
    }
    const outsiders = copyFor(OUTSIDER);
    if (outsiders !== undefined) send(readers ? this.io.to(room).except(readers.map(agencyRoom)) : this.io.to(room), outsiders);
  }
}
