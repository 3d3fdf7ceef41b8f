/**
 * Meetings as event-sourced records (`mash:{meetings}:meeting:<id>:*`), through the same steps as cases:
 * validate with the shared schema, authorize by the policy table, decide from the current state
 * (the chair alone runs the meeting), append atomically with the projection, publish.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from '../redis.ts';
import {
  agendaAccess,
  agendaReaders,
  applyMeetingEvent,
  buildMinutes,
  byUrgency,
  chairIssues,
  DEFAULT_INVITED_AGENCIES,
  mayRecordAttendance,
  describeIssues,
  maySeeCase,
  MEETING_COMMANDS,
  presentAgenda,
  presentMinutes,
  type Actor,
  type AgendaAccess,
  type Audience,
  type CaseSummary,
  type CaseView,
  type MeetingCommandName,
  type MeetingEvent,
  type MeetingEventBody,
  type MeetingResult,
  type MeetingSummary,
} from '@mashboard/shared';
import type { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import type { Users } from '../auth/users.ts';
import { parseOrRefuse, refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import { AggregateStore, type EventStore } from '../store/event-store.ts';
import type { IndexChange } from '../store/case-index.ts';
import { keys } from '../store/keys.ts';
import { KeyedQueue } from '../store/keyed-queue.ts';

type Payload<N extends MeetingCommandName> = z.output<(typeof MEETING_COMMANDS)[N]>;
export type MeetingStore = AggregateStore<MeetingEvent, MeetingSummary, { id: string }>;

/**
 * A meeting is filed in the meetings index by when it is scheduled for, and under each case on its
 * agenda (so erasing a case finds its meetings), in the same step as its events.
 */
const meetingIndexChanges = (before: MeetingSummary | null, after: MeetingSummary | null): IndexChange[] => {
  const meeting = after ?? before;
  if (!meeting) return [];
  if (!after) return [{ op: 'zrem', key: keys.meetingIndex(), member: meeting.id }, ...meeting.agenda.map((a) => ({ op: 'zrem' as const, key: keys.meetingsByCase(a.caseId), member: meeting.id }))];
  const score = Date.parse(after.scheduledFor);
  if (before && Date.parse(before.scheduledFor) === score) return [];
  return [{ op: 'zadd', key: keys.meetingIndex(), score, member: after.id }, ...after.agenda.map((a) => ({ op: 'zadd' as const, key: keys.meetingsByCase(a.caseId), score, member: after.id }))];
};

export function meetingStore(redis: RedisClient): MeetingStore {
  return new AggregateStore<MeetingEvent, MeetingSummary, { id: string }>(redis, 'meeting', meetingIndexChanges);
}

export type MeetingListener = (events: MeetingEvent[], summary: MeetingSummary) => void;

