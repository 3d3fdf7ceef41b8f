/** Reading meetings: the list of those to come and of the last 30 days, and one meeting, each as the reader may see it. */
import { agendaAccess, type Actor, type AgendaAccess, type MeetingSummary } from '@mashboard/shared';
import type { RedisClient } from '../redis.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import { refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { EventStore } from '../store/event-store.ts';
import { keys } from '../store/keys.ts';
import { meetingListRow, presentMeeting } from './present.ts';
import type { MeetingStore } from './store.ts';

/** How far back the meetings list reaches. */
export const MEETINGS_LISTED_DAYS = 30;

export class MeetingQueries {
  constructor(
    private readonly redis: RedisClient,
    private readonly store: MeetingStore,
    private readonly cases: EventStore,
    private readonly audit: AuditLog,
  ) {}

  /** Who may see the cases on these meetings' agendas now (read from the cases, not the meetings). */
  async agendaAccess(meetings: readonly Pick<MeetingSummary, 'agenda'>[]): Promise<AgendaAccess> {
    const caseIds = [...new Set(meetings.flatMap((m) => m.agenda.map((a) => a.caseId)))];
    return agendaAccess(await this.cases.index.cards(caseIds));
  }

  list(actor: Actor, via?: Via): Promise<MeetingSummary[]> {
    return audited(this.audit, { action: 'meeting.list', actor: auditActor(actor), objectType: 'meeting' }, via, async () => {
      authorize(actor, 'meeting.read');
      // What a MASH works from: meetings to come and those of the last 30 days (older ones are
      // reached from their cases), read by date from the index, never every meeting ever held.
      const since = Date.now() - MEETINGS_LISTED_DAYS * 86_400_000;
      const ids = await this.redis.zrevrangebyscore(keys.meetingIndex(), '+inf', since, 'LIMIT', 0, 200);
      const meetings = await this.store.readSummaries(ids);
      const access = await this.agendaAccess(meetings);
      return meetings.map((m) => meetingListRow(m, access, actor));
    });
  }

  read(actor: Actor, meetingId: string, via?: Via): Promise<MeetingSummary> {
    return audited(this.audit, { action: 'meeting.read', actor: auditActor(actor), objectType: 'meeting', objectId: meetingId }, via, async () => {
      authorize(actor, 'meeting.read');
      const summary = await this.store.readSummary(meetingId);
      if (!summary) refuse('not-found', `No meeting ${meetingId}.`);
      return presentMeeting(summary, await this.agendaAccess([summary]), actor);
    });
  }
}