export class MeetingCommands {
  private readonly listeners: MeetingListener[] = [];
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly redis: RedisClient,
    private readonly store: MeetingStore,
    private readonly cases: EventStore,
    private readonly users: Users,
    private readonly audit: AuditLog,
  ) {}

  onAppended(listener: MeetingListener): void {
    this.listeners.push(listener);
  }

  execute(name: string, raw: unknown, actor: Actor, via?: Via): Promise<MeetingResult> {
    const meetingIdGiven = typeof (raw as { meetingId?: unknown } | null)?.meetingId === 'string' ? (raw as { meetingId: string }).meetingId.slice(0, 64) : undefined;
    return audited(
      this.audit,
      { action: name.slice(0, 60), actor: auditActor(actor), objectType: 'meeting', ...(meetingIdGiven ? { objectId: meetingIdGiven } : {}) },
      via,
      async () => {
        if (!Object.hasOwn(MEETING_COMMANDS, name)) refuse('invalid', `Unknown command ${name}.`);
        const command = name as MeetingCommandName;
        authorize(actor, command);
        const payload = parseOrRefuse(MEETING_COMMANDS[command], raw) as Payload<MeetingCommandName>;
        const meetingId = command === 'meeting.schedule' ? 'm' + createHash('sha256').update(`meeting:${payload.commandId}`).digest('hex').slice(0, 20) : (payload as { meetingId: string }).meetingId;
        return this.queue.run(meetingId, () => this.run(command, payload, actor, meetingId));
      },
      'succeeded',
      (r) => ({ objectId: r.meetingId }),
    );
  }

  private async decide(name: MeetingCommandName, p: Payload<MeetingCommandName>, summary: MeetingSummary | null, actor: Actor): Promise<MeetingEventBody[]> {
    if (name === 'meeting.schedule') {
      const s = p as Payload<'meeting.schedule'>;
      if (summary) refuse('conflict', 'This meeting is already scheduled.');
      const chosen: CaseSummary[] = [];
      for (const [i, caseId] of s.agenda.entries()) {
        const c = await this.cases.readSummary(caseId);
        if (!c || !maySeeCase(c, actor)) refuse('invalid', `Invalid input: agenda.${i}: no case with that id is shared with your agency`, [{ path: `agenda.${i}`, message: 'no case with that id is shared with your agency' }]);
        if (chosen.some((x) => x.id === caseId)) refuse('invalid', `Invalid input: agenda.${i}: that case is already on the agenda`, [{ path: `agenda.${i}`, message: 'that case is already on the agenda' }]);
        chosen.push(c);
      }
      // Most urgent first; the chair can reorder it in the meeting.
      const agenda = byUrgency(chosen).map((c) => ({ caseId: c.id, reference: c.reference }));
      const invitedAgencies = [...new Set(s.invitedAgencies ?? DEFAULT_INVITED_AGENCIES)];
      const chairUser = s.chairUserId ? await this.users.get(s.chairUserId) : null;
      if (s.chairUserId && (!chairUser || chairUser.disabled)) refuse('invalid', 'Invalid input: chairUserId: no active user with that id', [{ path: 'chairUserId', message: 'no active user with that id' }]);
      const chair = chairUser ? { userId: chairUser.id, name: chairUser.name, agency: chairUser.agency } : { userId: actor.userId, name: actor.name, agency: actor.agency };
      return [{ type: 'meeting.scheduled', data: { kind: s.kind, title: s.title, scheduledFor: new Date(s.scheduledFor).toISOString(), chair, agenda, invitedAgencies } }];
    }
    if (!summary) refuse('not-found', `No meeting ${(p as { meetingId: string }).meetingId}.`);
    if (name === 'meeting.record-attendance') {
      const a = p as Payload<'meeting.record-attendance'>;
      if (summary.status === 'ended') refuse('conflict', 'The meeting has ended.');
      // Each agency answers for its own attendance; only the chair records anyone else's.
      if (!mayRecordAttendance(summary, a.agency, actor)) {
        refuse('forbidden', `Only the chair (${summary.chair.name}) may record another agency's attendance.`, [{ path: 'agency', message: 'record your own agency, or ask the chair' }]);
      }
      return [{ type: 'meeting.attendance-recorded', data: { agency: a.agency, name: a.name, status: a.status } }];
    }
    const notChair = chairIssues(summary, actor);
    if (notChair.length > 0) refuse('forbidden', `Only the chair may do this: ${describeIssues(notChair)}.`, notChair);
    switch (name) {
      case 'meeting.start':
        if (summary.status !== 'scheduled') refuse('conflict', `The meeting is already ${summary.status}.`);
        return [{ type: 'meeting.started', data: {} }];
      case 'meeting.move': {
        const { itemIndex } = p as Payload<'meeting.move'>;
        if (summary.status !== 'in-progress') refuse('conflict', 'Start the meeting first.');
        if (itemIndex >= summary.agenda.length) refuse('invalid', `Invalid input: itemIndex: the agenda has ${summary.agenda.length} items`, [{ path: 'itemIndex', message: `the agenda has ${summary.agenda.length} items` }]);
        return [{ type: 'meeting.moved', data: { itemIndex } }];
      }
      case 'meeting.reorder': {
        const { from, to } = p as Payload<'meeting.reorder'>;
        if (summary.status === 'ended') refuse('conflict', 'The meeting has ended: its agenda is kept as it was discussed.');
        const size = summary.agenda.length;
        const issues = [from >= size ? { path: 'from', message: `the agenda has ${size} items (0 to ${size - 1})` } : null, to >= size ? { path: 'to', message: `the agenda has ${size} items (0 to ${size - 1})` } : null].filter((x) => x !== null);
        if (issues.length) refuse('invalid', `Invalid input: ${describeIssues(issues)}`, issues);
        return [{ type: 'meeting.agenda-reordered', data: { from, to } }];
      }
      case 'meeting.end':
        if (summary.status !== 'in-progress') refuse('conflict', 'The meeting is not in progress.');
        return [{ type: 'meeting.ended', data: {} }];
      case 'meeting.sign-minutes': {
        if (summary.status === 'scheduled') refuse('conflict', 'The meeting has not started: there is nothing to minute.');
        // Minutes are built from the full record; every reader later gets their own copy of them.
        const views = (await Promise.all(summary.agenda.map((a) => this.cases.readView(a.caseId)))).filter((v): v is CaseView => v !== null);
        return [{ type: 'meeting.minutes-signed', data: { version: summary.minutes.length + 1, minutes: buildMinutes(summary, views) } }];
      }
      default:
        refuse('invalid', `Unknown command ${name}.`);
    }
  }

  private async run(name: MeetingCommandName, p: Payload<MeetingCommandName>, actor: Actor, meetingId: string): Promise<MeetingResult> {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const applied = await this.store.findAppliedCommand(meetingId, p.commandId);
      if (applied) return { meetingId, version: applied.version, lastEventId: applied.lastEventId, duplicate: true };
      const summary = await this.store.readSummary(meetingId);
      const version = summary?.version ?? 0;
      const bodies = await this.decide(name, p, summary, actor);
      const at = new Date().toISOString();
      const events = bodies.map((b, i) => ({ ...b, id: '', seq: version + i + 1, meetingId, at, actor, commandId: p.commandId }) as MeetingEvent);
      const next = events.reduce<MeetingSummary | null>((s, e) => applyMeetingEvent(s, e), summary)!;
      const outcome = await this.store.append({ caseId: meetingId, commandId: p.commandId, expectedVersion: version, events, summary: next, entries: [], previous: summary });
      if (outcome.kind === 'duplicate') return { meetingId, version: outcome.applied.version, lastEventId: outcome.applied.lastEventId, duplicate: true };
      if (outcome.kind === 'conflict') {
        await new Promise((r) => setTimeout(r, Math.random() * 4 * attempt));
        continue;
      }
      events.forEach((e, i) => (e.id = outcome.eventIds[i]!));
      const stored = { ...next, version: outcome.version, lastEventId: events[events.length - 1]!.id };
      for (const listener of this.listeners) listener(events, stored);
      return { meetingId, version: outcome.version, lastEventId: stored.lastEventId, duplicate: false };
    }
    refuse('conflict', 'The meeting is changing too fast to save this now; try again.');
  }
}

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
